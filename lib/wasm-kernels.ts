/**
 * Kernels that the tfjs wasm backend lacks but training needs, written in JS over the
 * wasm heap (no copies in or out beyond the result).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelConfig, TensorInfo, UnsortedSegmentSumAttrs } from '@tensorflow/tfjs-core';
import { fastGatherConfig, fastSumConfig, fastTransposeConfig, sharedIdentityConfig } from './wasm-layout.js';
import { fastBatchMatMulConfig } from './wasm-matmul.js';
import { FUSED_GRADIENTS, FUSED_KERNELS, SIMD_ONLY_KERNELS } from './wasm-fused.js';
import { simdKernels } from './wasm-simd.js';
import type { WasmHeapBackend } from './wasm-heap.js';

/**
 * `UnsortedSegmentSum`: the gradient of `gather` (embedding lookups) reduces to it.
 * x [N, ...inner], segmentIds [N] -> out [numSegments, ...inner]; ids outside
 * [0, numSegments) are dropped, as TensorFlow does.
 */
const unsortedSegmentSum: KernelConfig = {
  kernelName: tf.UnsortedSegmentSum,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const { x, segmentIds } = inputs as { x: TensorInfo; segmentIds: TensorInfo };
    const { numSegments } = attrs as unknown as UnsortedSegmentSumAttrs;
    const heap = backend as unknown as WasmHeapBackend;
    const n = tf.util.sizeFromShape(segmentIds.shape);
    const rows = x.shape.slice(0, segmentIds.shape.length);
    if (tf.util.sizeFromShape(rows) !== n) {
      throw new Error(`UnsortedSegmentSum: segmentIds shape [${segmentIds.shape}] is not a prefix of x shape [${x.shape}]`);
    }
    const innerShape = x.shape.slice(segmentIds.shape.length);
    const inner = tf.util.sizeFromShape(innerShape);
    const out = heap.makeOutput([numSegments, ...innerShape], x.dtype);
    const outValues = heap.typedArrayFromHeap(out);
    outValues.fill(0);
    const xValues = heap.typedArrayFromHeap(x);
    const ids = heap.typedArrayFromHeap(segmentIds);
    for (let r = 0; r < n; r++) {
      const s = ids[r];
      if (s < 0 || s >= numSegments) continue;
      const src = r * inner;
      const dst = s * inner;
      for (let k = 0; k < inner; k++) outValues[dst + k] += xValues[src + k];
    }
    return out;
  },
};

const WASM_KERNELS: KernelConfig[] = [unsortedSegmentSum, ...FUSED_KERNELS];

let registered = false;

/**
 * Registers the missing kernels and replaces the stock Identity, Sum, Transpose (lib/wasm-layout.ts)
 * and BatchMatMul (lib/wasm-matmul.ts, which transposes with lib/wasm-layout.ts);
 * idempotent.
 */
export function registerWasmKernels(): void {
  if (registered) return;
  registered = true;
  for (const kernel of WASM_KERNELS) {
    if (tf.getKernel(kernel.kernelName, 'wasm') === undefined) tf.registerKernel(kernel);
  }
  const backend = tf.findBackend('wasm') as unknown as WasmHeapBackend | null;
  if (backend !== null && simdKernels(backend.wasm) !== null) {
    for (const kernel of SIMD_ONLY_KERNELS) {
      if (tf.getKernel(kernel.kernelName, 'wasm') === undefined) tf.registerKernel(kernel);
    }
  }
  for (const grad of FUSED_GRADIENTS) {
    if (tf.getGradient(grad.kernelName) === undefined) tf.registerGradient(grad);
  }
  const replacements: [string, (stock: KernelConfig) => KernelConfig][] = [
    [tf.Identity, sharedIdentityConfig],
    [tf.Sum, fastSumConfig],
    [tf.Transpose, fastTransposeConfig],
    [tf.BatchMatMul, fastBatchMatMulConfig],
    [tf.GatherV2, fastGatherConfig],
  ];
  for (const [name, make] of replacements) {
    const stock = tf.getKernel(name, 'wasm');
    if (stock === undefined) continue;
    tf.unregisterKernel(name, 'wasm');
    tf.registerKernel(make(stock));
  }
}
