/** What a task hands the runner: a model's parameters, batches, a loss and an evaluation. */
import type * as tf from '@tensorflow/tfjs-core';
import type { Observation, StepContext } from '../train/types.js';
import type { RunConfig, TaskName } from './config.js';

export interface TaskSetup {
  params: { name: string; variable: tf.Variable; decay: boolean }[];
  /** The training batch of update `step`: a pure function of the run seed and the step. */
  batch(step: number): unknown;
  loss(batch: unknown, context: StepContext): tf.Scalar;
  /** Tokens in one training batch (for tokens/s). */
  tokensPerStep: number;
  /** Held-out loss and accuracy or perplexity, and attention tracking on the fixed probe batch. */
  evaluate(step: number): Observation[];
  dispose(): void;
}

export type TaskFactory = (config: RunConfig) => TaskSetup | Promise<TaskSetup>;

export type TaskRegistry = Record<TaskName, TaskFactory>;
