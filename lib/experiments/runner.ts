/**
 * Runs a preset's runs one after another in this process, writing one results file
 * per run. Everything that can be wrong with the request (names, shard, output
 * directory, checkpoints) is checked before the first run starts.
 */
import * as tf from '@tensorflow/tfjs-core';
import { isDeepStrictEqual } from 'node:util';
import { loadCheckpoint } from '../train/checkpoint.js';
import { makeSchedule } from '../train/schedule.js';
import { progressReporter, type ProgressSink } from '../train/progress.js';
import { Trainer } from '../train/trainer.js';
import { ConfigError, checkName, PRESET_NAMES, runId, type RunConfig } from './config.js';
import { parseFilter } from './filter.js';
import { presetRuns } from './presets.js';
import { gitInfo } from './provenance.js';
import { parseShard, shardRuns } from './shard.js';
import {
  checkpointDir,
  checkpointedRuns,
  presetDir,
  readCheckpointConfig,
  readPresetDir,
  writeCheckpointConfig,
  removeCheckpoint,
  writeRunFile,
  type RunFile,
} from './store.js';
import type { TaskRegistry } from './task.js';

/**
 * The commit of the code this process runs, taken once when the module loads: a long sweep
 * must not credit its results to commits made while it was running.
 */
const CODE_VERSION = gitInfo();

export interface SweepOptions {
  preset: string;
  only?: string;
  /** `k/n`, 1-based. */
  shard?: string;
  out: string;
  /** Keep finished runs, continue checkpointed ones; without it any existing result of a selected run is an error. */
  resume?: boolean;
  tasks: TaskRegistry;
  progress?: ProgressSink;
  /** Called as each run starts: (position, total, id). */
  onRun?: (index: number, total: number, id: string) => void;
}

export interface SweepPlan {
  dir: string;
  selected: RunConfig[];
  /** Selected runs already finished (skipped under --resume). */
  finished: string[];
  /** Selected runs to train, with the step each resumes from (0 = fresh). */
  pending: { config: RunConfig; from: number }[];
}

/** Validates the whole request and works out what to do; writes nothing. */
export function planSweep(options: Omit<SweepOptions, 'tasks' | 'progress' | 'onRun'>): SweepPlan {
  const preset = checkName('preset', options.preset, PRESET_NAMES);
  const filter = parseFilter(options.only);
  const shard = options.shard === undefined ? null : parseShard(options.shard);
  const selected = shardRuns(presetRuns(preset).filter(filter), shard);
  if (selected.length === 0) throw new ConfigError(`no run of preset ${preset} matches --only '${options.only ?? ''}'${shard ? ` in shard ${options.shard}` : ''}`);
  const dir = presetDir(options.out, preset);
  const existing = readPresetDir(dir, preset);
  const checkpointed = new Set(checkpointedRuns(dir));
  const finished: string[] = [];
  const pending: SweepPlan['pending'] = [];
  for (const config of selected) {
    const id = runId(config);
    const done = existing.get(id);
    if (!options.resume && (done || checkpointed.has(id))) {
      throw new ConfigError(`${dir} already holds ${done ? 'results' : 'a checkpoint'} of run ${id}; pass --resume to keep and continue them, or choose another --out`);
    }
    if (done) {
      if (!isDeepStrictEqual(done.config, config)) {
        throw new ConfigError(`${dir}/${id}.json was produced with other settings than preset ${preset} has now; move it away or choose another --out`);
      }
      finished.push(id);
      continue;
    }
    if (checkpointed.has(id) && !isDeepStrictEqual(readCheckpointConfig(dir, id), config)) {
      throw new ConfigError(`the checkpoint of run ${id} in ${dir} was made with other settings than preset ${preset} has now; delete ${checkpointDir(dir, id)} to restart that run`);
    }
    // Loading validates the checksum: a damaged checkpoint stops the sweep here, before any work.
    const checkpoint = checkpointed.has(id) ? loadCheckpoint(checkpointDir(dir, id)) : null;
    pending.push({ config, from: checkpoint?.step ?? 0 });
  }
  return { dir, selected, finished, pending };
}

function parameterCount(params: { variable: tf.Variable }[]): number {
  return params.reduce((n, p) => n + p.variable.size, 0);
}

/** Trains one run (resuming from its checkpoint when there is one) and writes its results file. */
export async function executeRun(config: RunConfig, dir: string, tasks: TaskRegistry, progress: ProgressSink): Promise<RunFile> {
  const id = runId(config);
  const startedAt = new Date();
  writeCheckpointConfig(dir, config);
  const task = await tasks[config.task](config);
  const trainer = new Trainer({
    params: task.params,
    loss: task.loss,
    batch: task.batch,
    steps: config.steps,
    schedule: makeSchedule({ lr: config.lr, warmup: config.warmup, steps: config.steps, decay: config.decay }),
    optimizer: { weightDecay: config.weightDecay },
    clipNorm: config.clipNorm,
    seed: config.seed,
    meta: { run: id, task: config.task, size: config.size, method: config.method, seed: config.seed },
    evaluate: (step) => task.evaluate(step),
    evalEvery: config.evalEvery,
    tokensPerStep: task.tokensPerStep,
    checkpoint: { dir: checkpointDir(dir, id), every: config.checkpointEvery },
    progress,
  });
  try {
    const result = await trainer.run();
    const run: RunFile = {
      format: 'saobp-run/1',
      id,
      config,
      seed: config.seed,
      backend: tf.getBackend(),
      tfjs: tf.version_core,
      git: CODE_VERSION,
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      wallSeconds: (Date.now() - startedAt.getTime()) / 1000,
      trainSeconds: result.trainSeconds,
      tokensPerSecond: result.tokensPerSecond,
      resumedFrom: result.resumedFrom,
      parameterCount: parameterCount(task.params),
      rows: result.rows,
    };
    writeRunFile(dir, run);
    removeCheckpoint(dir, id);
    return run;
  } finally {
    trainer.dispose();
    task.dispose();
  }
}

/** Plans, then trains every pending run in order; returns the ids written. */
export async function runSweep(options: SweepOptions): Promise<{ plan: SweepPlan; written: string[] }> {
  const plan = planSweep(options);
  const progress = options.progress ?? progressReporter();
  const written: string[] = [];
  for (const [i, { config }] of plan.pending.entries()) {
    options.onRun?.(i + 1, plan.pending.length, runId(config));
    await executeRun(config, plan.dir, options.tasks, progress);
    written.push(runId(config));
  }
  return { plan, written };
}
