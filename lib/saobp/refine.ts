/** saobpRefine: the core API of SAOBP.md, both variants behind one validated call. */
import * as tf from '@tensorflow/tfjs-core';
import { maskedSoftmax } from './masked-softmax.js';
import { mixtureRefine, type Coefficient } from './mixture.js';
import { productRefine } from './product.js';
import { checkCoefficient, checkMask, checkScores } from './validate.js';

export const SAOBP_VARIANTS = ['mixture', 'product'] as const;
export type SaobpVariant = (typeof SAOBP_VARIANTS)[number];

export interface SaobpOptions {
  /** Broadcastable to scores, 1 = allowed; default all ones. */
  mask?: tf.Tensor;
  /** Default 'mixture'. */
  variant?: SaobpVariant;
  /** Mixture weight in [0, 1], number or [..., 1, 1]; default 0.1. */
  lambda?: Coefficient;
  /** Product coupling > -1, number or [..., 1, 1]; default 1. */
  gamma?: Coefficient;
}

export interface SaobpResult {
  /** A = softmax_M(S), [..., T, T] */
  attention: tf.Tensor;
  /** A~, the attention applied to the values, [..., T, T] */
  refined: tf.Tensor;
}

const OPTION_NAMES = ['mask', 'variant', 'lambda', 'gamma'];

/**
 * Refines attention by one step of belief propagation (SAOBP.md). Both coefficients are
 * checked when given, even the one the variant does not use, so a bad value never hides.
 * scores [..., T, T] float32 logits -> { attention, refined } both [..., T, T]
 */
export function saobpRefine(scores: tf.Tensor, options: SaobpOptions = {}): SaobpResult {
  for (const key of Object.keys(options)) {
    if (!OPTION_NAMES.includes(key)) {
      throw new Error(`saobpRefine: unknown option '${key}'; valid options are ${OPTION_NAMES.join(', ')}`);
    }
  }
  const { mask, variant = 'mixture', lambda = 0.1, gamma = 1 } = options;
  checkScores(scores);
  if (!(SAOBP_VARIANTS as readonly string[]).includes(variant)) {
    throw new Error(`saobpRefine: unknown variant '${variant}'; valid variants are 'mixture', 'product'`);
  }
  if (mask !== undefined) checkMask(mask, scores.shape);
  checkCoefficient('lambda', lambda, scores.shape, (x) => tf.logicalAnd(tf.greaterEqual(x, 0), tf.lessEqual(x, 1)), 'in [0, 1]');
  checkCoefficient('gamma', gamma, scores.shape, (x) => tf.logicalAnd(tf.greater(x, -1), tf.isFinite(x)), 'finite and > -1');
  return tf.tidy(() => {
    const attention = maskedSoftmax(scores, mask);
    const refined = variant === 'mixture'
      ? mixtureRefine(attention, lambda, mask)
      : productRefine(scores, attention, gamma, mask);
    return { attention, refined };
  });
}
