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
 * A snake over the run list as the preset orders it: runs 0..n-1 go to shards
 * 1..n, runs n..2n-1 to shards n..1, and so on. Plain round-robin would send every
 * baseline to shard 1 of 2 (methods alternate in the list); the snake keeps each
 * shard's mix of tasks, sizes and methods, and so its cost, close to the others'.
 */
export function shardOf(position: number, count: number): number {
  const offset = position % count;
  return Math.floor(position / count) % 2 === 0 ? offset + 1 : count - offset;
}

export function shardRuns<T>(runs: readonly T[], shard: Shard | null): T[] {
  if (shard === null) return [...runs];
  return runs.filter((_, i) => shardOf(i, shard.count) === shard.index);
}
