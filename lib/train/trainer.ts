/**
 * The training loop: AdamW with a learning-rate schedule and global-norm clipping,
 * an evaluation hook every N steps, tidy metric rows, progress, and checkpoints
 * from which a resumed run continues exactly as an uninterrupted one would.
 *
 * Evaluations happen before updates 0, evalEvery, 2*evalEvery, ... and after the
 * last update, so `step` on a row always means "after this many updates".
 */
import * as tf from '@tensorflow/tfjs-core';
import { AdamW, type AdamWConfig } from './adamw.js';
import { clipByGlobalNorm } from './clip.js';
import { loadCheckpoint, saveCheckpoint } from './checkpoint.js';
import { silentProgress, type ProgressSink } from './progress.js';
import type { Schedule } from './schedule.js';
import { dropoutSeed } from './seeds.js';
import type { MetricRow, Observation, Param, RunMeta, StatefulRng, StepContext } from './types.js';

export interface TrainerOptions<B> {
  params: Param[];
  /** The scalar to minimize on one batch; called inside the gradient tape. */
  loss: (batch: B, context: StepContext) => tf.Scalar;
  /** The batch of update `step`. Pure in `step`, or driven by `rng`, whose state is checkpointed. */
  batch: (step: number) => B;
  steps: number;
  schedule: Schedule;
  optimizer?: AdamWConfig;
  /** Global gradient-norm ceiling; Infinity disables clipping. */
  clipNorm?: number;
  seed: number;
  meta: RunMeta;
  evaluate?: (step: number) => Observation[] | Promise<Observation[]>;
  evalEvery?: number;
  /** Training loss, learning rate and gradient norm are logged as window means every this many updates. */
  logEvery?: number;
  /** Tokens in one batch, for the tokens/s figure. */
  tokensPerStep?: number;
  checkpoint?: { dir: string; every: number };
  rng?: StatefulRng;
  progress?: ProgressSink;
}

export interface TrainResult {
  rows: MetricRow[];
  steps: number;
  /** The step a checkpoint resumed from, null for a fresh run. */
  resumedFrom: number | null;
  /** Seconds spent in updates (evaluations excluded), summed over every process that worked on the run. */
  trainSeconds: number;
  tokensPerSecond: number;
}

/** The trainer's own JSON state inside a checkpoint. */
interface LoopState {
  rows: MetricRow[];
  window: { sumLoss: number; sumLr: number; sumNorm: number; count: number };
  trainSeconds: number;
  rng: unknown;
}

export class Trainer<B> {
  private readonly optimizer: AdamW;
  private readonly clipNorm: number;
  private readonly evalEvery: number;
  private readonly logEvery: number;
  private readonly progress: ProgressSink;
  private rows: MetricRow[] = [];
  private window = { sumLoss: 0, sumLr: 0, sumNorm: 0, count: 0 };
  private trainSeconds = 0;

  constructor(private readonly options: TrainerOptions<B>) {
    const { steps, evalEvery, logEvery } = options;
    if (!Number.isInteger(steps) || steps < 1) throw new Error(`Trainer: steps must be a positive integer, got ${steps}`);
    this.optimizer = new AdamW(options.params, options.optimizer);
    this.clipNorm = options.clipNorm ?? 1;
    this.evalEvery = evalEvery ?? steps;
    this.logEvery = logEvery ?? Math.max(1, Math.floor(steps / 20));
    this.progress = options.progress ?? silentProgress;
  }

  /** One update; returns the batch loss. Leaves the live tensor count unchanged. */
  step(step: number): number {
    const { params, loss, batch, schedule, seed } = this.options;
    const data = batch(step);
    const context: StepContext = { step, dropoutSeed: dropoutSeed(seed, step) };
    const variables = params.map((p) => p.variable);
    const { value, grads } = tf.variableGrads(() => loss(data, context), variables);
    const named: Record<string, tf.Tensor> = {};
    // variableGrads keys gradients by variable name; the model's names are the ones checkpoints use.
    for (const p of params) {
      const g = grads[p.variable.name];
      if (g == null) {
        tf.dispose([value, grads]);
        throw new Error(`Trainer: parameter '${p.name}' gets no gradient from the loss; leave it out of params`);
      }
      named[p.name] = g;
    }
    const clipped = clipByGlobalNorm(named, this.clipNorm);
    const lossValue = value.dataSync()[0];
    const lr = schedule(step);
    if (!Number.isFinite(lossValue) || !Number.isFinite(clipped.norm)) {
      tf.dispose([value, grads, clipped.grads]);
      throw new Error(`training diverged at step ${step}: loss ${lossValue}, gradient norm ${clipped.norm}; lower the learning rate`);
    }
    this.optimizer.apply(clipped.grads, lr);
    tf.dispose([value, grads, clipped.grads]);
    this.window.sumLoss += lossValue;
    this.window.sumLr += lr;
    this.window.sumNorm += clipped.norm;
    this.window.count += 1;
    return lossValue;
  }

