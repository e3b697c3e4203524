import { pretokenize } from './pretokenize.js';
import { UNK_ID } from './specials.js';
import type { Tokenizer, TokenizerJSON } from './types.js';
import { VocabTokenizer } from './vocab-tokenizer.js';

/** Pairs of ids packed into one number; ids stay below 2^21, far above any vocabulary here. */
export const PAIR_BASE = 2 ** 21;
export const pairKey = (a: number, b: number): number => a * PAIR_BASE + b;

/** Words seen are cached; the cache is dropped when it reaches this size, to bound memory on huge corpora. */
const WORD_CACHE_LIMIT = 500_000;

/**
 * Byte-pair encoding over characters. Vocabulary layout: special tokens,
 * then the alphabet, then one token per merge in rank order, so the token
 * made by merge r has id `vocab.length - merges.length + r`.
 */
export class BpeTokenizer extends VocabTokenizer implements Tokenizer {
  readonly kind = 'bpe' as const;
  private readonly merges: readonly [number, number][];
  private readonly rank = new Map<number, number>();
  private readonly firstMergeId: number;
  private readonly wordCache = new Map<string, number[]>();

  /** `merges` as id pairs in rank order; callers validate (see serialize.ts). */
  constructor(vocab: readonly string[], merges: readonly [number, number][], source?: TokenizerJSON['source']) {
    super(vocab, source);
    this.merges = merges;
    merges.forEach(([a, b], r) => this.rank.set(pairKey(a, b), r));
    this.firstMergeId = vocab.length - merges.length;
  }

  encode(text: string): number[] {
    const out: number[] = [];
    for (const word of pretokenize(text)) {
      let ids = this.wordCache.get(word);
      if (ids === undefined) {
        ids = this.encodeWord(word);
        if (this.wordCache.size >= WORD_CACHE_LIMIT) this.wordCache.clear();
        this.wordCache.set(word, ids);
      }
      for (const id of ids) out.push(id);
    }
    return out;
  }

  /** Applies merges lowest rank first, as in training; unknown characters stay [UNK] and never merge. */
  private encodeWord(word: string): number[] {
    let symbols: number[] = [];
    for (const char of word) symbols.push(this.ids.get(char) ?? UNK_ID);
    while (symbols.length > 1) {
      let best = Infinity;
      for (let i = 0; i + 1 < symbols.length; i++) {
        const r = this.rank.get(pairKey(symbols[i], symbols[i + 1]));
        if (r !== undefined && r < best) best = r;
      }
      if (best === Infinity) break;
      const [a, b] = this.merges[best];
      const merged: number[] = [];
      for (let i = 0; i < symbols.length; i++) {
        if (i + 1 < symbols.length && symbols[i] === a && symbols[i + 1] === b) {
          merged.push(this.firstMergeId + best);
          i++;
        } else {
          merged.push(symbols[i]);
        }
      }
      symbols = merged;
    }
    return symbols;
  }

  toJSON(): TokenizerJSON {
    return {
      format: 'saobp-tokenizer',
      version: 1,
      kind: 'bpe',
      vocab: [...this.vocab],
      merges: this.merges.map(([a, b]) => [this.vocab[a], this.vocab[b]]),
      ...(this.source ? { source: this.source } : {}),
    };
  }
}
