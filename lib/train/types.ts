/** Shapes that travel between the trainer, the tracker and the experiment runner. */
import type * as tf from '@tensorflow/tfjs-core';

/** One trainable tensor as a model lists it; `decay` says whether AdamW's weight decay applies. */
export interface Param {
  name: string;
  variable: tf.Variable;
  decay: boolean;
}

/** Who produced a row: the run's identity, repeated on every row so that tables concatenate. */
export interface RunMeta {
  run: string;
  task: string;
  size: string;
  method: string;
  seed: number;
}

/** A measurement before it is stamped with the run identity and step. `layer`/`head` are null for whole-model metrics. */
export interface Observation {
  layer: number | null;
  head: number | null;
  metric: string;
  value: number;
}

/** A tidy row: one observation, as ARCHITECTURE.md names it. */
export interface MetricRow extends RunMeta, Observation {
  step: number;
}

/** What every step of the loss closure is told. */
export interface StepContext {
  step: number;
  /** A seed for this step's dropout masks, derived from the run seed and the step, so a resumed run draws the same masks. */
  dropoutSeed: number;
}

/** A generator whose position must survive a checkpoint (e.g. a batch sampler's PRNG). */
export interface StatefulRng {
  getState(): unknown;
  setState(state: unknown): void;
}
