/** A 0/1 indicator that autodiff treats as a constant (tfjs has no stopGradient, and comparisons have no gradient). */
import * as tf from '@tensorflow/tfjs-core';

const indicator = tf.customGrad((x) => ({
  value: tf.cast(tf.greater(x as tf.Tensor, 0), 'float32'),
  gradFunc: (dy) => tf.zerosLike(dy as tf.Tensor),
}));

/** 1 where x > 0, else 0; its gradient is zero. x [...] -> [...] */
export function positive(x: tf.Tensor): tf.Tensor {
  return indicator(x);
}
