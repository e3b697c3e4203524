import { DataInputError } from '../errors.js';
import { SPECIAL_TOKENS, UNK_ID } from './specials.js';
import type { Tokenizer, TokenizerJSON } from './types.js';

/** One id per character (Unicode code point); the vocabulary is fixed at construction. */
export class CharTokenizer implements Tokenizer {
  readonly kind = 'char' as const;
  private readonly vocab: readonly string[];
  private readonly ids: Map<string, number>;
  readonly source: TokenizerJSON['source'];

  /** `vocab`: token strings in id order, the special tokens first (see `validateVocab`). */
  constructor(vocab: readonly string[], source?: TokenizerJSON['source']) {
    this.vocab = vocab;
    this.ids = new Map(vocab.map((token, id) => [token, id]));
    this.source = source;
  }

  get vocabSize(): number {
    return this.vocab.length;
  }

  encode(text: string): number[] {
    const out: number[] = [];
    for (const char of text) out.push(this.ids.get(char) ?? UNK_ID);
    return out;
  }

  decode(ids: ArrayLike<number>, options: { keepSpecial?: boolean } = {}): string {
    return decodeTokens(this.vocab, ids, options.keepSpecial === true);
  }

  idToToken(id: number): string {
    return this.vocab[id];
  }

  tokenToId(token: string): number | undefined {
    return this.ids.get(token);
  }

  toJSON(): TokenizerJSON {
    return { format: 'saobp-tokenizer', version: 1, kind: 'char', vocab: [...this.vocab], ...(this.source ? { source: this.source } : {}) };
  }
}

/** Shared by both tokenizers: specials vanish unless kept, except [UNK], which shows as U+FFFD. */
export function decodeTokens(vocab: readonly string[], ids: ArrayLike<number>, keepSpecial: boolean): string {
  let out = '';
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (id < SPECIAL_TOKENS.length && !keepSpecial) {
      if (id === UNK_ID) out += '\uFFFD';
      continue;
    }
    const token = vocab[id];
    if (token === undefined) throw new RangeError(`decode: id ${id} is outside the vocabulary (size ${vocab.length})`);
    out += token;
  }
  return out;
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
