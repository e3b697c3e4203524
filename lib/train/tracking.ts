/**
 * Attention tracking: from one forward pass's cache (`blocks.{l}.attn.*`, see
 * ARCHITECTURE.md) to observations per layer and head. The statistics themselves
 * come from lib/metrics; this file only knows the cache names and the coefficients.
 */
import type * as tf from '@tensorflow/tfjs-core';
import { summarizeAttention } from '../metrics/index.js';
import type { Observation } from './types.js';

export interface TrackingOptions {
  layers: number;
  /** Broadcastable to the attention maps [B, H, T, T], 1 = allowed (the mask the model applied). */
  mask?: tf.Tensor;
  /** [B, T], 0 on padding queries, whose rows must not count. */
  queryValid?: tf.Tensor;
  /** What `attn.coef` holds: lambda (mixture) or gamma (product); its sign is kept. */
  coefficient: 'lambda' | 'gamma' | null;
}

/**
 * Per layer: the lib/metrics summary (on A~ where the layer refines, with `*_pre` on
 * A; GTD or latent GTD), then the learned coefficient per head and its layer mean.
 */
export function trackAttention(cache: Record<string, tf.Tensor>, options: TrackingOptions): Observation[] {
  const observations: Observation[] = [];
  for (let layer = 0; layer < options.layers; layer++) {
    const prefix = `blocks.${layer}.attn`;
    const attention = cache[`${prefix}.pattern`];
    if (attention === undefined) throw new Error(`trackAttention: the cache has no ${prefix}.pattern; run the model with { cache: true }`);
    observations.push(
      ...summarizeAttention({ layer, attention, refined: cache[`${prefix}.refined`], mask: options.mask, queryValid: options.queryValid }),
    );
    const coef = cache[`${prefix}.coef`];
    if (coef !== undefined && options.coefficient !== null) {
      const values = Array.from(coef.dataSync());
      values.forEach((value, head) => observations.push({ layer, head, metric: options.coefficient!, value }));
      observations.push({ layer, head: null, metric: options.coefficient, value: values.reduce((a, b) => a + b, 0) / values.length });
    }
  }
  return observations;
}
