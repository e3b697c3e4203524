import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  cachedTokenizer, DataInputError, loadMobyDick, loadTokenizer, saveTokenizer, SPECIAL_TOKENS, trainBpe, trainCharTokenizer, UNK_ID,
} from '../../lib/data/index.js';

const moby = loadMobyDick();
const trainTexts = moby.train.map((d) => d.text);
const tmp = (): string => mkdtempSync(join(tmpdir(), 'saobp-tok-'));

test('BPE on Moby-Dick: 4096 tokens, specials first, exact round trip on every chapter', () => {
  const bpe = trainBpe(trainTexts);
  assert.equal(bpe.vocabSize, 4096);
  SPECIAL_TOKENS.forEach((token, id) => assert.equal(bpe.idToToken(id), token));
  // Characters seen once in training (minCharCount 2) are [UNK], which decodes as U+FFFD.
  const expected = (text: string): string => Array.from(text, (c) => (bpe.tokenToId(c) === undefined ? '\uFFFD' : c)).join('');
  for (const doc of [...moby.train, ...moby.validation]) assert.equal(bpe.decode(bpe.encode(doc.text)), expected(doc.text));
  assert.ok(moby.train.filter((d) => expected(d.text) === d.text).length > 120, 'nearly every chapter is lossless');
  const ids = bpe.encode('Call me Ishmael.');
  assert.ok(ids.length <= 5, `common words merge: ${ids.map((i) => bpe.idToToken(i)).join('|')}`);
  assert.deepEqual(bpe.encode('\u4e2d'), [UNK_ID], 'unseen character');
  assert.equal(bpe.decode([SPECIAL_TOKENS.indexOf('[CLS]'), ...ids]), 'Call me Ishmael.', 'specials dropped');

  const dir = tmp();
  saveTokenizer(bpe, join(dir, 'bpe.json'));
  const loaded = loadTokenizer(join(dir, 'bpe.json'));
  assert.deepEqual(loaded.toJSON(), bpe.toJSON());
  const chapter = moby.validation[0].text;
  assert.deepEqual(loaded.encode(chapter), bpe.encode(chapter));
  assert.deepEqual(trainBpe(trainTexts).toJSON(), bpe.toJSON(), 'training is deterministic');
});

test('character tokenizer: vocabulary = characters of the training split, JSON round trip', () => {
  const char = trainCharTokenizer(trainTexts);
  assert.equal(char.vocabSize, SPECIAL_TOKENS.length + new Set(trainTexts.join('')).size);
  const text = moby.train[5].text;
  assert.equal(char.encode(text).length, [...text].length);
  assert.equal(char.decode(char.encode(text)), text);
  const dir = tmp();
  saveTokenizer(char, join(dir, 'char.json'));
  assert.equal(loadTokenizer(join(dir, 'char.json')).decode(char.encode('whale')), 'whale');
});

test('cachedTokenizer trains once, reuses the file, and leaves no temp file', () => {
  const dir = tmp();
  const texts = ['the whale the whale the sea', 'a ship at sea'];
  const first = cachedTokenizer({ corpus: 'tiny', texts, vocabSize: 40, cacheDir: dir });
  const files = readdirSync(join(dir, 'tokenizers'));
  assert.equal(files.length, 1);
  assert.match(files[0], /^tiny-bpe-40-[0-9a-f]{8}\.json$/);
  const second = cachedTokenizer({ corpus: 'tiny', texts, vocabSize: 40, cacheDir: dir });
  assert.deepEqual(second.toJSON(), first.toJSON());
  cachedTokenizer({ corpus: 'tiny', texts: [...texts, 'more text'], vocabSize: 40, cacheDir: dir });
  assert.equal(readdirSync(join(dir, 'tokenizers')).length, 2, 'changed training text -> new file');
  assert.ok(readdirSync(join(dir, 'tokenizers')).every((f) => f.endsWith('.json')));
});

test('bad input: empty corpus, vocabulary not above the specials, damaged or missing file', () => {
  assert.throws(() => trainBpe([]), (e: Error) => e instanceof DataInputError && /empty corpus/.test(e.message));
  assert.throws(() => trainBpe(['', '']), /empty corpus/);
  assert.throws(() => trainCharTokenizer(['']), /empty corpus/);
  assert.throws(() => trainBpe(['abc'], { vocabSize: 5 }), /vocabSize 5 must be an integer above the 7 special tokens/);
  assert.throws(() => trainBpe(['abc'], { vocabSize: 7 }), /above the 7 special tokens/);

  const dir = tmp();
  const path = join(dir, 'tok.json');
  assert.throws(() => loadTokenizer(path), (e: Error) => e.message.startsWith(`${path}: tokenizer file not found`));
  writeFileSync(path, '{"format":"saobp-tokenizer","version":1,"kind":"char","vocab":["[PAD]","[UNK]"');
  assert.throws(() => loadTokenizer(path), (e: Error) => e.message.startsWith(`${path}: not valid JSON`));
  writeFileSync(path, JSON.stringify({ format: 'saobp-tokenizer', version: 1, kind: 'char', vocab: ['[PAD]', '[UNK]', 'a'] }));
  assert.throws(() => loadTokenizer(path), /vocabulary of 3 tokens is not larger than the 7 special tokens/);
  const good = trainBpe(['the whale the whale'], { vocabSize: 20 }).toJSON();
  writeFileSync(path, JSON.stringify({ ...good, merges: [['x', 'y'], ...good.merges!.slice(1)] }));
  assert.throws(() => loadTokenizer(path), /merge 0/);
  assert.ok(existsSync(path) && readFileSync(path, 'utf8').length > 0);
});
