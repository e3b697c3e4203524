import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../lib/backend.js';
import {
  saobpRefine, maskedSoftmax, causalMask, windowMask, paddingMask, causalPaddingMask,
  twoHopTarget, mixtureRefine, mixtureApply, productLogits,
} from '../lib/saobp/index.js';
import { loopEntropy, type Matrix } from './saobp-loops.js';

before(async () => {
  await initBackend();
});

/** The [T, T] matrices of a [..., T, T] tensor, leading axes flattened. */
function heads(t: tf.Tensor): Matrix[] {
  const T = t.shape[t.rank - 1];
  return tf.tidy(() => tf.reshape(t, [-1, T, T]).arraySync() as Matrix[]);
}

/** The mask broadcast to the scores' shape, as matrices. */
function fullMask(mask: tf.Tensor, shape: number[]): Matrix[] {
  return heads(tf.tidy(() => tf.broadcastTo(tf.cast(mask, 'float32'), shape)));
}

const B = 2, H = 3, T = 6;
const SHAPE: [number, number, number, number] = [B, H, T, T];
const masks = (): Record<string, tf.Tensor> => {
  const window = tf.tidy(() => tf.mul(windowMask(T, 1), tf.reshape(tf.tensor1d([1, 1, 0, 1, 1, 1]), [T, 1])));
  return {
    causal: causalMask(T),
    keyPadding: paddingMask([[1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 0, 0]]),
    causalPadding: causalPaddingMask([[1, 1, 1, 1, 1, 1], [1, 1, 1, 0, 0, 0]]),
    windowWithEmptyRow: window,
  };
};
const scores = () => tf.randomNormal(SHAPE, 0, 2, 'float32', 7) as tf.Tensor4D;
const perHead = (values: number[]) => tf.tensor3d(values, [H, 1, 1]);

test('lambda = 0 and gamma = 0 give A~ == A exactly', () => {
  const s = scores();
  for (const mask of Object.values(masks())) {
    for (const options of [{ variant: 'mixture', lambda: 0 }, { variant: 'product', gamma: 0 }] as const) {
      const { attention, refined } = saobpRefine(s, { mask, ...options });
      assert.deepEqual(refined.dataSync(), attention.dataSync());
      tf.dispose([attention, refined]);
    }
  }
});

test('rows sum to 1 (0 for empty rows), masked entries are exactly 0, causal stays causal', () => {
  const s = scores();
  for (const [name, mask] of Object.entries(masks())) {
    const M = fullMask(mask, SHAPE);
    for (const options of [
      { variant: 'mixture', lambda: perHead([0.1, 0.5, 1]) },
      { variant: 'product', gamma: perHead([-0.9, 1, 5]) },
    ] as const) {
      const { attention, refined } = saobpRefine(s, { mask, ...options });
      for (const [which, t] of [['A', attention], ['A~', refined]] as const) {
        heads(t).forEach((head, h) => head.forEach((row, i) => {
          const allowed = M[h][i].some((m) => m === 1);
          const sum = row.reduce((a, b) => a + b, 0);
          assert.ok(Math.abs(sum - (allowed ? 1 : 0)) < 1e-5, `${name} ${options.variant} ${which} row ${i} sums to ${sum}`);
          row.forEach((v, j) => {
            assert.ok(Number.isFinite(v) && v >= 0, `${name} ${which}[${i},${j}] = ${v}`);
            if (M[h][i][j] === 0) assert.equal(v, 0, `${name} ${options.variant} ${which}[${i},${j}] is masked but ${v}`);
          });
        }));
      }
      tf.dispose([attention, refined]);
    }
  }
});

test('mixture: H(A~_i) >= (1 - lambda) H(A_i) + lambda H(P_i) (concavity)', () => {
  const s = scores();
  for (const mask of Object.values(masks())) {
    for (const lambda of [0.1, 0.5, 0.9]) {
      const { attention, refined } = saobpRefine(s, { mask, lambda });
      const P = tf.tidy(() => twoHopTarget(attention, mask));
      const [a, p, r] = [heads(attention), heads(P), heads(refined)];
      r.forEach((head, h) => head.forEach((row, i) => {
        const bound = (1 - lambda) * loopEntropy(a[h][i]) + lambda * loopEntropy(p[h][i]);
        assert.ok(loopEntropy(row) >= bound - 1e-5, `row ${i}: ${loopEntropy(row)} < ${bound}`);
      }));
      tf.dispose([attention, refined, P]);
    }
  }
});

