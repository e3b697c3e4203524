/**
 * GPT-2-style pre-tokenization: a word keeps its leading space, so BPE tokens
 * concatenate back to the exact text and merges never cross word boundaries.
 */
const PRETOKEN = / ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;

export function pretokenize(text: string): string[] {
  return text.match(PRETOKEN) ?? [];
}
