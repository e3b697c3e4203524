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
import type { KernelConfig, KernelFunc, SumAttrs, TensorInfo, TransposeAttrs } from '@tensorflow/tfjs-core';
import type { WasmHeapBackend } from './wasm-kernels.js';

/** Square tiles keep both the rows read and the rows written in cache. */
const TILE = 32;

/** x [..., r, c] -> [..., c, r] for perm = identity with the last two axes swapped. */
function swapLastTwo(x: TensorInfo, backend: WasmHeapBackend): TensorInfo {
  const [r, c] = x.shape.slice(-2);
  const batch = tf.util.sizeFromShape(x.shape.slice(0, -2));
  const out = backend.makeOutput([...x.shape.slice(0, -2), c, r], x.dtype);
  const src = backend.typedArrayFromHeap(x);
  const dst = backend.typedArrayFromHeap(out);
  for (let b = 0; b < batch; b++) {
    const base = b * r * c;
    for (let i0 = 0; i0 < r; i0 += TILE) {
      const i1 = Math.min(i0 + TILE, r);
      for (let j0 = 0; j0 < c; j0 += TILE) {
        const j1 = Math.min(j0 + TILE, c);
        for (let i = i0; i < i1; i++) {
          const row = base + i * c;
          for (let j = j0; j < j1; j++) dst[base + j * r + i] = src[row + j];
        }
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
 * in order into a float64 accumulator (at least as accurate as the stock float32 sum).
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
