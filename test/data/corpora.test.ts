import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadMobyDick, loadSotu, loadSotuParty, loadSpamAssassin, splitPassages, type CorpusSplits, type TextDocument } from '../../lib/data/index.js';

/** No document id, and no document text, appears in two splits. */
function assertDisjoint(splits: CorpusSplits<TextDocument>, sourceOf: (id: string) => string = (id) => id): void {
  const seen = new Map<string, string>();
  for (const name of ['train', 'validation', 'test'] as const) {
    for (const doc of splits[name]) {
      const source = sourceOf(doc.id);
      const other = seen.get(source);
      assert.ok(other === undefined || other === name, `${source} is in ${other} and ${name}`);
      seen.set(source, name);
    }
  }
  const ids = [...splits.train, ...splits.validation, ...splits.test].map((d) => d.id);
  assert.equal(new Set(ids).size, ids.length, 'ids are unique');
}

const counts = (s: CorpusSplits<unknown>): number[] => [s.train.length, s.validation.length, s.test.length];

test('Moby-Dick: chapters divisible by 10 are validation, the rest train; optional test split of chapters ending in 5', () => {
  const moby = loadMobyDick();
  assert.deepEqual(counts(moby), [125, 13, 0]);
  assert.deepEqual(moby.validation.map((d) => d.id), Array.from({ length: 13 }, (_, i) => `chapter-${(i + 1) * 10}`));
  assert.ok(moby.train.some((d) => d.id === 'chapter-1') && moby.train.some((d) => d.id === 'epilogue'));
  assert.ok(moby.train[1].text.length > 0);
  assertDisjoint(moby);
  const withTest = loadMobyDick({ testSplit: true });
  assert.deepEqual(counts(withTest), [111, 13, 14]);
  assert.ok(withTest.test.every((d) => Number(d.id.slice(8)) % 10 === 5));
  assertDisjoint(withTest);
  assert.deepEqual(loadMobyDick(), moby, 'deterministic');
});

test('SOTU: one document per address, split by year (…0 validation, …5 test)', () => {
  const sotu = loadSotu();
  assert.deepEqual(counts(sotu), [186, 24, 23]);
  assert.ok(sotu.validation.every((d) => Number(d.id.slice(0, 4)) % 10 === 0));
  assert.ok(sotu.test.every((d) => Number(d.id.slice(0, 4)) % 10 === 5));
  assertDisjoint(sotu);
  assert.deepEqual(loadSotu().validation.map((d) => d.id), sotu.validation.map((d) => d.id));
});

test('SOTU party: passages labelled Democratic/Republican, no president in two splits', () => {
  const party = loadSotuParty();
  assert.deepEqual(party.labels, ['Democratic', 'Republican']);
  assert.deepEqual(counts(party), [8963, 2078, 1859]);
  const president = (id: string): string => id.split('#')[0].replace(/^\d{4}-/, '');
  assertDisjoint(party, president);
  for (const split of [party.train, party.validation, party.test]) {
    const republican = split.filter((d) => d.label === 1).length / split.length;
    assert.ok(republican > 0.4 && republican < 0.6, `class balance ${republican}`);
  }
  assert.ok(party.train.every((d) => d.text.split(/\s+/).length >= 100 || d.id.endsWith('#0')));
  assert.deepEqual(loadSotuParty().test.map((d) => d.id), party.test.map((d) => d.id));
});

test('SpamAssassin: 6,046 mails split by checksum, labels from the folder', () => {
  const spam = loadSpamAssassin();
  assert.deepEqual(counts(spam), [4807, 640, 599]);
  const all = [...spam.train, ...spam.validation, ...spam.test];
  assert.equal(all.filter((d) => d.label === 1).length, 1896);
  assert.ok(all.every((d) => (d.label === 1) === d.id.startsWith('spam')));
  assertDisjoint(spam);
  assert.ok(!spam.train[0].text.includes('Return-Path:'), 'headers dropped by default');
  assert.ok(loadSpamAssassin({ content: 'raw' }).train[0].text.startsWith('From '));
});

test('splitPassages keeps whole sentences and every word', () => {
  const text = 'One two three. Four five! Six seven eight? Nine.';
  const passages = splitPassages(text, 4);
  assert.deepEqual(passages, ['One two three. Four five!', 'Six seven eight? Nine.']);
  assert.equal(passages.join(' '), text);
});
