/** Row-wise softmax over allowed keys: the `softmax_M` of SAOBP.md. */
import * as tf from '@tensorflow/tfjs-core';

/**
 * Masked entries are filled with this before the row max is taken, so that a large logit
 * on a masked key can never overflow `exp`; a finite fill keeps empty rows NaN-free.
 */
const MASKED_FILL = 1e9;

/**
 * A = softmax_M(S): exactly 0 on masked entries, an all-zero row where no key is allowed.
 * scores [..., T, T], mask broadcastable to scores (1 = allowed) -> [..., T, T]
 */
export function maskedSoftmax(scores: tf.Tensor, mask?: tf.Tensor): tf.Tensor {
  if (mask === undefined) return tf.softmax(scores);
  return tf.tidy(() => {
    const m = tf.cast(mask, 'float32');
    const filled = tf.add(tf.mul(scores, m), tf.mul(tf.sub(m, 1), MASKED_FILL));
    // Multiplying by m makes masked entries exact zeros and zeroes their gradient too.
    const e = tf.mul(tf.exp(tf.sub(filled, tf.max(filled, -1, true))), m);
    const z = tf.sum(e, -1, true);
    // Empty rows have z = 0: divide by 1 instead, leaving the row at 0. The test reads the
    // mask, not z, because comparisons have no gradient in tfjs.
    const empty = tf.cast(tf.equal(tf.sum(m, -1, true), 0), 'float32');
    return tf.div(e, tf.add(z, empty));
  });
}
