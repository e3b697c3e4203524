/** Shape checks shared by the metrics: one clear line naming the function and the argument. */
import type * as tf from '@tensorflow/tfjs-core';

/** Attention maps are [..., T, T]; returns T. */
export function checkAttention(fn: string, name: string, t: tf.Tensor): number {
  const T = t.shape[t.rank - 1];
  if (t.rank < 2 || t.shape[t.rank - 2] !== T) {
    throw new Error(`${fn}: ${name} must be [..., T, T]; got shape [${t.shape}]`);
  }
  return T;
}

/** Two maps compared row by row must have the same shape. */
export function checkSameShape(fn: string, a: tf.Tensor, b: tf.Tensor): void {
  if (a.shape.length !== b.shape.length || a.shape.some((d, i) => d !== b.shape[i])) {
    throw new Error(`${fn}: refined shape [${b.shape}] differs from attention shape [${a.shape}]`);
  }
}
