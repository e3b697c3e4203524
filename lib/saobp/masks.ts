/**
 * Attention masks as float32 0/1 tensors (1 = query i may read key j), shaped to
 * broadcast against scores [B, H, T, T].
 */
import * as tf from '@tensorflow/tfjs-core';

/** Causal mask: key j allowed for query i iff j <= i. -> [T, T] */
export function causalMask(T: number): tf.Tensor2D {
  checkLength(T, 'causalMask');
  return tf.tidy(() => tf.linalg.bandPart(tf.ones([T, T]), -1, 0) as tf.Tensor2D);
}

/** Window mask: |i - j| <= radius (and j <= i when causal). -> [T, T] */
export function windowMask(T: number, radius: number, causal = false): tf.Tensor2D {
  checkLength(T, 'windowMask');
  if (!Number.isInteger(radius) || radius < 0) {
    throw new Error(`windowMask: radius must be an integer >= 0; got ${radius}`);
  }
  return tf.tidy(() => tf.linalg.bandPart(tf.ones([T, T]), radius, causal ? 0 : radius) as tf.Tensor2D);
}

/** Key-padding mask from per-token validity (1 = real token, 0 = padding). keyValid [B, T] -> [B, 1, 1, T] */
export function paddingMask(keyValid: tf.Tensor | number[][]): tf.Tensor4D {
  return tf.tidy(() => {
    const valid = toValidity(keyValid);
    const [B, T] = valid.shape;
    return tf.reshape(valid, [B, 1, 1, T]) as tf.Tensor4D;
  });
}

/** Causal mask combined with key padding, for padded decoder batches. keyValid [B, T] -> [B, 1, T, T] */
export function causalPaddingMask(keyValid: tf.Tensor | number[][]): tf.Tensor4D {
  return tf.tidy(() => {
    const valid = toValidity(keyValid);
    const [B, T] = valid.shape;
    return tf.mul(causalMask(T), tf.reshape(valid, [B, 1, 1, T])) as tf.Tensor4D;
  });
}

/** Validity [B, T] as float32 0/1; anything else is a clear error. */
function toValidity(keyValid: tf.Tensor | number[][]): tf.Tensor2D {
  const t = keyValid instanceof tf.Tensor ? keyValid : tf.tensor2d(keyValid);
  if (t.rank !== 2) throw new Error(`paddingMask: keyValid must be [B, T]; got shape [${t.shape}]`);
  const f = tf.cast(t, 'float32') as tf.Tensor2D;
  // Called inside tf.tidy, so the temporaries here are released by the caller's scope.
  const binary = tf.all(tf.logicalOr(tf.equal(f, 0), tf.equal(f, 1))).dataSync()[0];
  if (!binary) throw new Error('paddingMask: keyValid must hold only 0/1 (or booleans)');
  return f;
}

function checkLength(T: number, fn: string): void {
  if (!Number.isInteger(T) || T < 1) throw new Error(`${fn}: T must be an integer >= 1; got ${T}`);
}
