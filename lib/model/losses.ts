/** Loss helpers: mean cross-entropies that skip padding and ignored labels. */
import * as tf from '@tensorflow/tfjs-core';

/** The label value that MLM (and PyTorch) treat as "no target here". */
export const IGNORE_INDEX = -100;

/**
 * Mean of -log softmax(logits)[label] over rows with weight 1 (0 when none).
 * logits [N, V], labels int32 [N], weights [N] of 0/1 -> scalar
 */
function weightedCrossEntropy(logits: tf.Tensor2D, labels: tf.Tensor1D, weights: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => {
    const logp = tf.logSoftmax(logits);
    const nll = tf.neg(tf.sum(tf.mul(tf.oneHot(labels, logits.shape[1]), logp), -1));
    return tf.div(tf.sum(tf.mul(nll, weights)), tf.maximum(tf.sum(weights), 1)) as tf.Scalar;
  });
}

/**
 * Cross-entropy over rows whose label is not `ignoreIndex`.
 * logits [N, V], labels int32 [N] -> scalar
 */
export function tokenCrossEntropy(logits: tf.Tensor2D, labels: tf.Tensor1D, ignoreIndex = IGNORE_INDEX): tf.Scalar {
  return tf.tidy(() => {
    const valid = tf.notEqual(labels, ignoreIndex);
    const safe = tf.where(valid, labels, tf.zerosLike(labels)) as tf.Tensor1D;
    return weightedCrossEntropy(logits, safe, tf.cast(valid, 'float32') as tf.Tensor1D);
  });
}

/**
 * Next-token LM loss: logits at t against ids at t + 1, averaged over pairs where both
 * tokens are real (padding [B, T], 1 = real; default all real).
 * logits [B, T, V], ids int32 [B, T] -> scalar
 */
export function lmLoss(logits: tf.Tensor, ids: tf.Tensor2D, padding?: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => {
    const [b, t, v] = logits.shape;
    const n = b * (t - 1);
    const predictions = tf.reshape(tf.slice(logits, [0, 0, 0], [b, t - 1, v]), [n, v]) as tf.Tensor2D;
    const targets = tf.reshape(tf.slice(ids, [0, 1], [b, t - 1]), [n]) as tf.Tensor1D;
    const weights = padding === undefined
      ? tf.ones([n])
      : tf.reshape(tf.mul(tf.slice(padding, [0, 0], [b, t - 1]), tf.slice(padding, [0, 1], [b, t - 1])), [n]);
    return weightedCrossEntropy(predictions, targets, tf.cast(weights, 'float32') as tf.Tensor1D);
  });
}

/** Classification loss. logits [B, C], labels int32 [B] -> scalar */
export function classificationLoss(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => weightedCrossEntropy(logits, labels, tf.ones([labels.shape[0]]) as tf.Tensor1D));
}

/** MLM loss on the labelled positions (label -100 elsewhere). logits [B, T, V], labels int32 [B, T] -> scalar */
export function mlmLoss(logits: tf.Tensor, labels: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => {
    const [b, t, v] = logits.shape;
    return tokenCrossEntropy(tf.reshape(logits, [b * t, v]) as tf.Tensor2D, tf.reshape(labels, [b * t]) as tf.Tensor1D);
  });
}
