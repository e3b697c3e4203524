/**
 * Guards for the fast paths: each must compute the numbers of the straightforward ops.
 * - maskedSoftmax's written-out gradient against autodiff of the plain forward ops
 *   (gradient through the row max included), with masks that leave rows empty;
 * - the wasm Sum / Transpose / Identity replacements (lib/wasm-layout.ts) against the cpu backend.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend, maskedSoftmax } from 'saobp';

const fill = (shape: number[], phase: number, scale = 3) =>
  tf.tensor(Array.from({ length: tf.util.sizeFromShape(shape) }, (_, i) => scale * Math.sin(0.61 * i + phase)), shape);

function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string, tol = 1e-6): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < actual.length; i++) {
    assert.ok(Math.abs(actual[i] - expected[i]) <= tol * (1 + Math.abs(expected[i])), `${what}[${i}]: ${actual[i]} vs ${expected[i]}`);
  }
}

/** The pre-fast-path maskedSoftmax, differentiated by tfjs through every op (the row max too). */
function plainMaskedSoftmax(scores: tf.Tensor, mask: tf.Tensor): tf.Tensor {
  const m = tf.cast(mask, 'float32');
  const filled = tf.add(tf.mul(scores, m), tf.mul(tf.sub(m, 1), 1e9));
  const e = tf.mul(tf.exp(tf.sub(filled, tf.max(filled, -1, true))), m);
  const empty = tf.cast(tf.equal(tf.sum(m, -1, true), 0), 'float32');
  return tf.div(e, tf.add(tf.sum(e, -1, true), empty));
}

const MASKS: [string, () => tf.Tensor][] = [
  ['causal [T, T]', () => tf.linalg.bandPart(tf.ones([6, 6]), -1, 0)],
  // Rows 0 and 3 allow no key at all; broadcast over the batch and head axes.
  ['empty rows [1, 1, T, T]', () => tf.mul(tf.linalg.bandPart(tf.ones([6, 6]), 1, 1), tf.reshape(tf.tensor([0, 1, 1, 0, 1, 1]), [6, 1])).reshape([1, 1, 6, 6])],
  ['key padding [B, 1, 1, T]', () => tf.reshape(tf.tensor([1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1]), [2, 1, 1, 6])],
];

for (const backend of ['cpu', 'wasm']) {
  for (const [name, makeMask] of MASKS) {
    test(`maskedSoftmax fast gradient equals autodiff of the plain ops (${backend}, ${name})`, async () => {
      await initBackend(backend);
      tf.tidy(() => {
        const scores = fill([2, 3, 6, 6], 0.2);
        const mask = makeMask();
        const w = fill([2, 3, 6, 6], 1.1, 1);
        const loss = (f: (s: tf.Tensor, m: tf.Tensor) => tf.Tensor) => (s: tf.Tensor) => tf.sum(tf.mul(f(s, mask), w));
        const fast = tf.grad(loss(maskedSoftmax))(scores);
        const plain = tf.grad(loss(plainMaskedSoftmax))(scores);
        assertClose(maskedSoftmax(scores, mask).dataSync(), plainMaskedSoftmax(scores, mask).dataSync(), 'value');
        assertClose(fast.dataSync(), plain.dataSync(), 'gradient', 1e-5);
        assert.ok(fast.dataSync().every(Number.isFinite), 'finite gradient');
      });
    });
  }
}

test('wasm Gather with an index out of range is a clear error', async () => {
  await initBackend('wasm');
  const x = fill([5, 3], 0.1);
  const ids = tf.tensor([1, 5], [2], 'int32');
  assert.throws(() => tf.gather(x, ids), /GatherV2: the index value 5 is not in \[0, 4\]/);
  tf.dispose([x, ids]);
});

/** Runs `f` on cpu and on wasm (with the replaced kernels) and returns both results. */
async function onBoth(f: () => tf.Tensor): Promise<[Float32Array, Float32Array, number[], number[]]> {
  await initBackend('cpu');
  const cpu = tf.tidy(f);
  const [cpuValues, cpuShape] = [cpu.dataSync() as Float32Array, cpu.shape];
  cpu.dispose();
  await initBackend('wasm');
  const wasm = tf.tidy(f);
  const [wasmValues, wasmShape] = [wasm.dataSync() as Float32Array, wasm.shape];
  wasm.dispose();
  return [wasmValues, cpuValues, wasmShape, cpuShape];
}

const LAYOUT_CASES: [string, () => tf.Tensor][] = [
  ['Transpose 2-D, sizes not multiples of the tile', () => tf.transpose(fill([37, 70], 0.3))],
  ['Transpose of the last two axes, batched', () => tf.transpose(fill([3, 2, 33, 5], 0.4), [0, 1, 3, 2])],
  ['Transpose, other permutation (stock kernel)', () => tf.transpose(fill([3, 4, 5], 0.5), [2, 0, 1])],
  ['Transpose 2-D, 8-row blocks with a remainder', () => tf.transpose(fill([2051, 130], 0.35))],
  ['matMul a^T b with fewer output rows than columns (computed as (b^T a)^T)', () =>
    tf.matMul(fill([300, 24], 0.15, 1), fill([300, 80], 0.25, 1), true, false)],
  ['Gather of whole rows (embedding lookup)', () => tf.gather(fill([11, 6], 0.45), tf.tensor([3, 0, 10, 3, 7], [5], 'int32'))],
  ['Gather of rows with 2-D indices', () => tf.gather(fill([11, 6], 0.55), tf.tensor([[1, 2], [9, 9]], [2, 2], 'int32'))],
  ['Gather along axis 1 (stock kernel)', () => tf.gather(fill([4, 6], 0.65), tf.tensor([5, 0], [2], 'int32'), 1)],
  ['Sum over axis 0 (bias gradient)', () => tf.sum(fill([2048, 9], 0.6), 0)],
  ['Sum over axis 0, inner size a multiple of 4 (SIMD column sums)', () => tf.sum(fill([2048, 12], 0.65), 0)],
  ['Sum over leading axes, keepDims', () => tf.sum(fill([4, 5, 7], 0.7), [1, 0], true)],
  ['Sum over the last axis (stock kernel)', () => tf.sum(fill([4, 5, 7], 0.8), -1)],
  ['Identity shares memory, value unchanged after the source is gone', () => {
    const x = fill([4, 6], 0.9);
    const y = tf.clone(x);
    x.dispose();
    return tf.add(y, 0);
  }],
];

for (const [name, f] of LAYOUT_CASES) {
  test(`wasm ${name} equals cpu`, async () => {
    const [wasm, cpu, wasmShape, cpuShape] = await onBoth(f);
    assert.deepEqual(wasmShape, cpuShape);
    assertClose(wasm, cpu, name, 1e-5);
  });
}
