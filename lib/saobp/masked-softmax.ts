/** Row-wise softmax over allowed keys: the `softmax_M` of SAOBP.md. */
import * as tf from '@tensorflow/tfjs-core';
import { hasKernel, MASKED_SOFTMAX, MASKED_SOFTMAX_GRAD, runFused } from '../wasm-fused.js';

/**
 * Masked entries are filled with this before the row max is taken, so that a large logit
 * on a masked key can never overflow `exp`; a finite fill keeps empty rows NaN-free.
 */
const MASKED_FILL = 1e9;

/** The forward pass as plain ops (masked entries exact zeros, empty rows all zero). */
function maskedSoftmaxValue(scores: tf.Tensor, m: tf.Tensor): tf.Tensor {
  const filled = tf.add(tf.mul(scores, m), tf.mul(tf.sub(m, 1), MASKED_FILL));
  const e = tf.mul(tf.exp(tf.sub(filled, tf.max(filled, -1, true))), m);
  // Empty rows have z = 0: divide by 1 instead, leaving the row at 0.
  const empty = tf.cast(tf.equal(tf.sum(m, -1, true), 0), 'float32');
  return tf.div(e, tf.add(tf.sum(e, -1, true), empty));
}

/**
 * dS = A * (dA - sum(dA * A)): the softmax gradient written out. Autodiff of the forward ops
 * gives the same numbers (masked entries and empty rows have A = 0, so dS = 0 there) but
 * differentiates through the row max, which is a no-op for softmax and costs tfjs a
 * broadcasting Equal on [..., T, T] (a third of a training step on wasm).
 */
function softmaxBackward(a: tf.Tensor, dy: tf.Tensor): tf.Tensor {
  return tf.mul(a, tf.sub(dy, tf.sum(tf.mul(dy, a), -1, true)));
}

/**
 * A = softmax_M(S): exactly 0 on masked entries, an all-zero row where no key is allowed.
 * scores [..., T, T], mask broadcastable to scores (1 = allowed) -> [..., T, T]
 */
export function maskedSoftmax(scores: tf.Tensor, mask?: tf.Tensor): tf.Tensor {
  if (mask === undefined) return tf.softmax(scores);
  return tf.tidy(() => {
    const m = tf.cast(mask, 'float32');
    const shape = tf.broadcast_util.assertAndGetBroadcastShape(scores.shape, m.shape);
    const s = shape.length === scores.rank && shape.every((d, i) => d === scores.shape[i]) ? scores : tf.broadcastTo(scores, shape);
    // One fused pass per row where the backend has the kernels (lib/wasm-fused.ts).
    const fused = hasKernel(MASKED_SOFTMAX) && hasKernel(MASKED_SOFTMAX_GRAD);
    // The mask is a constant of the closure: only the scores get a gradient.
    const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const [x, save] = args as [tf.Tensor, tf.GradSaveFunc];
      const a = fused ? runFused(MASKED_SOFTMAX, { x, mask: m })[0] : maskedSoftmaxValue(x, m);
      save([a]);
      return {
        value: a,
        gradFunc: (dy: tf.Tensor, [saved]: tf.Tensor[]) =>
          fused ? runFused(MASKED_SOFTMAX_GRAD, { a: saved, dy })[0] : softmaxBackward(saved, dy),
      };
    });
    return f(s);
  });
}
