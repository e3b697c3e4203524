/** What every tokenizer offers; ids 0..6 are the special tokens of specials.ts. */
export interface Tokenizer {
  readonly kind: 'char' | 'bpe';
  /** Number of ids, special tokens included. */
  readonly vocabSize: number;
  /** Which corpus and training text made it, when known. */
  readonly source: TokenizerJSON['source'];
  /** Ids of the text, without special tokens; characters outside the vocabulary become [UNK]. */
  encode(text: string): number[];
  /** Concatenates the tokens' strings; special tokens are dropped unless `keepSpecial`. */
  decode(ids: ArrayLike<number>, options?: { keepSpecial?: boolean }): string;
  idToToken(id: number): string;
  tokenToId(token: string): number | undefined;
  toJSON(): TokenizerJSON;
}

/** The saved form, one JSON object; `merges` only for BPE, as pairs of token strings in rank order. */
export interface TokenizerJSON {
  format: 'saobp-tokenizer';
  version: 1;
  kind: 'char' | 'bpe';
  /** Token strings in id order, specials first. */
  vocab: string[];
  merges?: [string, string][];
  /** Which corpus and training text made it (cache check). */
  source?: { corpus: string; fingerprint: string };
}
