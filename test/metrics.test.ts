import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../lib/backend.js';
import {
  attentionEntropy, normalizedEntropy, top1Mass, effectiveSupport, attentionDistance, globalTokenDependency,
  latentGlobalTokenDependency, uniformAttention, uniformLatentGTD, uniformCausalLatentGTD, summarizeAttention, type MetricRow,
} from '../lib/metrics/index.js';
import { causalMask, maskedSoftmax, mixtureRefine } from '../lib/saobp/index.js';

before(async () => {
  await initBackend();
});

/** Runs a per-row metric and returns its values, disposing the tensor. */
function values(t: tf.Tensor): number[] {
  const out = Array.from(t.dataSync());
  t.dispose();
  return out;
}

function assertClose(actual: number[], expected: number[], what: string, tol = 1e-6): void {
  assert.equal(actual.length, expected.length, what);
  actual.forEach((v, i) => assert.ok(Number.isFinite(v) && Math.abs(v - expected[i]) <= tol, `${what}[${i}]: ${v} vs ${expected[i]}`));
}

// One-hot, two-way, uniform and empty rows.
const ROWS = [[1, 0, 0], [0.5, 0.5, 0], [1 / 3, 1 / 3, 1 / 3], [0, 0, 0]];
const { log, LN2 } = Math;

test('per-row metrics on one-hot, two-way, uniform and empty rows', () => {
  const a = tf.tensor3d([ROWS.slice(0, 3), [ROWS[3], ROWS[0], ROWS[1]]]);
  assertClose(values(attentionEntropy(a)), [0, LN2, log(3), 0, 0, LN2], 'entropy');
  assertClose(values(effectiveSupport(a)), [1, 2, 3, 1, 1, 2], 'effective support', 1e-5);
  assertClose(values(top1Mass(a)), [1, 0.5, 1 / 3, 0, 1, 0.5], 'top-1 mass');
  // Row i reads key j at distance |i - j|: row 1 of [0.5, 0.5, 0] is 0.5, uniform row 2 is (2 + 1 + 0) / 3.
  assertClose(values(attentionDistance(a)), [0, 0.5, 1, 0, 1, 1.5], 'distance');
  a.dispose();
});

test('normalized entropy divides by log(n_i) and reads 0 where n_i <= 1', () => {
  const mask = causalMask(3);
  const a = uniformAttention(mask);
  assertClose(values(normalizedEntropy(a, mask)), [0, 1, 1], 'uniform causal');
  const b = tf.tensor2d([ROWS[0], ROWS[1], ROWS[3]]);
  assertClose(values(normalizedEntropy(b)), [0, LN2 / log(3), 0], 'no mask: n_i = T');
  tf.dispose([mask, a, b]);
});

test('GTD is the total-variation distance per row', () => {
  const a = tf.tensor2d([[1, 0], [0.5, 0.5]]);
  const r = tf.tensor2d([[1, 0], [0.2, 0.8]]);
  assertClose(values(globalTokenDependency(a, r)), [0, 0.3], 'gtd');
  tf.dispose([a, r]);
});

test('latent GTD: self-attention 0, previous-token 1, uniform causal 0.125 at T = 2 and ~0.355 at T = 128', () => {
  const T = 5;
  const mask = causalMask(T);
  const self = tf.eye(T);
  // Previous-token attention: row 1 reads 0 and so does its two-hop walk; rows >= 2 move one step.
  const previous = tf.tensor2d(Array.from({ length: T }, (_, i) => Array.from({ length: T }, (_, j) => (j === Math.max(i - 1, 0) ? 1 : 0))));
  assertClose(values(latentGlobalTokenDependency(self, mask)), [0, 0, 0, 0, 0], 'self');
  assertClose(values(latentGlobalTokenDependency(previous, mask)), [0, 0, 1, 1, 1], 'previous token');
  const c2 = causalMask(2), c128 = causalMask(128), full = tf.ones([6, 6]);
  assertClose([uniformLatentGTD(c2)], [0.125], 'uniform causal T = 2');
  assertClose([uniformLatentGTD(c128)], [0.3547357835441876], 'uniform causal T = 128 (PyTorch float64)', 1e-5);
  assertClose([uniformLatentGTD(full)], [0], 'uniform bidirectional');
  tf.dispose([mask, self, previous, c2, c128, full]);
});

test('for the mixture, GTD_i = lambda * latent GTD_i <= lambda', () => {
  const mask = causalMask(6);
  const a = maskedSoftmax(tf.randomNormal([2, 6, 6], 0, 2, 'float32', 4), mask);
  const refined = mixtureRefine(a, 0.3, mask);
  const gtd = values(globalTokenDependency(a, refined));
  const latent = values(latentGlobalTokenDependency(a, mask));
  assertClose(gtd, latent.map((v) => 0.3 * v), 'gtd vs 0.3 * latent', 1e-6);
  assert.ok(gtd.every((v) => v <= 0.3 + 1e-6));
  tf.dispose([mask, a, refined]);
});

const pick = (rows: MetricRow[], metric: string, head: number | null) => {
  const row = rows.find((r) => r.metric === metric && r.head === head);
  assert.ok(row, `no row ${metric} head ${head}`);
  return row.value;
};

