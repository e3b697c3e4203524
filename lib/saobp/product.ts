/** Variant `product`: the log-domain belief, a product of tempered messages (SAOBP.md). */
import * as tf from '@tensorflow/tfjs-core';
import { maskedSoftmax } from './masked-softmax.js';
import type { Coefficient } from './mixture.js';

/**
 * S~ = S + A_off @ log1p(gamma * A): token i takes k's message 1 + gamma A[k, :] with
 * weight A[i, k], and sends itself none (A_off has a zero diagonal). No argument checks.
 * scores, attention [..., T, T], gamma number or [..., 1, 1] -> [..., T, T]
 */
export function productLogits(scores: tf.Tensor, attention: tf.Tensor, gamma: Coefficient): tf.Tensor {
  return tf.tidy(() => {
    const T = attention.shape[attention.rank - 1];
    const g = tf.cast(typeof gamma === 'number' ? tf.scalar(gamma) : gamma, 'float32');
    const offDiagonal = tf.mul(attention, tf.sub(1, tf.eye(T)));
    return tf.add(scores, tf.matMul(offDiagonal, tf.log1p(tf.mul(g, attention))));
  });
}

/**
 * A~ = softmax_M(S~). No argument checks.
 * scores, attention [..., T, T], gamma number or [..., 1, 1], mask broadcastable -> [..., T, T]
 */
export function productRefine(scores: tf.Tensor, attention: tf.Tensor, gamma: Coefficient, mask?: tf.Tensor): tf.Tensor {
  return tf.tidy(() => maskedSoftmax(productLogits(scores, attention, gamma), mask));
}
