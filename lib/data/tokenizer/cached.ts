import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DataInputError } from '../errors.js';
import { fingerprint } from '../hash.js';
import { defaultCacheDir } from '../paths.js';
import { DEFAULT_VOCAB_SIZE, trainBpe } from './bpe-train.js';
import { trainCharTokenizer } from './char-tokenizer.js';
import { loadTokenizer, saveTokenizer } from './serialize.js';
import type { Tokenizer } from './types.js';

export interface CachedTokenizerOptions {
  /** Cache key and provenance, e.g. 'moby-dick'; letters, digits, '-' and '_'. */
  corpus: string;
  /** The training split's texts. */
  texts: readonly string[];
  kind?: 'bpe' | 'char';
  /** BPE only; default 4096. */
  vocabSize?: number;
  /** Default: data/cache/ of the repository. */
  cacheDir?: string;
}

/**
 * Trains once and reuses: the file is keyed by corpus, kind, size and a
 * fingerprint of the training text, so a changed split never reuses a stale
 * tokenizer. Written atomically, so an interrupted run leaves no half file.
 */
export function cachedTokenizer(options: CachedTokenizerOptions): Tokenizer {
  const kind = options.kind ?? 'bpe';
  if (!/^[\w-]+$/.test(options.corpus)) {
    throw new DataInputError(`corpus name ${JSON.stringify(options.corpus)} must use only letters, digits, '-' and '_'`, { file: 'cachedTokenizer options' });
  }
  const print = fingerprint(options.texts);
  const size = kind === 'bpe' ? `-${options.vocabSize ?? DEFAULT_VOCAB_SIZE}` : '';
  const path = join(options.cacheDir ?? defaultCacheDir(), 'tokenizers', `${options.corpus}-${kind}${size}-${print.split(':')[0]}.json`);
  const source = { corpus: options.corpus, fingerprint: print };
  if (existsSync(path)) {
    const cached = loadTokenizer(path);
    if (cached.source?.fingerprint === print) return cached;
  }
  const tokenizer =
    kind === 'bpe' ? trainBpe(options.texts, { vocabSize: options.vocabSize ?? DEFAULT_VOCAB_SIZE, source }) : trainCharTokenizer(options.texts, source);
  saveTokenizer(tokenizer, path);
  return tokenizer;
}
