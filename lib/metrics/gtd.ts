/** Global Token Dependency (SAOBP.md): the share of a row that multi-hop messages re-route. */
import * as tf from '@tensorflow/tfjs-core';
// P is the mixture's propagation target; reusing it keeps one definition of the two-hop step.
import { twoHopTarget } from '../saobp/mixture.js';
import { checkAttention, checkSameShape } from './check.js';

/** GTD_i = 1/2 sum_j |A~[i,j] - A[i,j]| in [0, 1]. attention, refined [..., T, T] -> [..., T] */
export function globalTokenDependency(attention: tf.Tensor, refined: tf.Tensor): tf.Tensor {
  checkAttention('globalTokenDependency', 'attention', attention);
  checkSameShape('globalTokenDependency', attention, refined);
  return tf.tidy(() => tf.mul(0.5, tf.sum(tf.abs(tf.sub(refined, attention)), -1)));
}

/**
 * Latent GTD for models trained without SAOBP: TV(P_i, A_i), the mixture's GTD at lambda = 1.
 * attention [..., T, T], mask broadcastable -> [..., T]
 */
export function latentGlobalTokenDependency(attention: tf.Tensor, mask?: tf.Tensor): tf.Tensor {
  checkAttention('latentGlobalTokenDependency', 'attention', attention);
  return tf.tidy(() => globalTokenDependency(attention, twoHopTarget(attention, mask)));
}

/** Uniform attention over the allowed keys (all-zero rows where none is allowed). mask [..., T, T] -> [..., T, T] */
export function uniformAttention(mask: tf.Tensor): tf.Tensor {
  checkAttention('uniformAttention', 'mask', mask);
  return tf.tidy(() => {
    const m = tf.cast(mask, 'float32');
    const n = tf.sum(m, -1, true);
    return tf.div(m, tf.maximum(n, 1));
  });
}

/**
 * The mask's own share of latent GTD: the mean latent GTD of uniform attention over the
 * non-empty rows of `mask` (about 0.355 for causal T = 128, 0 for bidirectional).
 * mask [..., T, T] -> number
 */
export function uniformLatentGTD(mask: tf.Tensor): number {
  const rows = tf.tidy(() => {
    const uniform = uniformAttention(mask);
    const valid = tf.cast(tf.greater(tf.sum(uniform, -1), 0), 'float32');
    return tf.div(tf.sum(tf.mul(valid, latentGlobalTokenDependency(uniform, mask))), tf.maximum(tf.sum(valid), 1));
  });
  const value = rows.dataSync()[0];
  rows.dispose();
  return value;
}
