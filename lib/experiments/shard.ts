/**
 * Shards: a deterministic partition of a preset's runs, so that independent
 * processes (two local cores, a Slurm array, GNU parallel) split the work without
 * talking to each other. Scheduling them is the caller's job.
 */
import { ConfigError } from './config.js';

export interface Shard {
  /** 1-based, as users write it: `--shard 2/4`. */
  index: number;
  count: number;
}

export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!match || count < 1 || index < 1 || index > count) {
    throw new ConfigError(`malformed --shard '${text}'; expected k/n with 1 <= k <= n, e.g. --shard 1/2`);
  }
  return { index, count };
}

/**
 * Round-robin over the run list as the preset orders it: preset lists interleave
 * sizes and methods, so every shard gets a similar mix of cheap and costly runs.
 */
export function shardRuns<T>(runs: readonly T[], shard: Shard | null): T[] {
  if (shard === null) return [...runs];
  return runs.filter((_, i) => i % shard.count === shard.index - 1);
}
