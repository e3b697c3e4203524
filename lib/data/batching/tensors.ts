import * as tf from '@tensorflow/tfjs-core';

/**
 * Plain typed-array batches as tensors, shapes unchanged: Int32Array ->
 * int32, Float32Array -> float32. The caller owns (and disposes) them.
 */
export function batchToTensors<K extends string>(
  batch: Record<K, Int32Array | Float32Array>,
  shape: readonly number[],
): Record<K, tf.Tensor> {
  const out = {} as Record<K, tf.Tensor>;
  for (const key of Object.keys(batch) as K[]) {
    const values = batch[key];
    out[key] = tf.tensor(values, [...shape], values instanceof Int32Array ? 'int32' : 'float32');
  }
  return out;
}
