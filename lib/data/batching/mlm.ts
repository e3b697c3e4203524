import { createRng } from '../rng.js';
import { MASK_ID, SPECIAL_TOKENS } from '../tokenizer/specials.js';

export interface MlmOptions {
  /** Size of the vocabulary the random replacements are drawn from (non-special ids only). */
  vocabSize: number;
  seed: number;
  /** Share of real tokens chosen for prediction. Default 0.15. */
  probability?: number;
}

export interface MlmBatch {
  /** [batch, length] ids with chosen tokens replaced: 80% [MASK], 10% a random token, 10% unchanged. */
  inputs: Int32Array;
  /** [batch, length] the original id at chosen positions, -1 elsewhere. */
  labels: Int32Array;
  /** [batch, length] 1 at chosen positions (the loss weight), 0 elsewhere. */
  weights: Float32Array;
}

/**
 * BERT's masking. Special tokens (padding, [CLS], [SEP], ...) are never
 * chosen, so padding needs no extra mask here. Deterministic for a seed.
 */
export function maskForMlm(ids: Int32Array, options: MlmOptions): MlmBatch {
  const probability = options.probability ?? 0.15;
  if (options.vocabSize <= SPECIAL_TOKENS.length) throw new Error(`maskForMlm: vocabSize ${options.vocabSize} leaves no ordinary tokens to sample`);
  const rng = createRng(options.seed);
  const inputs = Int32Array.from(ids);
  const labels = new Int32Array(ids.length).fill(-1);
  const weights = new Float32Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    if (ids[i] < SPECIAL_TOKENS.length || rng.next() >= probability) continue;
    labels[i] = ids[i];
    weights[i] = 1;
    const roll = rng.next();
    if (roll < 0.8) inputs[i] = MASK_ID;
    else if (roll < 0.9) inputs[i] = SPECIAL_TOKENS.length + rng.int(options.vocabSize - SPECIAL_TOKENS.length);
  }
  return { inputs, labels, weights };
}
