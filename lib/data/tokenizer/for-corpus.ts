import { CORPORA, type CorpusName } from '../corpora/registry.js';
import { DataInputError } from '../errors.js';
import { cachedTokenizer } from './cached.js';
import type { Tokenizer } from './types.js';

/**
 * The tokenizer of a packaged corpus, trained on its training split only (so
 * validation text never shapes the vocabulary) and cached under data/cache/.
 */
export function corpusTokenizer(corpus: CorpusName, options: { kind?: 'bpe' | 'char'; vocabSize?: number; cacheDir?: string } = {}): Tokenizer {
  const load = CORPORA[corpus];
  if (load === undefined) {
    throw new DataInputError(`unknown corpus ${JSON.stringify(corpus)}; expected one of ${Object.keys(CORPORA).join(', ')}`, { file: 'corpusTokenizer corpus' });
  }
  return cachedTokenizer({ corpus, texts: load().train.map((d) => d.text), ...options });
}
