/** What the tasks share: building the model a run asks for, and seeded batch sampling. */
import { createRng } from '../../data/rng.js';
import { Decoder } from '../../model/decoder.js';
import { Encoder } from '../../model/encoder.js';
import type { ModelConfig } from '../../model/config.js';
import { mixSeed } from '../../train/seeds.js';
import type { MethodName, RunConfig } from '../config.js';

/** The model field a method sets: SAOBP off, or on with its variant in every layer. */
export function saobpOf(method: MethodName): ModelConfig['saobp'] {
  return method === 'baseline' ? false : { variant: method === 'saobp-mixture' ? 'mixture' : 'product' };
}

/** Name of the learned per-head coefficient of a method, as the tracker records it. */
export function coefficientOf(method: MethodName): 'lambda' | 'gamma' | null {
  return method === 'saobp-mixture' ? 'lambda' : method === 'saobp-product' ? 'gamma' : null;
}

function modelConfig(config: RunConfig, vocabSize: number, numClasses?: number): Omit<ModelConfig, 'kind'> {
  return {
    vocabSize,
    size: config.size,
    maxLen: config.seqLen,
    dropout: config.dropout,
    saobp: saobpOf(config.method),
    seed: config.seed,
    ...(numClasses === undefined ? {} : { numClasses }),
  };
}

export const buildDecoder = (config: RunConfig, vocabSize: number) => new Decoder(modelConfig(config, vocabSize));
export const buildEncoder = (config: RunConfig, vocabSize: number, numClasses: number) =>
  new Encoder(modelConfig(config, vocabSize, numClasses));

/**
 * `count` indices in [0, n) for update `step`: drawn from a generator seeded by
 * (run seed, step, stream), so a batch depends on nothing but its step.
 */
export function sampleIndices(seed: number, step: number, stream: number, count: number, n: number): number[] {
  const rng = createRng(mixSeed(seed, step, stream));
  return Array.from({ length: count }, () => rng.int(n));
}

/** Evaluation sets are fixed across runs and seeds (paired comparisons); this seed picks them. */
export const EVAL_SEED = 20250909;

/** `count` evenly spaced indices of [0, n): a held-out set that covers the whole split. */
export function spread(count: number, n: number): number[] {
  const k = Math.min(count, n);
  return Array.from({ length: k }, (_, i) => Math.floor((i * n) / k));
}
