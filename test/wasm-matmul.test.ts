/** The fast wasm BatchMatMul must compute what the cpu backend computes, for every layout it rewrites. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from 'saobp';

/** `grads: false` where tfjs-core's matMul gradient itself does not reduce a broadcast batch (on every backend). */
interface Case { name: string; a: number[]; b: number[]; ta: boolean; tb: boolean; grads?: false }

const CASES: Case[] = [
  { name: '2-D plain', a: [5, 7], b: [7, 3], ta: false, tb: false },
  { name: '2-D transposeA', a: [7, 5], b: [7, 3], ta: true, tb: false },
  { name: '2-D transposeB', a: [5, 7], b: [3, 7], ta: false, tb: true },
  { name: '2-D both', a: [7, 5], b: [3, 7], ta: true, tb: true },
  { name: 'batched', a: [4, 5, 7], b: [4, 7, 3], ta: false, tb: false },
  { name: 'batched transposeB (attention scores)', a: [2, 3, 6, 4], b: [2, 3, 6, 4], ta: false, tb: true },
  { name: 'batched transposeA', a: [3, 7, 5], b: [3, 7, 2], ta: true, tb: false },
  { name: 'a batched, b shared', a: [3, 5, 7], b: [7, 2], ta: false, tb: false, grads: false },
  { name: 'a batched, b batch 1', a: [3, 5, 7], b: [1, 7, 2], ta: false, tb: false, grads: false },
  { name: 'a shared, b batched', a: [5, 7], b: [3, 7, 2], ta: false, tb: false, grads: false },
  // Sizes that reach every register block of the SIMD kernel (4 x 8, 4 x 4, single rows and
  // columns) and a split of rows or slices between threads.
  { name: '2-D, 4x8 blocks with row and column remainders', a: [37, 29], b: [29, 21], ta: false, tb: false },
  { name: '2-D transposeA, remainders', a: [29, 37], b: [29, 21], ta: true, tb: false },
  { name: '2-D transposeB, remainders', a: [37, 29], b: [21, 29], ta: false, tb: true },
  // k = 300 > the kernel's k chunk (64 for n = 1030): partial sums resume across chunks.
  { name: '2-D with k in chunks', a: [9, 300], b: [300, 1030], ta: false, tb: false },
  { name: '2-D transposeA with k in chunks', a: [300, 9], b: [300, 1030], ta: true, tb: false },
  { name: 'tall 2-D split by rows', a: [130, 24], b: [24, 40], ta: false, tb: false },
  { name: 'batched, remainders, split by slices', a: [6, 13, 11], b: [6, 11, 19], ta: false, tb: false },
  { name: 'batched transposeA, remainders', a: [5, 11, 13], b: [5, 11, 9], ta: true, tb: false },
  { name: 'a shared transposed, b batched', a: [11, 13], b: [4, 11, 9], ta: true, tb: false, grads: false },
  { name: 'outer broadcast the stock kernel handles', a: [2, 1, 5, 7], b: [1, 3, 7, 2], ta: false, tb: false, grads: false },
];

const fill = (shape: number[], phase: number) =>
  tf.tensor(Array.from({ length: tf.util.sizeFromShape(shape) }, (_, i) => Math.sin(0.37 * i + phase)), shape);

/** Value of a.b and the gradients of sum((a.b) * w) w.r.t. a and b. */
function productAndGrads(c: Case): { y: number[]; ga: number[]; gb: number[]; shape: number[] } {
  return tf.tidy(() => {
    const a = fill(c.a, 0.1);
    const b = fill(c.b, 0.7);
    const y = tf.matMul(a, b, c.ta, c.tb);
    const w = fill(y.shape, 1.3);
    const [ga, gb] = c.grads === false ? [tf.zeros([0]), tf.zeros([0])]
      : tf.grads((x: tf.Tensor, z: tf.Tensor) => tf.sum(tf.mul(tf.matMul(x, z, c.ta, c.tb), w)))([a, b]);
    return { y: Array.from(y.dataSync()), ga: Array.from(ga.dataSync()), gb: Array.from(gb.dataSync()), shape: y.shape };
  });
}

function assertClose(actual: number[], expected: number[], what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    assert.ok(Math.abs(actual[i] - expected[i]) <= 1e-4 * (1 + Math.abs(expected[i])), `${what}[${i}]: ${actual[i]} vs ${expected[i]}`);
  }
}

test('fast wasm BatchMatMul equals the cpu backend (values and gradients) for every layout', async () => {
  await initBackend('cpu');
  const expected = CASES.map(productAndGrads);
  await initBackend('wasm');
  const before = tf.memory().numTensors;
  CASES.forEach((c, i) => {
    const got = productAndGrads(c);
    assert.deepEqual(got.shape, expected[i].shape, c.name);
    assertClose(got.y, expected[i].y, `${c.name}: value`);
    assertClose(got.ga, expected[i].ga, `${c.name}: d/da`);
    assertClose(got.gb, expected[i].gb, `${c.name}: d/db`);
  });
  assert.equal(tf.memory().numTensors, before, 'no tensor leaks');
});

test('a mismatched inner dimension is a clear error', async () => {
  await initBackend('wasm');
  assert.throws(() => tf.tidy(() => tf.matMul(tf.ones([2, 3, 4]), tf.ones([2, 5, 6]))), /inner dimensions 4 and 5/);
});
