import { DataInputError } from '../errors.js';
import { SPECIAL_TOKENS, UNK_ID } from './specials.js';
import type { Tokenizer, TokenizerJSON } from './types.js';
import { VocabTokenizer } from './vocab-tokenizer.js';

/** One id per character (Unicode code point); the vocabulary is fixed at construction. */
export class CharTokenizer extends VocabTokenizer implements Tokenizer {
  readonly kind = 'char' as const;

  encode(text: string): number[] {
    const out: number[] = [];
    for (const char of text) out.push(this.ids.get(char) ?? UNK_ID);
    return out;
  }

  toJSON(): TokenizerJSON {
    return { format: 'saobp-tokenizer', version: 1, kind: 'char', vocab: [...this.vocab], ...(this.source ? { source: this.source } : {}) };
  }
}

/** Every character of the training texts, in code-point order, after the special tokens. */
export function trainCharTokenizer(texts: readonly string[], source?: TokenizerJSON['source']): CharTokenizer {
  const chars = new Set<string>();
  for (const text of texts) for (const char of text) chars.add(char);
  if (chars.size === 0) {
    throw new DataInputError('cannot build a character vocabulary from an empty corpus; pass at least one non-empty text', {
      file: source?.corpus ?? 'trainCharTokenizer texts',
    });
  }
  const alphabet = [...chars].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!);
  return new CharTokenizer([...SPECIAL_TOKENS, ...alphabet], source);
}