test('summaries leave out padding queries and empty rows, per head and per layer', () => {
  // Head 0 one-hot, head 1 uniform over the real keys; batch 1 has key/query 2 as padding,
  // whose own row (two-way) must not count.
  const attention = tf.tensor4d([
    [[[1, 0, 0], [0, 1, 0], [0, 0, 1]], [ROWS[2], ROWS[2], ROWS[2]]],
    [[[1, 0, 0], [0, 1, 0], ROWS[1]], [ROWS[1], ROWS[1], ROWS[1]]],
  ]);
  const mask = tf.reshape(tf.tensor2d([[1, 1, 1], [1, 1, 0]]), [2, 1, 1, 3]);
  const queryValid = tf.tensor2d([[1, 1, 1], [1, 1, 0]]);
  const before = tf.memory().numTensors;
  const rows = summarizeAttention({ layer: 3, attention, mask, queryValid });
  assert.equal(tf.memory().numTensors, before);
  const h1 = (3 * log(3) + 2 * LN2) / 5;
  assertClose([pick(rows, 'entropy', 0), pick(rows, 'entropy', 1), pick(rows, 'entropy', null)], [0, h1, h1 / 2], 'entropy');
  assertClose([pick(rows, 'normalized_entropy', 0), pick(rows, 'normalized_entropy', 1)], [0, 1], 'normalized entropy');
  assertClose([pick(rows, 'top1_mass', 1), pick(rows, 'sparsity', 0), pick(rows, 'sparsity', 1), pick(rows, 'sparsity', null)], [0.4, 1, 0, 0.5], 'top-1 and sparsity');
  assertClose([pick(rows, 'effective_support', 1)], [(3 * 3 + 2 * 2) / 5], 'effective support', 1e-5);
  // Uniform attention is its own uniform reference; bidirectional uniform rows do not move.
  assertClose([pick(rows, 'latent_gtd', 1), pick(rows, 'latent_gtd_uniform', 0)], [0, 0], 'latent gtd');
  assert.ok(rows.every((r) => r.layer === 3 && Number.isFinite(r.value)));
  assert.equal(rows.filter((r) => r.metric === 'gtd').length, 0, 'no gtd without refined');
  tf.dispose([attention, mask, queryValid]);
});

test('summaries of a refined layer add gtd and the pre-refinement metrics; empty rows never count', () => {
  const attention = tf.tensor3d([[ROWS[1], ROWS[3], [0, 0, 1]]]);
  const refined = tf.tensor3d([[[0.25, 0.75, 0], ROWS[3], [0, 0, 1]]]);
  const mask = tf.tensor2d([[1, 1, 0], [0, 0, 0], [0, 1, 1]]);
  const rows = summarizeAttention({ layer: 0, attention, refined, mask });
  assertClose([pick(rows, 'entropy_pre', 0), pick(rows, 'effective_support_pre', 0)], [LN2 / 2, 1.5], 'over 2 rows, not 3', 1e-5);
  const h = -(0.25 * log(0.25) + 0.75 * log(0.75));
  assertClose([pick(rows, 'entropy', 0), pick(rows, 'gtd', 0), pick(rows, 'gtd', null)], [h / 2, 0.125, 0.125], 'refined');
  assert.ok(rows.every((r) => Number.isFinite(r.value)));
  tf.dispose([attention, refined, mask]);
});

test('bad shapes throw one clear error naming the argument; per-row metrics leak nothing', () => {
  const a = tf.ones([2, 3, 3]);
  const mask = causalMask(3);
  const before = tf.memory().numTensors;
  for (const f of [attentionEntropy, top1Mass, effectiveSupport, attentionDistance]) f(a).dispose();
  normalizedEntropy(a, mask).dispose();
  latentGlobalTokenDependency(a).dispose();
  assert.equal(tf.memory().numTensors, before);
  assert.throws(() => attentionEntropy(tf.ones([2, 3, 4])), /attentionEntropy: attention must be \[\.\.\., T, T\]; got shape \[2,3,4\]/);
  assert.throws(() => globalTokenDependency(a, tf.ones([3, 3])), /refined shape \[3,3\] differs from attention shape \[2,3,3\]/);
  assert.throws(() => summarizeAttention({ layer: 0, attention: tf.ones([3, 3]) }), /attention must be \[B, H, T, T\] or \[H, T, T\]/);
  assert.throws(() => summarizeAttention({ layer: 0, attention: tf.ones([2, 1, 3, 3]), queryValid: tf.ones([2, 4]) }), /queryValid must be \[B, T\] = \[2,3\]/);
  tf.dispose([a, mask]);
});

test("the metrics are importable from 'saobp'", async () => {
  const pkg = (await import('saobp')) as Record<string, unknown>;
  for (const name of ['attentionEntropy', 'normalizedEntropy', 'top1Mass', 'effectiveSupport', 'attentionDistance', 'globalTokenDependency',
    'latentGlobalTokenDependency', 'uniformAttention', 'uniformLatentGTD', 'summarizeAttention']) {
    assert.equal(typeof pkg[name], 'function', name);
  }
});

test('uniformCausalLatentGTD (closed form) equals uniformLatentGTD on a causal mask; ~0.355 at T = 128', () => {
  for (const T of [1, 2, 7, 32]) {
    const mask = causalMask(T);
    assert.ok(Math.abs(uniformCausalLatentGTD(T) - uniformLatentGTD(mask)) < 1e-5, `T = ${T}`);
    mask.dispose();
  }
  assert.ok(Math.abs(uniformCausalLatentGTD(128) - 0.3547) < 1e-3, `${uniformCausalLatentGTD(128)}`);
  assert.equal(uniformCausalLatentGTD(1), 0);
  assert.throws(() => uniformCausalLatentGTD(0), /seqLen must be a positive integer/);
});
