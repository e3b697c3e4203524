/**
 * The projection every layer goes through. tfjs's own matMul gradient (transposed operands)
 * is fast on wasm because lib/wasm-matmul.ts turns transpose flags into an explicit
 * transpose plus a plain product; no custom gradient is needed here.
 */
import * as tf from '@tensorflow/tfjs-core';

/** x [N, K] @ w [K, M] + b [M] -> [N, M]. */
export function linear(x: tf.Tensor2D, w: tf.Tensor, b?: tf.Tensor): tf.Tensor2D {
  const y = tf.matMul(x, w as tf.Tensor2D) as tf.Tensor2D;
  return b === undefined ? y : tf.add(y, b) as tf.Tensor2D;
}
