/** The paired t-test against closed forms (df 1 and 2) and scipy.stats.ttest_rel values; compareMethods pairs by seed. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareMethods, pairedTTest, studentTwoSidedP, type TidyRow } from 'saobp';

const close = (actual: number | null, expected: number, tol = 1e-9) =>
  assert.ok(actual !== null && Math.abs(actual - expected) < tol, `${actual} vs ${expected}`);

test('Student t tails match the closed forms for df 1 and 2', () => {
  for (const t of [0, 0.3, 1, 2.5, 12, -4]) {
    close(studentTwoSidedP(t, 1), 1 - (2 / Math.PI) * Math.atan(Math.abs(t)));
    close(studentTwoSidedP(t, 2), 1 - Math.abs(t) / Math.sqrt(t * t + 2));
  }
});

test('Student t tails match scipy', () => {
  close(studentTwoSidedP(2.5, 7), 0.04099221858575289);
  close(studentTwoSidedP(0.3, 30), 0.7662461052843528);
  close(studentTwoSidedP(12, 3), 0.0012450158007893362);
});

test('pairedTTest matches scipy.stats.ttest_rel(b, a)', () => {
  const r = pairedTTest([1.0, 1.4, 1.2, 1.5], [1.2, 1.5, 1.1, 1.9]);
  close(r.t, 1.441153384245785);
  close(r.p, 0.2451938817949475);
  assert.equal(r.df, 3);
  const s = pairedTTest([3.0, 3.05, 3.1], [3.1, 2.9, 3.3]);
  close(s.t, 0.4803844614152615);
  close(s.p, 0.6783662395486615);
});

test('pairedTTest edge cases: one pair, no spread, bad input', () => {
  const one = pairedTTest([1], [2]);
  assert.deepEqual([one.n, one.meanDiff, one.t, one.p], [1, 1, null, null]);
  assert.equal(pairedTTest([1, 2], [1, 2]).p, 1);
  assert.equal(pairedTTest([1, 2], [2, 3]).p, 0);
  assert.throws(() => pairedTTest([1, 2], [1]), /same seeds/);
  assert.throws(() => pairedTTest([1, NaN], [1, 2]), /finite/);
});

test('compareMethods pairs runs by seed and refuses an ambiguous selection', () => {
  const row = (method: string, seed: number, value: number, layer: number | null = null): TidyRow =>
    ({ run: `t.tiny.${method}.seed${seed}`, task: 't', size: 'tiny', method, seed, step: 10, layer, head: null, metric: 'eval_loss', value });
  const rows = [
    row('baseline', 0, 1.0), row('baseline', 1, 1.4), row('baseline', 2, 1.2), row('baseline', 3, 1.5),
    row('saobp', 3, 1.9), row('saobp', 1, 1.5), row('saobp', 0, 1.2), row('saobp', 2, 1.1), row('other', 0, 9),
  ];
  const c = compareMethods(rows, { task: 't', metric: 'eval_loss' }, 'baseline', 'saobp');
  assert.deepEqual(c.seeds, [0, 1, 2, 3]);
  close(c.a.mean, 1.275);
  assert.equal(c.b.n, 4);
  close(c.test.p, 0.2451938817949475);
  const unpaired = compareMethods(rows.slice(0, 5), { metric: 'eval_loss' }, 'baseline', 'saobp');
  assert.deepEqual([unpaired.seeds, unpaired.test.p], [[3], null]);
  assert.throws(() => compareMethods([...rows, row('saobp', 0, 2, 1)], { metric: 'eval_loss' }, 'baseline', 'saobp'), /several saobp rows/);
});
