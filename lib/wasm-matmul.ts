/**
 * A faster `BatchMatMul` for the tfjs wasm backend.
 *
 * Where the SIMD module of lib/simd loaded (the normal case), every float32 product runs on its
 * `matmul` kernel, shared with the SIMD helper threads (`simdMatMul` below). Otherwise:
 * the stock kernel reaches XNNPACK's packed GEMM (~25 GFLOP/s here) only for a single,
 * untransposed product; with a transpose flag or a batch it falls back to a naive loop at
 * ~2 GFLOP/s. Training needs both (every matMul gradient is transposed; attention is batched over
 * batch x heads), so this kernel rewrites each call into fast-path calls:
 *   - a transpose flag becomes an explicit transpose (lib/wasm-layout.ts), then a plain product;
 *   - a shared right operand (b batch 1) becomes one tall 2-D product on a flattened a;
 *   - a batch becomes one 2-D product per slice, on views registered into the inputs' memory (no copies).
 * Broadcasts other than "batch n with batch 1" go to the stock kernel.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BatchMatMulAttrs, KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { heapOffset, type WasmHeapBackend } from './wasm-heap.js';
import { swapLastTwo } from './wasm-layout.js';
import { runSimd, simdKernels, type SimdKernels } from './wasm-simd.js';

type CwrappedMatMul = (
  aId: number, aShape: Uint8Array, aRank: number, bId: number, bShape: Uint8Array, bRank: number,
  transposeA: boolean, transposeB: boolean, outId: number,
) => void;

const shapeBytes = (shape: number[]) => new Uint8Array(new Int32Array(shape).buffer);

export function fastBatchMatMulConfig(stock: KernelConfig): KernelConfig {
  let wasmMatMul: CwrappedMatMul | undefined;

  /**
   * The product on the SIMD module (lib/simd `matmul`, ~35 GFLOP/s per thread here against
   * XNNPACK's ~28 through tfjs): a transposed a is read in place (its strides swap), a
   * transposed b is transposed first; rows (2-D) or slices (batched) are split between this
   * thread and the SIMD helpers.
   */
  const simdMatMul = (simd: SimdKernels, backend: WasmHeapBackend, a: TensorInfo, b: TensorInfo, out: TensorInfo,
    transposeA: boolean, transposeB: boolean, batchA: number, batchB: number, [m, k, n]: number[]): void => {
    const b2 = transposeB ? swapLastTwo(b, backend) : b;
    const batch = Math.max(batchA, batchB);
    const [ap, bp, cp] = [heapOffset(backend, a), heapOffset(backend, b2), heapOffset(backend, out)];
    // A'[r][p]: row-major [m, k], or stored transposed as [k, m].
    const [aRow, aP] = transposeA ? [4, 4 * m] : [4 * k, 4];
    if (batch === 1 || (batchB === 1 && !transposeA)) {
      // One tall product (a's batch folds into its rows when b is shared); split by rows.
      runSimd(backend.wasm, simd, 'matmul', batch * m, 4, (lo, hi) => [ap + lo * aRow, aRow, aP, bp, cp + 4 * lo * n, hi - lo, k, n]);
    } else {
      const [aBatch, bBatch] = [batchA === 1 ? 0 : 4 * m * k, batchB === 1 ? 0 : 4 * k * n];
      runSimd(backend.wasm, simd, 'batchedMatmul', batch, 1, (lo, hi) => [ap, aRow, aP, aBatch, bp, bBatch, cp, lo, hi, m, k, n]);
    }
    if (b2 !== b) backend.disposeData(b2.dataId);
  };

  const kernelFunc: KernelFunc = (args) => {
    const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
    const { transposeA, transposeB } = args.attrs as unknown as BatchMatMulAttrs;
    const backend = args.backend as unknown as WasmHeapBackend;
    const outerA = a.shape.slice(0, -2);
    const outerB = b.shape.slice(0, -2);
    const batchA = tf.util.sizeFromShape(outerA);
    const batchB = tf.util.sizeFromShape(outerB);
    const broadcastOk = batchA === batchB || batchA === 1 || batchB === 1;
    if (a.dtype !== 'float32' || b.dtype !== 'float32' || !broadcastOk) return stock.kernelFunc(args);
    // op(a) [m, k] x op(b) [k, n], checked before anything is allocated.
    const [m, k] = transposeA ? a.shape.slice(-2).reverse() : a.shape.slice(-2);
    const [k2, n] = transposeB ? b.shape.slice(-2).reverse() : b.shape.slice(-2);
    tf.util.assert(k === k2, () => `matMul: inner dimensions ${k} and ${k2} of shapes [${a.shape}] and [${b.shape}] ` +
      `(transposeA=${transposeA}, transposeB=${transposeB}) must match`);
    const outShape = [...(batchA >= batchB ? outerA : outerB), m, n];
    const simd = simdKernels(backend.wasm);
    if (simd !== null) {
      const out = backend.makeOutput(outShape, 'float32');
      simdMatMul(simd, backend, a, b, out, transposeA, transposeB, batchA, batchB, [m, k, n]);
      return out;
    }
    if (transposeA && !transposeB && batchA === 1 && batchB === 1 && a.shape.length === 2 && b.shape.length === 2) {
      // a^T b with few output rows (a weight gradient x^T dy with D_in < D_out): XNNPACK runs
      // faster with more rows, so form (b^T a)^T, transposing the small result back.
      if (m < n) {
        const swapped = kernelFunc({ ...args, inputs: { a: b, b: a } }) as TensorInfo;
        const result = swapLastTwo(swapped, backend);
        backend.disposeData(swapped.dataId);
        return result;
      }
    }
    wasmMatMul ??= backend.wasm.cwrap(tf.BatchMatMul, null, [
      'number', 'array', 'number', 'number', 'array', 'number', 'number', 'number', 'number',
    ]) as CwrappedMatMul;

    const a2 = transposeA ? swapLastTwo(a, backend) : a;
    const b2 = transposeB ? swapLastTwo(b, backend) : b;
    const out = backend.makeOutput(outShape, 'float32');
    const batch = Math.max(batchA, batchB);

    const views: number[] = [];
    const view = (t: TensorInfo, elementOffset: number, size: number): number => {
      const id = backend.dataIdNextNumber++;
      backend.wasm.tfjs.registerTensor(id, size, heapOffset(backend, t) + 4 * elementOffset);
      views.push(id);
      return id;
    };
    const product = (aId: number, rows: number, bId: number, outId: number) =>
      wasmMatMul!(aId, shapeBytes([1, rows, k]), 3, bId, shapeBytes([1, k, n]), 3, false, false, outId);

    if (batchB === 1) {
      // One tall product: a's batch folds into its rows.
      product(view(a2, 0, batchA * m * k), batchA * m, view(b2, 0, k * n), view(out, 0, batch * m * n));
    } else {
      for (let i = 0; i < batch; i++) {
        const aId = view(a2, batchA === 1 ? 0 : i * m * k, m * k);
        product(aId, m, view(b2, i * k * n, k * n), view(out, i * m * n, m * n));
      }
    }
    // Dropping a view also drops XNNPACK's operator cached for it; the memory belongs to the parents.
    for (const id of views) backend.wasm.tfjs.disposeData(id);
    if (a2 !== a) backend.disposeData(a2.dataId);
    if (b2 !== b) backend.disposeData(b2.dataId);
    return out;
  };
  return { kernelName: tf.BatchMatMul, backendName: 'wasm', kernelFunc };
}
