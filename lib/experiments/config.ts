/**
 * A run's full configuration: what to train (task, size, method, seed) and how
 * (steps, batch, sequence length, optimizer). Every run of every preset is one
 * of these; its id names its results file.
 */
import { SIZE_NAMES, type SizeName } from '../model/config.js';
import { PRESET_NAMES, type PresetName } from '../preset.js';
import type { DecayShape } from '../train/schedule.js';

/** Tasks: LM on a real corpus, real-text classification, a multi-hop synthetic task. */
export const TASK_NAMES = ['moby-lm', 'spam-cls', 'pointer-chase'] as const;
export type TaskName = (typeof TASK_NAMES)[number];

export const METHOD_NAMES = ['baseline', 'saobp-mixture', 'saobp-product'] as const;
export type MethodName = (typeof METHOD_NAMES)[number];

export { SIZE_NAMES, type SizeName, PRESET_NAMES, type PresetName };

export interface RunConfig {
  preset: PresetName;
  task: TaskName;
  size: SizeName;
  method: MethodName;
  seed: number;
  steps: number;
  batchSize: number;
  seqLen: number;
  lr: number;
  warmup: number;
  decay: DecayShape;
  weightDecay: number;
  clipNorm: number;
  dropout: number;
  /** Evaluate (held-out loss, attention tracking on the probe batch) every this many updates. */
  evalEvery: number;
  /** Sequences in the fixed probe batch on which attention is tracked. */
  probeSize: number;
  /** Held-out sequences (the same for every run of a task) for loss and accuracy / perplexity. */
  evalSize: number;
  checkpointEvery: number;
}

/** The results-file stem of a run: readable, unique within a preset, safe as a file name. */
export function runId(c: Pick<RunConfig, 'task' | 'size' | 'method' | 'seed'>): string {
  return `${c.task}.${c.size}.${c.method}.seed${c.seed}`;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Throws a ConfigError naming the first unknown name, listing the valid ones. */
export function checkName<T extends string>(kind: string, value: string, valid: readonly T[]): T {
  if (!(valid as readonly string[]).includes(value)) {
    throw new ConfigError(`unknown ${kind} '${value}'; valid ${kind}s: ${valid.join(', ')}`);
  }
  return value as T;
}

/** Validates every field of a run config; throws a ConfigError naming the first bad one. */
export function validateRunConfig(c: RunConfig): RunConfig {
  checkName('preset', c.preset, PRESET_NAMES);
  checkName('task', c.task, TASK_NAMES);
  checkName('size', c.size, SIZE_NAMES);
  checkName('method', c.method, METHOD_NAMES);
  const positiveInts = ['steps', 'batchSize', 'seqLen', 'evalEvery', 'probeSize', 'evalSize', 'checkpointEvery'] as const;
  for (const key of positiveInts) {
    if (!Number.isInteger(c[key]) || c[key] < 1) throw new ConfigError(`run ${runId(c)}: ${key} must be a positive integer, got ${c[key]}`);
  }
  if (!Number.isInteger(c.seed) || c.seed < 0) throw new ConfigError(`run ${runId(c)}: seed must be a non-negative integer, got ${c.seed}`);
  if (!Number.isInteger(c.warmup) || c.warmup < 0 || c.warmup > c.steps) {
    throw new ConfigError(`run ${runId(c)}: warmup must be an integer in [0, steps], got ${c.warmup}`);
  }
  if (!(c.lr > 0 && Number.isFinite(c.lr))) throw new ConfigError(`run ${runId(c)}: lr must be positive, got ${c.lr}`);
  if (!(c.weightDecay >= 0)) throw new ConfigError(`run ${runId(c)}: weightDecay must be >= 0, got ${c.weightDecay}`);
  if (!(c.clipNorm > 0)) throw new ConfigError(`run ${runId(c)}: clipNorm must be > 0, got ${c.clipNorm}`);
  if (!(c.dropout >= 0 && c.dropout < 1)) throw new ConfigError(`run ${runId(c)}: dropout must lie in [0, 1), got ${c.dropout}`);
  checkName('decay', c.decay, ['cosine', 'linear', 'constant'] as const);
  return c;
}
