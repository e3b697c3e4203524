import { createRng } from '../rng.js';

export interface BucketOptions {
  batchSize: number;
  seed: number;
  /** Sort within pools of this many batches: larger pools pad less, smaller ones shuffle more. Default 50. */
  poolBatches?: number;
}

/**
 * Length bucketing: shuffle, sort each pool of examples by length, cut into
 * batches, shuffle the batch order. Batches hold similar lengths (little
 * padding) while the epoch stays random; deterministic for a seed.
 * Returns example indices per batch.
 */
export function bucketByLength(lengths: ArrayLike<number>, options: BucketOptions): number[][] {
  const { batchSize, seed } = options;
  const pool = batchSize * (options.poolBatches ?? 50);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`bucketByLength: batchSize ${batchSize} must be a positive integer`);
  const rng = createRng(seed);
  const order = rng.shuffle(Array.from({ length: lengths.length }, (_, i) => i));
  const batches: number[][] = [];
  for (let start = 0; start < order.length; start += pool) {
    const chunk = order.slice(start, start + pool).sort((a, b) => lengths[a] - lengths[b] || a - b);
    for (let i = 0; i < chunk.length; i += batchSize) batches.push(chunk.slice(i, i + batchSize));
  }
  return rng.shuffle(batches);
}
