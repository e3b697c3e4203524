import { PAD_ID } from '../tokenizer/specials.js';

/** A padded batch as plain typed arrays, row-major; the trainer turns them into tensors. */
export interface PaddedBatch {
  /** [batch, length] token ids, PAD_ID after each sequence's end. */
  ids: Int32Array;
  /** [batch, length] 1 on real tokens, 0 on padding. */
  mask: Float32Array;
  shape: [number, number];
  /** Real (possibly truncated) length of each row. */
  lengths: Int32Array;
}

export interface PadOptions {
  /** Truncate longer sequences (keeping their start). Default: the longest sequence. */
  maxLength?: number;
  /** Round the padded length up to a multiple of this (kernel-friendly shapes). Default 1. */
  multipleOf?: number;
  padId?: number;
}

/** Pads to the longest sequence (capped by maxLength, rounded up to multipleOf). */
export function padBatch(sequences: readonly ArrayLike<number>[], options: PadOptions = {}): PaddedBatch {
  if (sequences.length === 0) throw new Error('padBatch: no sequences; pass at least one');
  const cap = options.maxLength ?? Infinity;
  const multiple = options.multipleOf ?? 1;
  if (!(cap >= 1) || !Number.isInteger(multiple) || multiple < 1) throw new Error(`padBatch: maxLength (${cap}) and multipleOf (${multiple}) must be positive integers`);
  const lengths = Int32Array.from(sequences, (s) => Math.min(s.length, cap));
  const longest = Math.max(1, ...lengths);
  const length = Math.ceil(longest / multiple) * multiple;
  const ids = new Int32Array(sequences.length * length).fill(options.padId ?? PAD_ID);
  const mask = new Float32Array(sequences.length * length);
  sequences.forEach((sequence, row) => {
    for (let t = 0; t < lengths[row]; t++) {
      ids[row * length + t] = sequence[t];
      mask[row * length + t] = 1;
    }
  });
  return { ids, mask, shape: [sequences.length, length], lengths };
}
