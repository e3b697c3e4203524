/**
 * Guards for the fused wasm kernels (lib/wasm-fused.ts) and the mixture's written-out gradient:
 * each must compute the numbers of the composite ops it replaces. The cpu backend has no fused
 * kernels, so the same library call runs the composite ops there; values and gradients of a
 * weighted sum of the outputs are compared.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { AdamW, gelu, initBackend, layerNorm, maskedSoftmax, mixtureApply, selfAttention } from 'saobp';
// A pure function: the source copy is the built one.
import { fusedErfc, fusedExpNonPositive } from '../lib/wasm-fused.js';

const fill = (shape: number[], phase: number, scale = 1) =>
  tf.tensor(Array.from({ length: tf.util.sizeFromShape(shape) }, (_, i) => scale * Math.sin(0.61 * i + phase)), shape);

function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string, tol = 1e-5): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < actual.length; i++) {
    assert.ok(Math.abs(actual[i] - expected[i]) <= tol * (1 + Math.abs(expected[i])), `${what}[${i}]: ${actual[i]} vs ${expected[i]}`);
  }
}

/** f(...inputs) and the gradients of sum(f * w) w.r.t. every input, as plain arrays. */
function valueAndGrads(f: (...xs: tf.Tensor[]) => tf.Tensor, makeInputs: () => tf.Tensor[]): Float32Array[] {
  return tf.tidy(() => {
    const inputs = makeInputs();
    const y = f(...inputs);
    const w = fill(y.shape, 2.3);
    const grads = tf.grads((...xs: tf.Tensor[]) => tf.sum(tf.mul(f(...xs), w)))(inputs);
    return [y, ...grads].map((t) => t.dataSync() as Float32Array);
  });
}

/** Runs valueAndGrads on cpu (composite ops) and on wasm (fused kernels) and compares them. */
async function sameOnBoth(what: string, f: (...xs: tf.Tensor[]) => tf.Tensor, makeInputs: () => tf.Tensor[], tol = 1e-5): Promise<void> {
  await initBackend('cpu');
  const cpu = valueAndGrads(f, makeInputs);
  await initBackend('wasm');
  assert.notEqual(tf.getKernel('SaobpMaskedSoftmax', 'wasm'), undefined, 'fused kernels are registered on wasm');
  const wasm = valueAndGrads(f, makeInputs);
  assert.equal(wasm.length, cpu.length);
  wasm.forEach((values, i) => assertClose(values, cpu[i], `${what} ${i === 0 ? 'value' : `gradient ${i}`}`, tol));
}

test('expNonPositive matches Math.exp to 2e-8 relative over float32 range, and is 0 below it', () => {
  for (let i = 0; i <= 103_000; i++) {
    const d = -i / 1000;
    const exact = Math.exp(d);
    assert.ok(Math.abs(fusedExpNonPositive(d) - exact) <= 2e-8 * exact, `exp(${d})`);
  }
  assert.equal(fusedExpNonPositive(-200), 0);
  assert.equal(fusedExpNonPositive(0), 1);
});

