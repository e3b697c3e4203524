import { SPECIAL_TOKENS, UNK_ID } from './specials.js';
import type { TokenizerJSON } from './types.js';

/**
 * What every tokenizer here shares: a vocabulary in id order (special tokens first), the
 * token <-> id maps and decoding. Subclasses say how text becomes ids.
 */
export abstract class VocabTokenizer {
  protected readonly vocab: readonly string[];
  protected readonly ids: Map<string, number>;
  readonly source: TokenizerJSON['source'];

  constructor(vocab: readonly string[], source?: TokenizerJSON['source']) {
    this.vocab = vocab;
    this.ids = new Map(vocab.map((token, id) => [token, id]));
    this.source = source;
  }

  get vocabSize(): number {
    return this.vocab.length;
  }

  /** Specials vanish unless kept, except [UNK], which shows as U+FFFD. */
  decode(ids: ArrayLike<number>, options: { keepSpecial?: boolean } = {}): string {
    const keepSpecial = options.keepSpecial === true;
    let out = '';
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      if (id < SPECIAL_TOKENS.length && !keepSpecial) {
        if (id === UNK_ID) out += '\uFFFD';
        continue;
      }
      const token = this.vocab[id];
      if (token === undefined) throw new RangeError(`decode: id ${id} is outside the vocabulary (size ${this.vocab.length})`);
      out += token;
    }
    return out;
  }

  idToToken(id: number): string {
    return this.vocab[id];
  }

  tokenToId(token: string): number | undefined {
    return this.ids.get(token);
  }
}
