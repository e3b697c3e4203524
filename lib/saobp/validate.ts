/**
 * Argument checks for saobpRefine: each failure is one error line that names the argument,
 * thrown before any work is done.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Coefficient } from './mixture.js';

const FN = 'saobpRefine';

/** True when `shape` broadcasts to exactly `target` (numpy rules, target unchanged). */
export function broadcastsTo(shape: readonly number[], target: readonly number[]): boolean {
  if (shape.length > target.length) return false;
  const offset = target.length - shape.length;
  return shape.every((d, i) => d === 1 || d === target[i + offset]);
}

/** Reads one boolean computed on the tensor (a single device sync). */
function holds(predicate: () => tf.Tensor): boolean {
  const all = tf.tidy(() => tf.all(predicate()));
  const value = all.dataSync()[0];
  all.dispose();
  return value === 1;
}

/** Scores must be float32 [..., T, T] with finite entries. */
export function checkScores(scores: unknown): asserts scores is tf.Tensor {
  if (!(scores instanceof tf.Tensor)) throw new Error(`${FN}: scores must be a tf.Tensor [..., T, T]`);
  const { shape } = scores;
  if (scores.rank < 2 || shape[scores.rank - 1] !== shape[scores.rank - 2]) {
    throw new Error(`${FN}: scores must be square in the last two axes, [..., T, T]; got shape [${shape}]`);
  }
  if (scores.dtype !== 'float32') throw new Error(`${FN}: scores must be float32; got ${scores.dtype}`);
  if (shape[scores.rank - 1] === 0) throw new Error(`${FN}: scores has T = 0; need at least one position`);
  if (!holds(() => tf.isFinite(scores))) throw new Error(`${FN}: scores holds non-finite logits (NaN or Infinity)`);
}

/** The mask must broadcast to the scores and hold only 0/1. */
export function checkMask(mask: unknown, scoresShape: readonly number[]): asserts mask is tf.Tensor {
  if (!(mask instanceof tf.Tensor)) throw new Error(`${FN}: mask must be a tf.Tensor (1 = allowed)`);
  if (!broadcastsTo(mask.shape, scoresShape)) {
    throw new Error(`${FN}: mask shape [${mask.shape}] does not broadcast to scores shape [${scoresShape}]`);
  }
  if (!holds(() => { const m = tf.cast(mask, 'float32'); return tf.logicalOr(tf.equal(m, 0), tf.equal(m, 1)); })) {
    throw new Error(`${FN}: mask must hold only 0/1 (or booleans)`);
  }
}

/**
 * A coefficient (lambda or gamma) is a number or a float32 tensor broadcastable to
 * [...batch, 1, 1] of the scores, with every value inside its range.
 */
export function checkCoefficient(
  name: 'lambda' | 'gamma',
  value: unknown,
  scoresShape: readonly number[],
  inRange: (x: tf.Tensor) => tf.Tensor,
  rangeText: string,
): asserts value is Coefficient {
  if (typeof value === 'number') {
    if (!holds(() => inRange(tf.scalar(value)))) throw new Error(`${FN}: ${name} must be ${rangeText}; got ${value}`);
    return;
  }
  if (!(value instanceof tf.Tensor)) throw new Error(`${FN}: ${name} must be a number or a tf.Tensor`);
  const target = [...scoresShape.slice(0, -2), 1, 1];
  if (value.rank !== 0 && !broadcastsTo(value.shape, target)) {
    throw new Error(
      `${FN}: ${name} shape [${value.shape}] does not broadcast to [${target}] (one value per head: reshape to [H, 1, 1])`,
    );
  }
  if (value.dtype !== 'float32') throw new Error(`${FN}: ${name} must be float32; got ${value.dtype}`);
  if (!holds(() => inRange(value))) throw new Error(`${FN}: every ${name} must be ${rangeText}`);
}