test('mixtureApply equals the explicit form under causal and key-padding masks, not under windows', () => {
  const s = scores();
  const values = tf.randomNormal([B, H, T, 4], 0, 1, 'float32', 3);
  const gap = (mask: tf.Tensor, lambda: number | tf.Tensor) => tf.tidy(() => {
    const a = maskedSoftmax(s, mask);
    const explicit = tf.matMul(mixtureRefine(a, lambda, mask), values);
    return tf.max(tf.abs(tf.sub(mixtureApply(a, values, lambda), explicit))).dataSync()[0];
  });
  const m = masks();
  for (const name of ['causal', 'keyPadding', 'causalPadding']) {
    for (const lambda of [0.3, perHead([0, 0.5, 1])]) assert.ok(gap(m[name], lambda) < 1e-5, `${name}: ${gap(m[name], lambda)}`);
  }
  assert.ok(gap(m.windowWithEmptyRow, 0.5) > 1e-3, 'a window mask needs the explicit, renormalized form');
});

test("product: the logit shift lies in [0, log(1 + gamma)] and is gamma * A_off @ A to first order", () => {
  const s = scores();
  const { causal } = masks();
  const a = maskedSoftmax(s, causal);
  for (const gamma of [0.5, 2, 10]) {
    const shift = tf.tidy(() => tf.sub(productLogits(s, a, gamma), s).dataSync());
    for (const v of shift) assert.ok(v >= 0 && v <= Math.log1p(gamma) + 1e-6, `shift ${v} outside [0, log(1 + ${gamma})]`);
  }
  const gamma = 1e-3;
  const err = tf.tidy(() => {
    const firstOrder = tf.matMul(tf.mul(a, tf.sub(1, tf.eye(T))), a);
    const shift = tf.div(tf.sub(productLogits(s, a, gamma), s), gamma);
    return tf.max(tf.abs(tf.sub(shift, firstOrder))).dataSync()[0];
  });
  assert.ok(err < 2e-3, `first-order error ${err}`);
  a.dispose();
});

test('one-hot rows and empty rows give finite attention, refinement and gradients', () => {
  const s = tf.tensor3d([[[200, 0, 0], [0, 200, 0], [0, 0, 200]]]);
  const mask = tf.tensor2d([[1, 1, 0], [1, 1, 0], [0, 0, 0]]);
  for (const variant of ['mixture', 'product'] as const) {
    const g = tf.tidy(() => tf.grad((x: tf.Tensor) => tf.sum(tf.square(saobpRefine(x, { mask, variant, lambda: 0.5 }).refined)))(s));
    const { attention, refined } = saobpRefine(s, { mask, variant, lambda: 0.5 });
    assert.deepEqual(heads(attention)[0], [[1, 0, 0], [0, 1, 0], [0, 0, 0]]);
    for (const v of [...refined.dataSync(), ...g.dataSync()]) assert.ok(Number.isFinite(v));
    assert.deepEqual(heads(refined)[0][2], [0, 0, 0]);
    tf.dispose([attention, refined, g]);
  }
});

