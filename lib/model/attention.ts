/**
 * Multi-head self-attention with SAOBP as an option of the same module (SAOBP.md).
 *
 * Layout for the wasm backend: the residual stream stays 2-D [N = B*T, D], so the fused QKV
 * and output projections are plain 2-D matMuls; only the score and value products are
 * batched [B, H, T, *]. The `mixture` variant uses the value form
 * (1 - lambda) A V + lambda A (A V), valid for the causal and key-padding masks the models
 * use, and builds the explicit refined map only when the cache asks for it.
 */
import * as tf from '@tensorflow/tfjs-core';
import { maskedSoftmax, mixtureApply, mixtureRefine, productRefine } from '../saobp/index.js';
import type { SaobpVariant } from '../saobp/index.js';
import { linear } from './linear.js';
import { hasKernel, runFused, SPLIT_HEADS, SPLIT_HEADS_GRAD } from '../wasm-fused.js';

/** TransformerLens-style hook names -> tensors, filled only when a forward pass asks for it. */
export type AttentionCache = Record<string, tf.Tensor>;

export interface AttentionParams {
  qkvWeight: tf.Tensor; // [D, 3D]
  qkvBias: tf.Tensor; // [3D]
  outWeight: tf.Tensor; // [D, D]
  outBias: tf.Tensor; // [D]
  /** Per-head SAOBP coefficient logit [H]; absent on baseline layers. */
  theta?: tf.Tensor;
}

export interface AttentionShape {
  batch: number;
  length: number;
  heads: number;
  /** Broadcastable to [B, H, T, T], 1 = allowed; undefined = all allowed. */
  mask?: tf.Tensor;
  /** SAOBP variant of this layer, or false for plain attention. */
  saobp: false | SaobpVariant;
}

/** lambda = sigmoid(theta) for mixture, gamma = exp(theta) - 1 for product. theta [H] -> [H] */
export function saobpCoefficient(variant: SaobpVariant, theta: tf.Tensor): tf.Tensor {
  return variant === 'mixture' ? tf.sigmoid(theta) : tf.expm1(theta);
}

/** [N, D] -> [B, H, T, dh], or [B, H, dh, T] when `keysTransposed` (so QK^T is a flag-free matMul). */
function splitHeads(x: tf.Tensor, s: AttentionShape, keysTransposed = false): tf.Tensor4D {
  const dh = x.shape[1]! / s.heads;
  const perm = keysTransposed ? [0, 2, 3, 1] : [0, 2, 1, 3];
  return tf.transpose(tf.reshape(x, [s.batch, s.length, s.heads, dh]), perm) as tf.Tensor4D;
}

/** qkv [N, 3D] -> [q * scale [B,H,T,dh], k^T [B,H,dh,T], v [B,H,T,dh]], fused on wasm (lib/wasm-fused.ts). */
function projectHeads(qkv: tf.Tensor, s: AttentionShape, scale: number): [tf.Tensor4D, tf.Tensor4D, tf.Tensor4D] {
  if (hasKernel(SPLIT_HEADS) && hasKernel(SPLIT_HEADS_GRAD)) {
    return runFused(SPLIT_HEADS, { qkv }, { batch: s.batch, heads: s.heads, scale }) as [tf.Tensor4D, tf.Tensor4D, tf.Tensor4D];
  }
  const [q, k, v] = tf.split(qkv, 3, 1);
  return [splitHeads(tf.mul(q, scale), s), splitHeads(k, s, true), splitHeads(v, s)];
}

/**
 * x [N, D] -> [N, D]. With `cache` (and `prefix` = 'blocks.{l}.attn') records
 * `{prefix}.pattern` A [B,H,T,T], and on SAOBP layers `{prefix}.refined` A~ [B,H,T,T]
 * and `{prefix}.coef` [H].
 */
export function selfAttention(x: tf.Tensor2D, p: AttentionParams, s: AttentionShape, cache?: AttentionCache, prefix = ''): tf.Tensor2D {
  const [n, d] = x.shape;
  const qkv = linear(x, p.qkvWeight, p.qkvBias);
  // Scaling q (T x dh per head) is cheaper than scaling the T x T scores.
  const [queries, keysT, values] = projectHeads(qkv, s, 1 / Math.sqrt(d / s.heads));
  const scores = tf.matMul(queries, keysT);
  const attention = maskedSoftmax(scores, s.mask);
  let context: tf.Tensor; // [B, H, T, dh]
  let refined: tf.Tensor | undefined;
  let coef: tf.Tensor | undefined;
  if (s.saobp === false) {
    context = tf.matMul(attention, values);
  } else {
    if (p.theta === undefined) throw new Error(`${prefix}: SAOBP layer without theta`);
    coef = saobpCoefficient(s.saobp, p.theta);
    const perHead = tf.reshape(coef, [s.heads, 1, 1]);
    if (s.saobp === 'mixture') {
      context = mixtureApply(attention, values, perHead);
      if (cache) refined = mixtureRefine(attention, perHead, s.mask);
    } else {
      refined = productRefine(scores, attention, perHead, s.mask);
      context = tf.matMul(refined, values);
    }
  }
  if (cache) {
    cache[`${prefix}.pattern`] = attention;
    if (refined !== undefined) cache[`${prefix}.refined`] = refined;
    if (coef !== undefined) cache[`${prefix}.coef`] = coef;
  }
  const merged = tf.reshape(tf.transpose(context, [0, 2, 1, 3]), [n, d]) as tf.Tensor2D;
  return linear(merged, p.outWeight, p.outBias);
}
