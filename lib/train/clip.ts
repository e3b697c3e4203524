/** Global gradient-norm clipping, as in torch.nn.utils.clip_grad_norm_. */
import * as tf from '@tensorflow/tfjs-core';

/**
 * Scales all gradients by min(1, maxNorm / ||g||) where ||g|| is the L2 norm over
 * every gradient together. Returns new tensors (inputs untouched) and the norm
 * before clipping. `maxNorm = Infinity` only measures.
 */
export function clipByGlobalNorm(
  grads: Record<string, tf.Tensor>,
  maxNorm: number,
): { grads: Record<string, tf.Tensor>; norm: number } {
  const names = Object.keys(grads);
  const normTensor = tf.tidy(() => tf.sqrt(tf.addN(names.map((n) => tf.sum(tf.square(grads[n]))))));
  const norm = normTensor.dataSync()[0];
  normTensor.dispose();
  // A non-finite norm is passed through unclipped: the trainer reports it rather than hiding it behind a scale of 0.
  const scale = Number.isFinite(norm) && norm > maxNorm ? maxNorm / (norm + 1e-6) : 1;
  const out: Record<string, tf.Tensor> = {};
  for (const n of names) out[n] = scale === 1 ? tf.clone(grads[n]) : tf.mul(grads[n], scale);
  return { grads: out, norm };
}