test('every bad input throws one clear error naming the argument', () => {
  const s = tf.zeros([2, 4, 4]);
  const cases: [() => unknown, RegExp][] = [
    [() => saobpRefine(tf.zeros([2, 4, 3])), /scores must be square in the last two axes.*\[2,4,3\]/],
    [() => saobpRefine(tf.zeros([4])), /scores must be square/],
    [() => saobpRefine(tf.zeros([4, 4], 'int32')), /scores must be float32; got int32/],
    [() => saobpRefine(tf.tensor2d([[0, NaN], [0, 0]])), /scores holds non-finite logits/],
    [() => saobpRefine(tf.tensor2d([[0, Infinity], [0, 0]])), /scores holds non-finite logits/],
    [() => saobpRefine(s, { mask: tf.ones([3, 4]) }), /mask shape \[3,4\] does not broadcast to scores shape \[2,4,4\]/],
    [() => saobpRefine(s, { mask: tf.ones([3, 4, 4]) }), /mask shape \[3,4,4\] does not broadcast/],
    [() => saobpRefine(s, { mask: tf.fill([4, 4], 0.5) }), /mask must hold only 0\/1/],
    [() => saobpRefine(s, { variant: 'sum' as 'mixture' }), /unknown variant 'sum'/],
    [() => saobpRefine(s, { variant: 'product', gamma: -1 }), /gamma must be finite and > -1; got -1/],
    [() => saobpRefine(s, { variant: 'product', gamma: tf.tensor3d([0.5, -2], [2, 1, 1]) }), /every gamma must be finite and > -1/],
    [() => saobpRefine(s, { gamma: Infinity }), /gamma must be finite and > -1/],
    [() => saobpRefine(s, { lambda: 1.5 }), /lambda must be in \[0, 1\]; got 1.5/],
    [() => saobpRefine(s, { lambda: -0.1 }), /lambda must be in \[0, 1\]; got -0.1/],
    [() => saobpRefine(s, { lambda: NaN }), /lambda must be in \[0, 1\]; got NaN/],
    [() => saobpRefine(s, { lambda: tf.tensor1d([0.1, 0.2]) }), /lambda shape \[2\] does not broadcast to \[2,1,1\].*reshape to \[H, 1, 1\]/],
    [() => saobpRefine(s, { lambda: tf.tensor3d([0.1, 2], [2, 1, 1]) }), /every lambda must be in \[0, 1\]/],
    [() => saobpRefine(s, { lamda: 0.5 } as object), /unknown option 'lamda'/],
    [() => mixtureApply(s, tf.zeros([2, 3, 8]), 0.1), /mixtureApply: values must be \[\.\.\., 4, d\]/],
    [() => mixtureApply(s, tf.zeros([2, 4, 8]), 2), /mixtureApply: lambda must lie in \[0, 1\]; got 2/],
    [() => causalMask(0), /causalMask: T must be an integer >= 1; got 0/],
    [() => windowMask(4, -1), /windowMask: radius must be an integer >= 0/],
    [() => paddingMask([[1, 2]]), /paddingMask: keyValid must hold only 0\/1/],
    [() => paddingMask(tf.ones([4])), /paddingMask: keyValid must be \[B, T\]/],
  ];
  for (const [call, message] of cases) {
    assert.throws(call, (err: Error) => {
      assert.match(err.message, message);
      assert.equal(err.message.split('\n').length, 1, 'one line');
      return true;
    });
  }
});

test('no tensor leaks: refinement, masks and gradients leave numTensors unchanged', () => {
  const s = scores();
  const gamma = perHead([0, 0.5, -0.5]);
  const before = tf.memory().numTensors;
  for (const mask of Object.values(masks())) {
    for (const variant of ['mixture', 'product'] as const) {
      tf.dispose(Object.values(saobpRefine(s, { mask, variant, gamma })));
      tf.dispose(tf.grads((x: tf.Tensor, g: tf.Tensor) => tf.sum(saobpRefine(x, { mask, variant, gamma: g, lambda: tf.abs(g) }).refined))([s, gamma]));
    }
    mask.dispose();
  }
  assert.equal(tf.memory().numTensors, before);
});

test("the public API is importable from 'saobp' and matches the source", async () => {
  const pkg = await import('saobp');
  const s = scores();
  const mask = causalMask(T);
  const fromPkg = pkg.saobpRefine(s, { mask, variant: 'product', gamma: 0.7 });
  const fromSrc = saobpRefine(s, { mask, variant: 'product', gamma: 0.7 });
  assert.deepEqual(fromPkg.refined.dataSync(), fromSrc.refined.dataSync());
  for (const name of ['maskedSoftmax', 'causalMask', 'paddingMask', 'causalPaddingMask', 'windowMask', 'mixtureApply', 'mixtureRefine', 'twoHopTarget', 'productLogits', 'productRefine']) {
    assert.equal(typeof (pkg as Record<string, unknown>)[name], 'function', name);
  }
});
