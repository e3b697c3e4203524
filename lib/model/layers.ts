/** The small functional pieces of a transformer block, on the residual stream [N, D]. */
import * as tf from '@tensorflow/tfjs-core';
import { GELU, GELU_GRAD, hasKernel, LAYER_NORM, LAYER_NORM_GRAD, runFused } from '../wasm-fused.js';

/** LayerNorm over the last axis: x [N, D], weight [D], bias [D] -> [N, D] (biased variance, as PyTorch). */
export function layerNorm(x: tf.Tensor2D, weight: tf.Tensor, bias: tf.Tensor, eps: number): tf.Tensor2D {
  if (hasKernel(LAYER_NORM) && hasKernel(LAYER_NORM_GRAD)) {
    // One fused pass forward and one backward (lib/wasm-fused.ts).
    const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const [xi, w, b, save] = args as [tf.Tensor, tf.Tensor, tf.Tensor, tf.GradSaveFunc];
      const [y, mean, rstd] = runFused(LAYER_NORM, { x: xi, weight: w, bias: b }, { eps });
      save([xi, w, mean, rstd]);
      return {
        value: y,
        gradFunc: (dy: tf.Tensor, [xs, ws, ms, rs]: tf.Tensor[]) => {
          const [dx, dw, db] = runFused(LAYER_NORM_GRAD, { x: xs, weight: ws, mean: ms, rstd: rs, dy });
          return [dx, tf.reshape(dw, w.shape), tf.reshape(db, b.shape)];
        },
      };
    });
    return f(x, weight, bias) as tf.Tensor2D;
  }
  const { mean, variance } = tf.moments(x, -1, true);
  return tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, eps))), weight), bias);
}

/** Exact GELU, x * Phi(x) (BERT, PyTorch's default): any shape -> same shape. */
export function gelu<T extends tf.Tensor>(x: T): T {
  if (hasKernel(GELU) && hasKernel(GELU_GRAD)) {
    // SIMD kernels forward and backward (lib/wasm-fused.ts, lib/simd).
    const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const [xi, save] = args as [tf.Tensor, tf.GradSaveFunc];
      save([xi]);
      return {
        value: runFused(GELU, { x: xi })[0],
        gradFunc: (dy: tf.Tensor, [xs]: tf.Tensor[]) => runFused(GELU_GRAD, { x: xs, dy })[0],
      };
    });
    return f(x) as T;
  }
  return tf.mul(tf.mul(x, 0.5), tf.add(tf.erf(tf.mul(x, Math.SQRT1_2)), 1)) as T;
}

/**
 * Dropout sites of one forward pass. With a `seed`, site k draws from seed + k, so a
 * seeded training step is reproducible; without one each site draws fresh randomness.
 */
export class DropoutContext {
  private site = 0;

  constructor(
    readonly rate: number,
    readonly training: boolean,
    private readonly seed?: number,
  ) {}

  /** x [...] -> same shape; identity outside training or at rate 0. */
  apply<T extends tf.Tensor>(x: T): T {
    if (!this.training || this.rate === 0) return x;
    const site = this.site++;
    return tf.dropout(x, this.rate, undefined, this.seed === undefined ? undefined : this.seed + site) as T;
  }
}
