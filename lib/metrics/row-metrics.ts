/** Per-row attention statistics (SAOBP.md, Metrics). All are finite for any valid attention map. */
import * as tf from '@tensorflow/tfjs-core';
import { checkAttention } from './check.js';

/** Top-1 mass above which a row counts as sparse. */
export const SPARSITY_THRESHOLD = 0.9;

/** H_i = -sum_j A[i,j] log A[i,j] in nats, 0 log 0 = 0. attention [..., T, T] -> [..., T] */
export function attentionEntropy(attention: tf.Tensor): tf.Tensor {
  checkAttention('attentionEntropy', 'attention', attention);
  return tf.tidy(() => {
    // log(1) = 0 stands in for log(0) so that zero entries contribute exactly 0, never NaN.
    const safe = tf.add(attention, tf.cast(tf.lessEqual(attention, 0), 'float32'));
    return tf.neg(tf.sum(tf.mul(attention, tf.log(safe)), -1));
  });
}

/** Number of allowed keys n_i per row (T everywhere without a mask). attention [..., T, T], mask broadcastable -> [..., T] */
export function allowedKeys(attention: tf.Tensor, mask?: tf.Tensor): tf.Tensor {
  const T = checkAttention('allowedKeys', 'attention', attention);
  return tf.tidy(() => {
    if (mask === undefined) return tf.fill(attention.shape.slice(0, -1), T);
    return tf.sum(tf.broadcastTo(tf.cast(mask, 'float32'), attention.shape), -1);
  });
}

/**
 * H_i / log(n_i); rows with n_i <= 1 are not valid for this metric and read 0 (the summary
 * leaves them out). attention [..., T, T], mask broadcastable -> [..., T]
 */
export function normalizedEntropy(attention: tf.Tensor, mask?: tf.Tensor): tf.Tensor {
  checkAttention('normalizedEntropy', 'attention', attention);
  return tf.tidy(() => {
    const n = allowedKeys(attention, mask);
    const valid = tf.cast(tf.greater(n, 1), 'float32');
    // Invalid rows divide by log(e) = 1 instead of log(1) = 0, then are zeroed.
    const logN = tf.log(tf.add(tf.mul(n, valid), tf.mul(tf.sub(1, valid), Math.E)));
    return tf.mul(valid, tf.div(attentionEntropy(attention), logN));
  });
}

/** Top-1 mass max_j A[i,j]. attention [..., T, T] -> [..., T] */
export function top1Mass(attention: tf.Tensor): tf.Tensor {
  checkAttention('top1Mass', 'attention', attention);
  return tf.max(attention, -1);
}

/** Effective support exp(H_i): 1 for a one-hot row, n for a uniform row over n keys. attention [..., T, T] -> [..., T] */
export function effectiveSupport(attention: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.exp(attentionEntropy(attention)));
}

/** Attention distance sum_j A[i,j] |i - j|: how far token i reads. attention [..., T, T] -> [..., T] */
export function attentionDistance(attention: tf.Tensor): tf.Tensor {
  const T = checkAttention('attentionDistance', 'attention', attention);
  return tf.tidy(() => {
    const position = tf.range(0, T, 1, 'float32');
    const distance = tf.abs(tf.sub(tf.reshape(position, [T, 1]), tf.reshape(position, [1, T])));
    return tf.sum(tf.mul(attention, distance), -1);
  });
}