/** erf by its Taylor series in float64; for |x| <= 2.5 its cancellation error stays below 1e-13. */
function erfSeries(x: number): number {
  let term = x;
  let sum = x;
  for (let n = 1; n < 120; n++) {
    term *= (-x * x) / n;
    sum += term / (2 * n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

test('the erfc of the GELU kernels is within 1.2e-7 relative of a float64 series on [-2.5, 2.5]', () => {
  for (let i = -2500; i <= 2500; i += 7) {
    const x = i / 1000;
    const exact = 1 - erfSeries(x);
    assert.ok(Math.abs(fusedErfc(x) - exact) <= 1.2e-7 * exact + 1e-15, `erfc(${x}): ${fusedErfc(x)} vs ${exact}`);
  }
});

test('fused GELU (SIMD body, JS tail) equals the composite ops, value and gradient', async () => {
  // 63 values: 60 through the f32x4 kernel, 3 through the JS tail.
  await sameOnBoth('gelu', (x) => gelu(x), () => [fill([7, 9], 0.3, 4)]);
});

test('fused LayerNorm with a width that is not a multiple of 4 (JS path) equals the composite ops', async () => {
  await sameOnBoth('layerNorm', (x, w, b) => layerNorm(x as tf.Tensor2D, w, b, 1e-5), () => [
    fill([6, 10], 0.4, 2),
    tf.add(fill([10], 0.2, 0.5), 1),
    fill([10], 0.8, 0.2),
  ]);
});

test('fused masked softmax on rows of a multiple of 4 (SIMD path) equals the composite ops', async () => {
  const L = 12;
  await sameOnBoth('maskedSoftmax', (s) => maskedSoftmax(s, tf.linalg.bandPart(tf.ones([L, L]), -1, 0)), () => [fill([2, 3, L, L], 0.9, 6)]);
});

const T = 9;
const causal = () => tf.linalg.bandPart(tf.ones([T, T]), -1, 0).reshape([1, 1, T, T]);
const MASKS: [string, () => tf.Tensor][] = [
  ['causal [1, 1, T, T]', causal],
  // Sequence 1 pads its last 4 keys: its rows see 5 keys; row 0 of sequence 0 sees none.
  ['padding x causal [B, 1, T, T] with an empty row', () => {
    const keys = tf.tensor([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0], [2, 1, 1, T]);
    const noFirstRow = tf.concat([tf.zeros([1, 1, 1, T]), tf.ones([1, 1, T - 1, T])], 2);
    return tf.mul(tf.mul(causal(), keys), tf.concat([noFirstRow, tf.ones([1, 1, T, T])], 0));
  }],
  ['key padding [B, 1, 1, T] (last axis broadcast)', () => tf.tensor([1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1], [2, 1, 1, T])],
  ['per-row [T, 1] mask (last-axis stride 0)', () => tf.tensor([1, 0, 1, 1, 1, 0, 1, 1, 1], [T, 1])],
];
for (const [name, mask] of MASKS) {
  test(`fused masked softmax equals the composite ops, value and gradient (JS path, ${name})`, async () => {
    await sameOnBoth('maskedSoftmax', (s) => maskedSoftmax(s, mask()), () => [fill([2, 3, T, T], 0.4, 6)]);
  });
}

test('fused LayerNorm (SIMD path) equals the composite ops, value and gradients of x, weight and bias', async () => {
  await sameOnBoth('layerNorm', (x, w, b) => layerNorm(x as tf.Tensor2D, w, b, 1e-5), () => [
    fill([13, 24], 0.1, 3),
    tf.add(fill([24], 0.7, 0.5), 1),
    fill([24], 1.3, 0.2),
  ]);
});

test('fused head split equals split + scale + transposes, through a whole attention layer', async () => {
  const [B, L, H, D] = [2, 7, 3, 12];
  await sameOnBoth(
    'selfAttention',
    (x, qkvWeight, qkvBias, outWeight, outBias) =>
      selfAttention(x as tf.Tensor2D, { qkvWeight, qkvBias, outWeight, outBias }, {
        batch: B,
        length: L,
        heads: H,
        mask: tf.linalg.bandPart(tf.ones([L, L]), -1, 0),
        saobp: false,
      }),
    () => [fill([B * L, D], 0.2), fill([D, 3 * D], 0.5, 0.3), fill([3 * D], 0.9, 0.1), fill([D, D], 1.7, 0.3), fill([D], 2.1, 0.1)],
  );
});

/** The mixture value form differentiated by tfjs through every op. */
const plainMixture = (a: tf.Tensor, v: tf.Tensor, l: tf.Tensor) => {
  const u = tf.matMul(a, v);
  return tf.add(tf.mul(tf.sub(1, l), u), tf.mul(l, tf.matMul(a, u)));
};

for (const backend of ['cpu', 'wasm']) {
  test(`mixtureApply written-out gradient equals autodiff of the plain ops for A, V and a per-head lambda (${backend})`, async () => {
    await initBackend(backend);
    const inputs = () => [
      maskedSoftmax(fill([2, 3, T, T], 0.3, 4), causal()),
      fill([2, 3, T, 5], 0.8),
      tf.reshape(tf.tensor([0.1, 0.5, 0.9]), [3, 1, 1]),
    ];
    const fast = valueAndGrads((a, v, l) => mixtureApply(a, v, l), inputs);
    const plain = valueAndGrads(plainMixture, inputs);
    fast.forEach((values, i) => assertClose(values, plain[i], `mixtureApply ${i === 0 ? 'value' : `gradient ${i}`}`));
  });
}

test('fused AdamW update equals the composite update (with and without decay)', async () => {
  const run = async (backend: string) => {
    await initBackend(backend);
    return tf.tidy(() => {
      const params = [
        { name: 'w', variable: tf.variable(fill([5, 4], 0.2)), decay: true },
        { name: 'b', variable: tf.variable(fill([4], 0.6)), decay: false },
      ];
      const opt = new AdamW(params, { weightDecay: 0.1 });
      for (let step = 0; step < 3; step++) {
        opt.apply({ w: fill([5, 4], step + 0.3, 0.1), b: fill([4], step + 0.9, 0.1) }, 1e-2);
      }
      const state = opt.getState();
      const out = [...params.map((p) => p.variable.dataSync() as Float32Array), state.m.w, state.v.w, state.m.b, state.v.b];
      opt.dispose();
      params.forEach((p) => p.variable.dispose());
      return out;
    });
  };
  const cpu = await run('cpu');
  const wasm = await run('wasm');
  wasm.forEach((values, i) => assertClose(values, cpu[i], `AdamW output ${i}`, 1e-6));
});