  /** Trains to `steps`, resuming from the checkpoint directory when it holds one. */
  async run(): Promise<TrainResult> {
    const { steps, checkpoint, tokensPerStep = 0, meta } = this.options;
    const resumedFrom = checkpoint ? this.restore(checkpoint.dir) : null;
    let sessionSeconds = 0;
    let sessionSteps = 0;
    let lastLoss = NaN;
    for (let step = resumedFrom ?? 0; step < steps; step++) {
      if (step % this.evalEvery === 0) await this.evaluate(step);
      const started = performance.now();
      lastLoss = this.step(step);
      const elapsed = (performance.now() - started) / 1000;
      sessionSeconds += elapsed;
      sessionSteps += 1;
      this.trainSeconds += elapsed;
      const done = step + 1;
      if (done % this.logEvery === 0 || done === steps) this.flushWindow(done);
      const perStep = sessionSeconds / sessionSteps;
      this.progress.update({
        label: meta.run,
        step: done,
        total: steps,
        loss: lastLoss,
        tokensPerSecond: tokensPerStep / perStep,
        eta: perStep * (steps - done),
      });
      if (checkpoint && done % checkpoint.every === 0 && done < steps) this.save(checkpoint.dir, done);
    }
    await this.evaluate(steps);
    // Measured on this process's updates only: a resumed run's earlier pace may come from another machine.
    const tokensPerSecond = sessionSteps > 0 ? (tokensPerStep * sessionSteps) / sessionSeconds : 0;
    this.progress.done({ label: meta.run, step: steps, total: steps, loss: lastLoss, tokensPerSecond, eta: 0 });
    return { rows: this.rows, steps, resumedFrom, trainSeconds: this.trainSeconds, tokensPerSecond };
  }

  dispose(): void {
    this.optimizer.dispose();
  }

  private async evaluate(step: number): Promise<void> {
    if (!this.options.evaluate) return;
    const observations = await this.options.evaluate(step);
    for (const o of observations) this.rows.push({ ...this.options.meta, step, ...o });
  }

  private flushWindow(step: number): void {
    const { sumLoss, sumLr, sumNorm, count } = this.window;
    if (count === 0) return;
    const row = (metric: string, value: number): MetricRow => ({ ...this.options.meta, step, layer: null, head: null, metric, value });
    this.rows.push(row('train_loss', sumLoss / count), row('lr', sumLr / count), row('grad_norm', sumNorm / count));
    this.window = { sumLoss: 0, sumLr: 0, sumNorm: 0, count: 0 };
  }

  private save(dir: string, step: number): void {
    const tensors: Record<string, Float32Array> = {};
    for (const p of this.options.params) tensors[`param/${p.name}`] = p.variable.dataSync() as Float32Array;
    const adam = this.optimizer.getState();
    for (const name of Object.keys(adam.m)) {
      tensors[`adam.m/${name}`] = adam.m[name];
      tensors[`adam.v/${name}`] = adam.v[name];
    }
    const state: LoopState & { adamT: number } = {
      rows: this.rows,
      window: this.window,
      trainSeconds: this.trainSeconds,
      rng: this.options.rng?.getState() ?? null,
      adamT: adam.t,
    };
    saveCheckpoint(dir, { step, tensors, state });
  }

  /** Loads the latest checkpoint into the parameters, optimizer and RNG; returns its step or null. */
  private restore(dir: string): number | null {
    const checkpoint = loadCheckpoint(dir);
    if (checkpoint === null) return null;
    const { tensors, step } = checkpoint;
    const state = checkpoint.state as LoopState & { adamT: number };
    const m: Record<string, Float32Array> = {};
    const v: Record<string, Float32Array> = {};
    for (const p of this.options.params) {
      const values = tensors[`param/${p.name}`];
      if (values === undefined || values.length !== p.variable.size) {
        throw new Error(`checkpoint in ${dir} does not fit this model: parameter '${p.name}' is missing or has another size`);
      }
      tf.tidy(() => p.variable.assign(tf.tensor(values, p.variable.shape, 'float32')));
      m[p.name] = tensors[`adam.m/${p.name}`];
      v[p.name] = tensors[`adam.v/${p.name}`];
    }
    this.optimizer.setState({ t: state.adamT, m, v });
    this.rows = state.rows;
    this.window = state.window;
    this.trainSeconds = state.trainSeconds;
    if (this.options.rng) this.options.rng.setState(state.rng);
    return step;
  }
}
