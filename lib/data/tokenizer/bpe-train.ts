import { DataInputError } from '../errors.js';
import { BpeTokenizer, PAIR_BASE, pairKey } from './bpe-tokenizer.js';
import { PairHeap } from './max-heap.js';
import { pretokenize } from './pretokenize.js';
import { SPECIAL_TOKENS, UNK_ID } from './specials.js';
import type { TokenizerJSON } from './types.js';

export interface BpeTrainOptions {
  /** Total vocabulary, special tokens included. Default 4096. */
  vocabSize?: number;
  /** Characters rarer than this in the training text become [UNK] (keeps stray symbols of mail out). Default 2. */
  minCharCount?: number;
  /** Recorded in the saved JSON; the cache uses it. */
  source?: TokenizerJSON['source'];
}

export const DEFAULT_VOCAB_SIZE = 4096;

/**
 * Trains BPE on the texts: start from the characters, then repeatedly merge
 * the most frequent adjacent pair within words (ties: smaller ids first)
 * until the vocabulary is full or no pair occurs twice.
 */
export function trainBpe(texts: readonly string[], options: BpeTrainOptions = {}): BpeTokenizer {
  const vocabSize = options.vocabSize ?? DEFAULT_VOCAB_SIZE;
  const minCharCount = options.minCharCount ?? 2;
  const where = { file: options.source?.corpus ?? 'trainBpe' };
  if (!Number.isInteger(vocabSize) || vocabSize <= SPECIAL_TOKENS.length || vocabSize >= PAIR_BASE) {
    throw new DataInputError(
      `vocabSize ${vocabSize} must be an integer above the ${SPECIAL_TOKENS.length} special tokens (${SPECIAL_TOKENS.join(' ')}) and below ${PAIR_BASE}; pass e.g. vocabSize: ${DEFAULT_VOCAB_SIZE}`,
      where,
    );
  }

  const wordCounts = new Map<string, number>();
  for (const text of texts) for (const word of pretokenize(text)) wordCounts.set(word, (wordCounts.get(word) ?? 0) + 1);
  if (wordCounts.size === 0) {
    throw new DataInputError('cannot train a tokenizer on an empty corpus; pass at least one non-empty text', where);
  }

  const charCounts = new Map<string, number>();
  for (const [word, count] of wordCounts) for (const char of word) charCounts.set(char, (charCounts.get(char) ?? 0) + count);
  const alphabet = [...charCounts]
    .filter(([, count]) => count >= minCharCount)
    .sort((a, b) => b[1] - a[1] || a[0].codePointAt(0)! - b[0].codePointAt(0)!)
    .slice(0, vocabSize - SPECIAL_TOKENS.length)
    .map(([char]) => char)
    .sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!);
  const vocab: string[] = [...SPECIAL_TOKENS, ...alphabet];
  const idOf = new Map(vocab.map((token, id) => [token, id]));

  const words: number[][] = [];
  const counts: number[] = [];
  for (const [word, count] of wordCounts) {
    words.push(Array.from(word, (char) => idOf.get(char) ?? UNK_ID));
    counts.push(count);
  }

  const pairCounts = new Map<number, number>();
  const pairWords = new Map<number, Set<number>>();
  const addPairs = (w: number, sign: 1 | -1, touched: Set<number>): void => {
    const symbols = words[w];
    for (let i = 0; i + 1 < symbols.length; i++) {
      if (symbols[i] === UNK_ID || symbols[i + 1] === UNK_ID) continue;
      const key = pairKey(symbols[i], symbols[i + 1]);
      pairCounts.set(key, (pairCounts.get(key) ?? 0) + sign * counts[w]);
      if (sign === 1) {
        let set = pairWords.get(key);
        if (set === undefined) pairWords.set(key, (set = new Set()));
        set.add(w);
      }
      touched.add(key);
    }
  };
  const initial = new Set<number>();
  for (let w = 0; w < words.length; w++) addPairs(w, 1, initial);
  const heap = new PairHeap();
  for (const key of initial) heap.push(pairCounts.get(key)!, key);

  const merges: [number, number][] = [];
  while (vocab.length < vocabSize) {
    const top = heap.pop();
    if (top === undefined || top.count < 2) break;
    if (pairCounts.get(top.key) !== top.count) continue; // stale entry
    const a = Math.floor(top.key / PAIR_BASE);
    const b = top.key % PAIR_BASE;
    const merged = vocab.length;
    vocab.push(vocab[a] + vocab[b]);
    merges.push([a, b]);
    const touched = new Set<number>();
    for (const w of pairWords.get(top.key) ?? []) {
      addPairs(w, -1, touched);
      const symbols = words[w];
      const next: number[] = [];
      for (let i = 0; i < symbols.length; i++) {
        if (i + 1 < symbols.length && symbols[i] === a && symbols[i + 1] === b) {
          next.push(merged);
          i++;
        } else {
          next.push(symbols[i]);
        }
      }
      words[w] = next;
      addPairs(w, 1, touched);
    }
    pairWords.delete(top.key);
    for (const key of touched) {
      const count = pairCounts.get(key)!;
      if (count > 0) heap.push(count, key);
      else pairCounts.delete(key);
    }
  }
  return new BpeTokenizer(vocab, merges, options.source);
}
