import { createRng } from '../rng.js';

export interface CausalWindows {
  /** [count, length] input ids. */
  inputs: Int32Array;
  /** [count, length] the next token for each input position. */
  targets: Int32Array;
  shape: [number, number];
}

/**
 * Cuts a token stream into language-modelling windows of `length` inputs
 * (targets shifted by one). `stride` defaults to `length` (no overlap).
 */
export function causalWindows(stream: ArrayLike<number>, length: number, stride = length): CausalWindows {
  if (!Number.isInteger(length) || length < 1 || !Number.isInteger(stride) || stride < 1) {
    throw new Error(`causalWindows: length (${length}) and stride (${stride}) must be positive integers`);
  }
  const count = stream.length > length ? Math.floor((stream.length - length - 1) / stride) + 1 : 0;
  if (count === 0) throw new Error(`causalWindows: a stream of ${stream.length} tokens is too short for one window of ${length} (+1 target); lower length`);
  const inputs = new Int32Array(count * length);
  const targets = new Int32Array(count * length);
  for (let w = 0; w < count; w++) {
    for (let t = 0; t < length; t++) {
      inputs[w * length + t] = stream[w * stride + t];
      targets[w * length + t] = stream[w * stride + t + 1];
    }
  }
  return { inputs, targets, shape: [count, length] };
}

/** Rows `rows` of a window set, as a new batch (e.g. a seeded shuffle's next slice). */
export function takeWindows(windows: CausalWindows, rows: readonly number[]): CausalWindows {
  const length = windows.shape[1];
  const inputs = new Int32Array(rows.length * length);
  const targets = new Int32Array(rows.length * length);
  rows.forEach((row, i) => {
    inputs.set(windows.inputs.subarray(row * length, (row + 1) * length), i * length);
    targets.set(windows.targets.subarray(row * length, (row + 1) * length), i * length);
  });
  return { inputs, targets, shape: [rows.length, length] };
}

/** Seeded order of window batches for one epoch: every window once, the last batch possibly short. */
export function shuffledBatches(count: number, batchSize: number, seed: number): number[][] {
  const order = createRng(seed).shuffle(Array.from({ length: count }, (_, i) => i));
  const batches: number[][] = [];
  for (let i = 0; i < order.length; i += batchSize) batches.push(order.slice(i, i + batchSize));
  return batches;
}
