/**
 * Per-head and per-layer means over valid rows, as tidy rows `{ layer, head, metric, value }`
 * (ARCHITECTURE.md); `head: null` is the whole layer.
 */
import * as tf from '@tensorflow/tfjs-core';
import { checkAttention, checkSameShape } from './check.js';
import { globalTokenDependency, latentGlobalTokenDependency, uniformAttention } from './gtd.js';
import {
  SPARSITY_THRESHOLD, allowedKeys, attentionDistance, attentionEntropy, effectiveSupport, normalizedEntropy, top1Mass,
} from './row-metrics.js';

export interface MetricRow {
  layer: number;
  /** Head index, or null for the mean over every head of the layer. */
  head: number | null;
  metric: string;
  value: number;
}

export interface AttentionSummaryInput {
  layer: number;
  /** A, pre-refinement: [B, H, T, T] or [H, T, T]. */
  attention: tf.Tensor;
  /** A~ for SAOBP layers (same shape); metrics are then computed on it, and on A with suffix `_pre`. */
  refined?: tf.Tensor;
  /** Broadcastable to attention, 1 = allowed. */
  mask?: tf.Tensor;
  /** [B, T], 0 for padding queries (needs attention [B, H, T, T]). */
  queryValid?: tf.Tensor;
}

/** Per-row values [N, H, T] and the rows each metric averages over, weights [N, H, T]. */
type RowMetrics = Record<string, { values: tf.Tensor; weights: tf.Tensor }>;

/** The row statistics of one map; `valid` [N, H, T] marks the rows that count. */
function describe(a: tf.Tensor, mask: tf.Tensor | undefined, valid: tf.Tensor, suffix: string): RowMetrics {
  const entropy = attentionEntropy(a);
  const top1 = top1Mass(a);
  return {
    [`entropy${suffix}`]: { values: entropy, weights: valid },
    [`normalized_entropy${suffix}`]: {
      values: normalizedEntropy(a, mask),
      weights: tf.mul(valid, tf.cast(tf.greater(allowedKeys(a, mask), 1), 'float32')),
    },
    [`top1_mass${suffix}`]: { values: top1, weights: valid },
    [`effective_support${suffix}`]: { values: effectiveSupport(a), weights: valid },
    [`sparsity${suffix}`]: { values: tf.cast(tf.greater(top1, SPARSITY_THRESHOLD), 'float32'), weights: valid },
    [`attention_distance${suffix}`]: { values: attentionDistance(a), weights: valid },
  };
}

/**
 * Summarizes one layer's attention: entropy, normalized entropy, top-1 mass, effective
 * support, sparsity, attention distance (on A~ when given, and on A as `*_pre`), `gtd` (with
 * refined), `latent_gtd` of A, and `latent_gtd_uniform`, the same for uniform attention under
 * the mask. Means run over valid rows only: non-empty and, with queryValid, not padding.
 * A head with no valid row for a metric gets no row for it (never NaN).
 */
export function summarizeAttention(input: AttentionSummaryInput): MetricRow[] {
  const fn = 'summarizeAttention';
  const { layer, attention, refined, mask, queryValid } = input;
  const T = checkAttention(fn, 'attention', attention);
  if (attention.rank !== 3 && attention.rank !== 4) {
    throw new Error(`${fn}: attention must be [B, H, T, T] or [H, T, T]; got shape [${attention.shape}]`);
  }
  if (refined !== undefined) checkSameShape(fn, attention, refined);
  if (queryValid !== undefined && (attention.rank !== 4 || queryValid.rank !== 2
    || queryValid.shape[0] !== attention.shape[0] || queryValid.shape[1] !== T)) {
    throw new Error(`${fn}: queryValid must be [B, T] = [${attention.shape[0]},${T}] for attention [B, H, T, T]; got shape [${queryValid.shape}]`);
  }
  const H = attention.shape[attention.rank - 3];
  let order: string[] = [];
  const sums = tf.tidy(() => {
    const full = mask === undefined ? undefined : tf.broadcastTo(tf.cast(mask, 'float32'), attention.shape);
    const asRows = (t: tf.Tensor) => tf.reshape(t, [-1, H, T]);
    let valid = tf.cast(tf.greater(tf.sum(attention, -1), 0), 'float32');
    if (queryValid !== undefined) valid = tf.mul(valid, tf.reshape(tf.cast(queryValid, 'float32'), [-1, 1, T]));
    const applied = refined ?? attention;
    const metrics: RowMetrics = {
      ...describe(applied, full, valid, ''),
      ...(refined === undefined ? {} : describe(attention, full, valid, '_pre')),
      ...(refined === undefined ? {} : { gtd: { values: globalTokenDependency(attention, refined), weights: valid } }),
      latent_gtd: { values: latentGlobalTokenDependency(attention, full), weights: valid },
      latent_gtd_uniform: {
        values: latentGlobalTokenDependency(uniformAttention(full ?? tf.ones(attention.shape)), full),
        weights: valid,
      },
    };
    order = Object.keys(metrics);
    // One [metrics, 2, H] read: weighted sums and weights per head.
    return tf.stack(Object.values(metrics).map(({ values, weights }) => {
      const w = asRows(tf.broadcastTo(weights, values.shape));
      return tf.stack([tf.sum(tf.mul(asRows(values), w), [0, 2]), tf.sum(w, [0, 2])]);
    }));
  });
  const table = sums.arraySync() as number[][][];
  sums.dispose();
  const rows: MetricRow[] = [];
  order.forEach((metric, m) => {
    const [total, count] = table[m];
    for (let h = 0; h < H; h++) {
      if (count[h] > 0) rows.push({ layer, head: h, metric, value: total[h] / count[h] });
    }
    const all = count.reduce((a, b) => a + b, 0);
    if (all > 0) rows.push({ layer, head: null, metric, value: total.reduce((a, b) => a + b, 0) / all });
  });
  return rows;
}
