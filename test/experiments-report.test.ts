/** The notebooks' shared helpers: loading results by name, stating claims and comparisons. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkClaim, comparisonDirection, describeComparison, loadResults } from '../lib/experiments/report.js';
import type { MethodComparison } from '../lib/experiments/paired-test.js';

test('loadResults names a missing directory, a directory not named after a preset, and an empty one', () => {
  const root = mkdtempSync(join(tmpdir(), 'saobp-report-'));
  assert.throws(() => loadResults(join(root, 'paper')), /results directory .*paper not found: run `npm run experiments/);
  mkdirSync(join(root, 'mine'));
  assert.throws(() => loadResults(join(root, 'mine')), /names it after its preset \(smoke, quick, paper\)/);
  mkdirSync(join(root, 'quick'));
  assert.throws(() => loadResults(join(root, 'quick')), /holds no run files/);
});

test('checkClaim prints a claim that holds and throws on one that does not', () => {
  assert.doesNotThrow(() => checkClaim('one is positive', 1 > 0, '1'));
  assert.throws(() => checkClaim('one is negative', false, 'it is 1'), /claim does not hold: one is negative \(it is 1\)/);
});

test('describeComparison and comparisonDirection state mean ± sd and the paired test', () => {
  const c: MethodComparison = {
    a: { method: 'baseline', mean: 0.5, sd: 0.01, n: 3 },
    b: { method: 'saobp-mixture', mean: 0.6, sd: 0.02, n: 3 },
    test: { n: 3, meanDiff: 0.1, sdDiff: 0.01, t: 17.3, df: 2, p: 0.003 },
    seeds: [0, 1, 2],
  };
  assert.equal(describeComparison(c), 'baseline 0.500 ± 0.010 vs saobp-mixture 0.600 ± 0.020 (3 paired seeds; paired Δ = +0.100, t(2) = 17.30, p = 0.003)');
  assert.equal(comparisonDirection(c), 'higher (p < 0.05)');
  assert.equal(comparisonDirection({ ...c, test: { ...c.test, p: null, t: null } }), 'untested');
  assert.equal(comparisonDirection({ ...c, test: { ...c.test, meanDiff: -0.1, p: 0.3 } }), 'lower (n.s.)');
});
