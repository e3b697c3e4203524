/**
 * Copy- and layout-bound kernels of the tfjs wasm backend, rewritten in JS over the wasm heap.
 *
 * The stock `Transpose` walks a 2-D matrix element by element with a stride through the
 * whole matrix (~7 ms for 2048x512 here, against ~0.5 ms for a 4-D head split of the same
 * size), and the stock `Sum` over a leading axis first makes that transpose. Both arise in
 * every training step: matMul gradients transpose their operands, bias and LayerNorm
 * gradients sum over the rows. Other cases go to the stock kernels.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { GatherV2Attrs, KernelConfig, KernelFunc, SumAttrs, TensorInfo, TransposeAttrs } from '@tensorflow/tfjs-core';
import { heapOffset, type WasmHeapBackend } from './wasm-heap.js';
import { simdKernels } from './wasm-simd.js';

/** Columns per pass: the 8 source rows' slices stay in cache while their columns are written. */
const COLUMN_BLOCK = 64;

/**
 * x [..., r, c] -> [..., c, r]. Eight source rows at a time: each column j of the block is
 * written as eight consecutive floats. (A square-tiled loop with one element per inner
 * iteration ran ~4x slower in V8.)
 */
export function swapLastTwo(x: TensorInfo, backend: WasmHeapBackend): TensorInfo {
  const [r, c] = x.shape.slice(-2);
  const batch = tf.util.sizeFromShape(x.shape.slice(0, -2));
  const out = backend.makeOutput([...x.shape.slice(0, -2), c, r], x.dtype);
  const src = backend.typedArrayFromHeap(x);
  const dst = backend.typedArrayFromHeap(out);
  const r8 = r - (r % 8);
  for (let b = 0; b < batch; b++) {
    const base = b * r * c;
    for (let j0 = 0; j0 < c; j0 += COLUMN_BLOCK) {
      const j1 = Math.min(j0 + COLUMN_BLOCK, c);
      for (let i = 0; i < r8; i += 8) {
        const row = base + i * c;
        for (let j = j0; j < j1; j++) {
          const o = base + j * r + i;
          const s = row + j;
          dst[o] = src[s];
          dst[o + 1] = src[s + c];
          dst[o + 2] = src[s + 2 * c];
          dst[o + 3] = src[s + 3 * c];
          dst[o + 4] = src[s + 4 * c];
          dst[o + 5] = src[s + 5 * c];
          dst[o + 6] = src[s + 6 * c];
          dst[o + 7] = src[s + 7 * c];
        }
      }
      for (let i = r8; i < r; i++) {
        const row = base + i * c;
        for (let j = j0; j < j1; j++) dst[base + j * r + i] = src[row + j];
      }
    }
  }
  return out;
}

export function fastTransposeConfig(stock: KernelConfig): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const { x } = args.inputs as { x: TensorInfo };
    const { perm } = args.attrs as unknown as TransposeAttrs;
    const n = perm.length;
    const swapsLastTwo = n >= 2 && perm[n - 2] === n - 1 && perm[n - 1] === n - 2 && perm.slice(0, -2).every((p, i) => p === i);
    if (!swapsLastTwo || x.dtype !== 'float32') return stock.kernelFunc(args);
    return swapLastTwo(x, args.backend as unknown as WasmHeapBackend);
  };
  return { kernelName: tf.Transpose, backendName: 'wasm', kernelFunc };
}

/**
 * Sum over the leading axes 0..k-1 of a float32 tensor: rows of the inner block are added
 * in order, by the SIMD module where it loaded and the inner size is a multiple of 4
 * (float32, as the stock kernel), else in JS into a float64 accumulator.
 */
export function fastSumConfig(stock: KernelConfig): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const { x } = args.inputs as { x: TensorInfo };
    const { axis, keepDims } = args.attrs as unknown as SumAttrs;
    const axes = tf.util.parseAxisParam(axis, x.shape).sort((a, b) => a - b);
    const leading = axes.length > 0 && axes.length < x.shape.length && axes.every((a, i) => a === i);
    if (!leading || x.dtype !== 'float32') return stock.kernelFunc(args);
    const backend = args.backend as unknown as WasmHeapBackend;
    const rows = tf.util.sizeFromShape(x.shape.slice(0, axes.length));
    const innerShape = x.shape.slice(axes.length);
    const inner = tf.util.sizeFromShape(innerShape);
    const out = backend.makeOutput(keepDims ? [...axes.map(() => 1), ...innerShape] : innerShape, 'float32');
    const simd = inner % 4 === 0 ? simdKernels(backend.wasm) : null;
    if (simd !== null) {
      // f32x4 column sums in float32 (lib/simd).
      simd.sumRows(heapOffset(backend, x), heapOffset(backend, out), rows, inner);
      return out;
    }
    const src = backend.typedArrayFromHeap(x);
    const acc = new Float64Array(inner);
    for (let i = 0; i < rows; i++) {
      const row = i * inner;
      for (let j = 0; j < inner; j++) acc[j] += src[row + j];
    }
    backend.typedArrayFromHeap(out).set(acc);
    return out;
  };
  return { kernelName: tf.Sum, backendName: 'wasm', kernelFunc };
}

/**
 * `Identity` shares its input's memory (as `Reshape` does) instead of copying it: tensors
 * are immutable, and tfjs clones every tensor a gradient saves through Identity, which on
 * wasm meant a full copy of each saved [B, H, T, T] map in the forward pass.
 */
export function sharedIdentityConfig(stock: KernelConfig): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const { x } = args.inputs as { x: TensorInfo };
    if (x.dtype === 'string') return stock.kernelFunc(args);
    (args.backend as unknown as { incRef(dataId: object): void }).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  };
  return { kernelName: tf.Identity, backendName: 'wasm', kernelFunc };
}

/**
 * `GatherV2` of whole rows (axis 0 of a float32 matrix, the embedding lookup) as row copies;
 * the stock kernel takes ~12 ms for 2048 rows of 128. Other cases go to the stock kernel.
 */
export function fastGatherConfig(stock: KernelConfig): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const { x, indices } = args.inputs as { x: TensorInfo; indices: TensorInfo };
    const { axis, batchDims } = args.attrs as unknown as GatherV2Attrs;
    const rowGather = x.dtype === 'float32' && indices.dtype === 'int32' && x.shape.length === 2 &&
      tf.util.parseAxisParam(axis, x.shape)[0] === 0 && (batchDims ?? 0) === 0;
    if (!rowGather) return stock.kernelFunc(args);
    const backend = args.backend as unknown as WasmHeapBackend;
    const [rows, width] = x.shape;
    const bad = (backend.typedArrayFromHeap(indices) as Int32Array).find((id) => !(id >= 0 && id < rows));
    if (bad !== undefined) throw new Error(`GatherV2: the index value ${bad} is not in [0, ${rows - 1}]`);
    const out = backend.makeOutput([...indices.shape, width], 'float32');
    const src = backend.typedArrayFromHeap(x);
    const ids = backend.typedArrayFromHeap(indices);
    const dst = backend.typedArrayFromHeap(out);
    for (let i = 0; i < ids.length; i++) dst.set(src.subarray(ids[i] * width, (ids[i] + 1) * width), i * width);
    return out;
  };
  return { kernelName: tf.GatherV2, backendName: 'wasm', kernelFunc };
}
