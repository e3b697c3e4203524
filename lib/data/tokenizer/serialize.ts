import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../atomic-write.js';
import { DataInputError } from '../errors.js';
import { BpeTokenizer } from './bpe-tokenizer.js';
import { CharTokenizer } from './char-tokenizer.js';
import { SPECIAL_TOKENS } from './specials.js';
import type { Tokenizer, TokenizerJSON } from './types.js';

/** Saves as JSON, atomically (temp file, then rename). */
export function saveTokenizer(tokenizer: Tokenizer, path: string): void {
  writeFileAtomic(path, JSON.stringify(tokenizer.toJSON()));
}

export function loadTokenizer(path: string): Tokenizer {
  if (!existsSync(path)) throw new DataInputError('tokenizer file not found; train one (trainBpe / trainCharTokenizer) and save it there', { file: path });
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new DataInputError(`not valid JSON (${(error as Error).message}); delete the file and train again`, { file: path });
  }
  return tokenizerFromJSON(json, path);
}

/** Rebuilds a tokenizer, checking the layout so a damaged or foreign file fails here, not mid-training. */
export function tokenizerFromJSON(json: unknown, file = 'tokenizer JSON'): Tokenizer {
  const fail = (problem: string): never => {
    throw new DataInputError(`${problem}; delete the file and train the tokenizer again`, { file });
  };
  const j = json as Partial<TokenizerJSON>;
  if (typeof j !== 'object' || j === null || j.format !== 'saobp-tokenizer' || j.version !== 1) fail('not a saobp-tokenizer version 1 file');
  if (!Array.isArray(j.vocab) || !j.vocab.every((t) => typeof t === 'string')) fail('"vocab" must be an array of strings');
  const vocab = j.vocab!;
  if (vocab.length <= SPECIAL_TOKENS.length) {
    fail(`vocabulary of ${vocab.length} tokens is not larger than the ${SPECIAL_TOKENS.length} special tokens`);
  }
  SPECIAL_TOKENS.forEach((token, id) => {
    if (vocab[id] !== token) fail(`vocab[${id}] must be ${token}, found ${JSON.stringify(vocab[id])}`);
  });
  if (new Set(vocab).size !== vocab.length) fail('"vocab" holds a token twice');
  if (j.kind === 'char') return new CharTokenizer(vocab, j.source);
  if (j.kind !== 'bpe') return fail(`unknown kind ${JSON.stringify(j.kind)}; expected "char" or "bpe"`);
  const merges = j.merges;
  if (!Array.isArray(merges) || merges.length >= vocab.length - SPECIAL_TOKENS.length) fail('"merges" must be an array shorter than the non-special vocabulary');
  const idOf = new Map(vocab.map((token, id) => [token, id]));
  const firstMergeId = vocab.length - merges!.length;
  const pairs = merges!.map((pair, r): [number, number] => {
    const a = Array.isArray(pair) ? idOf.get(pair[0]) : undefined;
    const b = Array.isArray(pair) ? idOf.get(pair[1]) : undefined;
    if (a === undefined || b === undefined || vocab[firstMergeId + r] !== vocab[a] + vocab[b] || a >= firstMergeId + r || b >= firstMergeId + r) {
      return fail(`merge ${r} (${JSON.stringify(pair)}) does not produce vocab[${firstMergeId + r}] from earlier tokens`);
    }
    return [a, b];
  });
  return new BpeTokenizer(vocab, pairs, j.source);
}
