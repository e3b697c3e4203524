/** Variant `mixture`: one step of sum-product propagation on the attention graph (SAOBP.md). */
import * as tf from '@tensorflow/tfjs-core';
import { positive } from './indicator.js';

/** A per-head coefficient: a number, or a tensor broadcastable to [..., 1, 1]. */
export type Coefficient = number | tf.Tensor;

/**
 * P = rownorm_M((A @ A) * M); rows whose masked two-hop mass is 0 keep P_i = A_i.
 * attention [..., T, T], mask broadcastable to it -> [..., T, T]
 */
export function twoHopTarget(attention: tf.Tensor, mask?: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const twoHop = tf.matMul(attention, attention);
    const q = mask === undefined ? twoHop : tf.mul(twoHop, tf.cast(mask, 'float32'));
    const mass = tf.sum(q, -1, true);
    const has = positive(mass);
    const keep = tf.sub(1, has);
    return tf.add(tf.mul(has, tf.div(q, tf.add(mass, keep))), tf.mul(keep, attention));
  });
}

/**
 * A~ = (1 - lambda) A + lambda P (explicit form, valid for any mask; no argument checks).
 * attention [..., T, T], lambda number or [..., 1, 1] -> [..., T, T]
 */
export function mixtureRefine(attention: tf.Tensor, lambda: Coefficient, mask?: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const l = tf.cast(typeof lambda === 'number' ? tf.scalar(lambda) : lambda, 'float32');
    return tf.add(tf.mul(tf.sub(1, l), attention), tf.mul(l, twoHopTarget(attention, mask)));
  });
}

/**
 * The cheap value form A~ V = (1 - lambda) A V + lambda A (A V): O(T^2 d), no T^3 product.
 * Equal to mixtureRefine(A) @ V only where A @ A respects the mask with rows summing to 1
 * (causal and key-padding masks), not for windows. Only shapes and a numeric lambda are
 * checked: reading a lambda tensor back would stall the training step this serves.
 * attention [..., T, T], values [..., T, d], lambda number or [..., 1, 1] -> [..., T, d]
 */
export function mixtureApply(attention: tf.Tensor, values: tf.Tensor, lambda: Coefficient): tf.Tensor {
  const T = attention.shape[attention.rank - 1];
  if (attention.rank < 2 || attention.shape[attention.rank - 2] !== T) {
    throw new Error(`mixtureApply: attention must be [..., T, T]; got shape [${attention.shape}]`);
  }
  if (values.rank !== attention.rank || values.shape[values.rank - 2] !== T) {
    throw new Error(`mixtureApply: values must be [..., ${T}, d] to match attention [${attention.shape}]; got shape [${values.shape}]`);
  }
  if (typeof lambda === 'number' && !(lambda >= 0 && lambda <= 1)) {
    throw new Error(`mixtureApply: lambda must lie in [0, 1]; got ${lambda}`);
  }
  return tf.tidy(() => {
    const l = tf.cast(typeof lambda === 'number' ? tf.scalar(lambda) : lambda, 'float32');
    return mixtureValueOp(attention, values, l);
  });
}

/** Sums `x` over the axes along which `shape` was broadcast to x's shape; -> `shape`. */
function sumToShape(x: tf.Tensor, shape: number[]): tf.Tensor {
  const axes = tf.broadcast_util.getReductionAxes(shape, x.shape);
  return tf.reshape(axes.length > 0 ? tf.sum(x, axes, true) : x, shape);
}

/**
 * U = A V, out = U + l (A U - U), with its gradient written out so that the two products into
 * dA share one matMul (A^T is read in place by the transposed products): with gl = l g,
 *   dU = g - gl + A^T gl,  dA = gl U^T + dU V^T = [gl | dU] [U | V]^T,
 *   dV = A^T dU,  dl = sum over the broadcast axes of g (A U - U).
 * Autodiff of the forward ops gives the same numbers with one more batched product per layer
 * (test/fused-kernels.test.ts holds the two to the same values).
 */
const mixtureValueOp = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [a, v, l, save] = args as [tf.Tensor, tf.Tensor, tf.Tensor, tf.GradSaveFunc];
  const u = tf.matMul(a, v);
  const diff = tf.sub(tf.matMul(a, u), u);
  save([a, v, l, u, diff]);
  return {
    value: tf.add(u, tf.mul(l, diff)),
    gradFunc: (g: tf.Tensor, saved: tf.Tensor[]) => {
      const [sa, sv, sl, su, sdiff] = saved;
      const last = sa.rank - 1;
      const gl = tf.mul(sl, g);
      const du = tf.add(tf.sub(g, gl), tf.matMul(sa, gl, true, false));
      const da = tf.matMul(tf.concat([gl, du], last), tf.concat([su, sv], last), false, true);
      const dv = tf.matMul(sa, du, true, false);
      const dl = sumToShape(tf.mul(g, sdiff), sl.shape);
      return [da, dv, dl];
    },
  };
});
