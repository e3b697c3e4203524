import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../lib/backend.js';
import { saobpRefine, causalMask, windowMask, paddingMask, type SaobpVariant } from '../lib/saobp/index.js';
import { loopMaskedSoftmax, loopMixture, loopProduct, type Matrix } from './saobp-loops.js';

before(async () => {
  await initBackend();
});

interface Stored { shape: number[]; data: number[] }
interface VariantFixture { refined: Stored; loss: number; grad_scores: Stored; grad_coef: Stored }
interface Case {
  name: string; scores: Stored; mask: Stored; lambda: Stored; gamma: Stored; weights: Stored; attention: Stored;
  mixture: VariantFixture; product: VariantFixture;
}
const fixtures = JSON.parse(readFileSync(new URL('./fixtures/saobp_fixtures.json', import.meta.url), 'utf8')) as { cases: Case[] };
const load = (t: Stored) => tf.tensor(t.data, t.shape, 'float32');

function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < actual.length; i++) {
    const err = Math.abs(actual[i] - expected[i]);
    assert.ok(err <= tol * Math.max(1, Math.abs(expected[i])), `${what}[${i}]: ${actual[i]} vs ${expected[i]}`);
  }
}

/** Flattened [T, T] matrices of `t` broadcast to `shape`. */
function matrices(t: tf.Tensor, shape: number[]): Matrix[] {
  const T = shape[shape.length - 1];
  return tf.tidy(() => tf.reshape(tf.broadcastTo(t, shape), [-1, T, T]).arraySync() as Matrix[]);
}

test('both variants equal the nested-loop implementation (causal, key padding, window with empty row)', () => {
  const B = 2, H = 2, T = 5, shape = [B, H, T, T];
  const s = tf.randomNormal(shape, 0, 2, 'float32', 11);
  const coef = tf.tensor4d([0.2, 0.9, 0.6, 0.35], [B, H, 1, 1]);
  const window = tf.tidy(() => tf.mul(windowMask(T, 1), tf.reshape(tf.tensor1d([1, 0, 1, 1, 1]), [T, 1])));
  const masks = { causal: causalMask(T), keyPadding: paddingMask([[1, 1, 1, 1, 1], [1, 1, 0, 0, 0]]), window };
  const S = matrices(s, shape);
  const c = matrices(tf.tidy(() => tf.tile(coef, [1, 1, T, T])), shape).map((m) => m[0][0]);
  for (const [name, mask] of Object.entries(masks)) {
    const M = matrices(mask, shape);
    for (const variant of ['mixture', 'product'] as SaobpVariant[]) {
      const { attention, refined } = saobpRefine(s, { mask, variant, lambda: coef, gamma: coef });
      const A = S.map((head, h) => loopMaskedSoftmax(head, M[h]));
      const expected = A.map((a, h) => (variant === 'mixture' ? loopMixture(a, M[h], c[h]) : loopProduct(S[h], a, M[h], c[h])));
      assertClose(attention.dataSync(), A.flat(2), 2e-6, `${name} attention`);
      assertClose(refined.dataSync(), expected.flat(2), 2e-6, `${name} ${variant}`);
      tf.dispose([attention, refined]);
    }
  }
});

for (const fixture of fixtures.cases) {
  test(`PyTorch fixture '${fixture.name}': attention, both variants and their gradients agree`, () => {
    const [s, mask, lambda, gamma, weights] = [fixture.scores, fixture.mask, fixture.lambda, fixture.gamma, fixture.weights].map(load);
    for (const variant of ['mixture', 'product'] as SaobpVariant[]) {
      const expected = fixture[variant];
      const loss = (x: tf.Tensor, coef: tf.Tensor) => {
        const { refined } = saobpRefine(x, { mask, variant, lambda: variant === 'mixture' ? coef : lambda, gamma: variant === 'product' ? coef : gamma });
        return tf.sum(tf.mul(weights, refined)) as tf.Scalar;
      };
      const { attention, refined } = saobpRefine(s, { mask, variant, lambda, gamma });
      assertClose(attention.dataSync(), fixture.attention.data, 1e-5, 'attention');
      assertClose(refined.dataSync(), expected.refined.data, 1e-5, `${variant} refined`);
      const { value, grads } = tf.valueAndGrads(loss)([s, variant === 'mixture' ? lambda : gamma]);
      assertClose(value.dataSync(), [expected.loss], 1e-5, `${variant} loss`);
      assertClose(grads[0].dataSync(), expected.grad_scores.data, 1e-4, `${variant} d loss / d scores`);
      assertClose(grads[1].dataSync(), expected.grad_coef.data, 1e-4, `${variant} d loss / d coefficient`);
      tf.dispose([attention, refined, value, ...grads]);
    }
  });
}

/**
 * Central differences in float32 on the cpu backend: step 1e-2 keeps rounding error
 * (~eps * |loss| / step) and truncation error (~step^2) both near 1e-4.
 */
test('finite differences agree with autodiff for scores, lambda and gamma (cpu backend)', async () => {
  await initBackend('cpu');
  try {
    const B = 2, H = 2, T = 5, shape = [B, H, T, T];
    const s = tf.randomNormal(shape, 0, 1.5, 'float32', 5);
    const weights = tf.randomNormal(shape, 0, 1, 'float32', 6);
    const direction = tf.randomNormal(shape, 0, 1, 'float32', 8);
    const mask = tf.tidy(() => tf.mul(causalMask(T), paddingMask([[1, 1, 1, 1, 1], [1, 1, 1, 1, 0]])));
    const coefs: Record<SaobpVariant, tf.Tensor> = { mixture: tf.tensor3d([0.1, 0.8], [H, 1, 1]), product: tf.tensor3d([0, -0.4], [H, 1, 1]) };
    const step = 1e-2;
    for (const variant of ['mixture', 'product'] as SaobpVariant[]) {
      const key = variant === 'mixture' ? 'lambda' : 'gamma';
      const loss = (x: tf.Tensor, c: tf.Tensor) => tf.tidy(() => tf.sum(tf.mul(weights, saobpRefine(x, { mask, variant, [key]: c }).refined)) as tf.Scalar);
      const at = (x: tf.Tensor, c: tf.Tensor) => { const l = loss(x, c); const v = l.dataSync()[0]; l.dispose(); return v; };
      const [gs, gc] = tf.grads(loss)([s, coefs[variant]]);
      const plus = tf.add(s, tf.mul(step, direction)), minus = tf.sub(s, tf.mul(step, direction));
      const numeric = (at(plus, coefs[variant]) - at(minus, coefs[variant])) / (2 * step);
      const analytic = tf.sum(tf.mul(gs, direction)).dataSync()[0];
      assert.ok(Math.abs(numeric - analytic) < 2e-3 + 1e-2 * Math.abs(analytic), `${variant} scores: ${numeric} vs ${analytic}`);
      const c = coefs[variant].dataSync(), g = gc.dataSync();
      for (let h = 0; h < H; h++) {
        const shifted = (d: number) => tf.tensor3d(c.map((v, k) => (k === h ? v + d : v)), [H, 1, 1]);
        const [cp, cm] = [shifted(step), shifted(-step)];
        const fd = (at(s, cp) - at(s, cm)) / (2 * step);
        assert.ok(Math.abs(fd - g[h]) < 2e-3 + 1e-2 * Math.abs(g[h]), `${variant} ${key}[${h}]: ${fd} vs ${g[h]}`);
        tf.dispose([cp, cm]);
      }
      tf.dispose([gs, gc, plus, minus]);
    }
  } finally {
    await initBackend();
  }
});
