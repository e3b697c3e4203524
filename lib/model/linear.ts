/**
 * The 2-D matMul every projection goes through, with a gradient that stays on the fast path.
 *
 * On the wasm backend a plain 2-D matMul runs ~23 GFLOP/s, but one with `transposeA` ~0.6
 * and with `transposeB` ~2.2 (measured here, 2048x128x384). tfjs's own matMul gradient uses
 * both flags, so the backward pass would dominate a step; an explicit transpose (a cheap copy)
 * followed by a plain matMul costs ~10% over the forward instead.
 */
import * as tf from '@tensorflow/tfjs-core';

/** x [N, K] @ w [K, M] -> [N, M]; gradients dx = dy w^T, dw = x^T dy, both as plain matMuls. */
export const matMul2d = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [x, w, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
  save([x, w]);
  return {
    value: tf.matMul(x, w),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xs, ws] = saved as tf.Tensor2D[];
      return [tf.matMul(dy as tf.Tensor2D, tf.transpose(ws)), tf.matMul(tf.transpose(xs), dy as tf.Tensor2D)];
    },
  };
}) as (x: tf.Tensor2D, w: tf.Tensor2D) => tf.Tensor2D;

/** x [N, K] @ w [K, M] + b [M] -> [N, M]. */
export function linear(x: tf.Tensor2D, w: tf.Tensor, b?: tf.Tensor): tf.Tensor2D {
  const y = matMul2d(x, w as tf.Tensor2D);
  return b === undefined ? y : tf.add(y, b);
}
