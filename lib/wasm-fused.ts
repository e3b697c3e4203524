/**
 * Fused kernels for the wasm backend, in JS over the wasm heap: one pass per row instead of
 * the five to ten tfjs kernels (each a full pass over memory) that the composite ops take.
 *
 * - `SaobpMaskedSoftmax` / `SaobpMaskedSoftmaxGrad`: softmax over the allowed keys of each
 *   row, masked keys exactly 0 (the JS path skips them; the SIMD path zeroes them).
 * - `SaobpGelu` / `SaobpGeluGrad`: exact GELU x * Phi(x) and its derivative; registered only
 *   where the SIMD module loads (in JS, erf and exp cost more than tfjs's own kernels).
 * - `SaobpLayerNorm` / `SaobpLayerNormGrad`: LayerNorm over the last axis with the
 *   gradients of x, weight and bias in one backward pass.
 * - `SaobpSplitHeads` / `SaobpSplitHeadsGrad`: the fused QKV projection [B*T, 3D] into scaled
 *   queries [B, H, T, dh], transposed keys [B, H, dh, T] and values [B, H, T, dh], and back
 *   (replaces a split, a scale and three transposes each way).
 * - `SaobpAdamW`: one AdamW update of a parameter and its two moments.
 *
 * The softmax, GELU and LayerNorm kernels run their rows through the f32x4 SIMD module of
 * lib/simd (lib/wasm-simd.ts) where it loaded and the row length is a multiple of 4; otherwise,
 * and for everything else, JS over the heap with float64 arithmetic rounded once on store.
 * (Per value, V8's Math.exp costs ~10 ns, the JS `expNonPositive` below ~5 ns, the SIMD exp
 * ~1.4 ns.) The callers in lib/saobp and lib/model use these kernels where the active backend
 * has them (`hasKernel`) and the composite ops everywhere else; test/fused-kernels.test.ts
 * holds both to the same numbers.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { GradConfig, KernelConfig, TensorInfo } from '@tensorflow/tfjs-core';
import { heapOffset, type WasmHeapBackend } from './wasm-heap.js';
import { runSimd, simdKernels } from './wasm-simd.js';

export const MASKED_SOFTMAX = 'SaobpMaskedSoftmax';
export const MASKED_SOFTMAX_GRAD = 'SaobpMaskedSoftmaxGrad';
export const LAYER_NORM = 'SaobpLayerNorm';
export const LAYER_NORM_GRAD = 'SaobpLayerNormGrad';
export const GELU = 'SaobpGelu';
export const GELU_GRAD = 'SaobpGeluGrad';
export const SPLIT_HEADS = 'SaobpSplitHeads';
export const SPLIT_HEADS_GRAD = 'SaobpSplitHeadsGrad';
export const ADAMW = 'SaobpAdamW';

/** Whether the active backend has the fused kernel `name`. */
export function hasKernel(name: string): boolean {
  return tf.getKernel(name, tf.getBackend()) !== undefined;
}

type Heap = WasmHeapBackend & { typedArrayFromHeap(t: TensorInfo): Float32Array };

/** A wasm kernel whose function gets the named inputs, the heap backend and the attributes. */
function wasmKernel(
  kernelName: string,
  run: (inputs: Record<string, TensorInfo>, heap: Heap, attrs: Record<string, number>) => TensorInfo | TensorInfo[],
): KernelConfig {
  return {
    kernelName,
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) =>
      run(inputs as Record<string, TensorInfo>, backend as unknown as Heap, attrs as unknown as Record<string, number>),
  };
}


function requireFloat32(kernel: string, ...ts: [string, TensorInfo][]): void {
  for (const [name, t] of ts) {
    if (t.dtype !== 'float32') throw new Error(`${kernel}: ${name} must be float32, got ${t.dtype}`);
  }
}

/** float32 inputs of one shape (the first one's), or one error naming the kernel and inputs. */
function requireSameShape(kernel: string, ...ts: [string, TensorInfo][]): void {
  requireFloat32(kernel, ...ts);
  const [first, firstInfo] = ts[0];
  for (const [name, t] of ts.slice(1)) {
    if (!tf.util.arraysEqual(t.shape, firstInfo.shape)) {
      throw new Error(`${kernel}: ${name} [${t.shape}] differs from ${first} [${firstInfo.shape}]`);
    }
  }
}

/**
 * Element strides of a mask broadcast against x [..., T] (mask rank <= x rank), one per axis
 * of x: 0 where the mask has size 1 (or lacks the axis).
 */
function maskStrides(xShape: number[], maskShape: number[]): number[] {
  const r = xShape.length;
  const m = [...new Array<number>(r - maskShape.length).fill(1), ...maskShape];
  const strides = new Array<number>(r).fill(0);
  for (let k = r - 1, s = 1; k >= 0; s *= m[k], k--) strides[k] = m[k] === 1 ? 0 : s;
  return strides;
}

/** The heap offset (in elements) of the mask row that applies to each of x's rows. */
function maskRowOffsets(xShape: number[], strides: number[]): Int32Array {
  const r = xShape.length;
  const rowOffset = new Int32Array(tf.util.sizeFromShape(xShape.slice(0, -1)));
  const idx = new Array<number>(r - 1).fill(0);
  for (let i = 0; i < rowOffset.length; i++) {
    let off = 0;
    for (let k = 0; k < r - 1; k++) off += idx[k] * strides[k];
    rowOffset[i] = off;
    for (let k = r - 2; k >= 0; k--) {
      if (++idx[k] < xShape[k]) break;
      idx[k] = 0;
    }
  }
  return rowOffset;
}

/** 2^-k for k = 0..149 (float32's range ends at 2^-149). */
const POW2_NEG = Float64Array.from({ length: 150 }, (_, k) => 2 ** -k);

/**
 * exp(d) for d <= 0, to a relative error below 1e-8 (float32's epsilon is 6e-8): d = r - k ln 2
 * with |r| <= ln 2 / 2, e^r by its degree-7 Taylor polynomial, 2^-k from a table. Twice as
 * fast as Math.exp in V8; 0 below -103 (where float32 underflows).
 */
function expNonPositive(d: number): number {
  if (d < -103) return 0;
  const k = Math.round(-d * Math.LOG2E);
  const r = d + k * Math.LN2;
  return (1 + r * (1 + r * (1 / 2 + r * (1 / 6 + r * (1 / 24 + r * (1 / 120 + r * (1 / 720 + r / 5040))))))) * POW2_NEG[k];
}

/**
 * x [..., T] float32, mask broadcastable to x's shape (nonzero = allowed; no larger than x)
 * -> A [..., T]: exp(x - rowmax) / rowsum over allowed entries, 0 on masked entries and on
 * rows with no allowed entry.
 */
const maskedSoftmax = wasmKernel(MASKED_SOFTMAX, ({ x, mask }, heap) => {
  requireFloat32(MASKED_SOFTMAX, ['x', x], ['mask', mask]);
  const T = x.shape[x.shape.length - 1];
  const strides = maskStrides(x.shape, mask.shape);
  const lastStride = strides[strides.length - 1];
  const out = heap.makeOutput(x.shape, 'float32');
  const simd = T % 4 === 0 ? simdKernels(heap.wasm) : null;
  if (simd !== null && x.shape.length === 4) {
    // [B, H, Tq, T]: rows split between this thread and the SIMD helpers, if any.
    const [, H, Tq] = x.shape;
    const [xp, mp, op] = [heapOffset(heap, x), heapOffset(heap, mask), heapOffset(heap, out)];
    const rows = tf.util.sizeFromShape(x.shape.slice(0, -1));
    runSimd(heap.wasm, simd, 'maskedSoftmaxRows', rows, 1, (lo, hi) => [xp, mp, op, lo, hi, H, Tq, T, strides[0], strides[1], strides[2], lastStride]);
    return out;
  }
  const rowOffset = maskRowOffsets(x.shape, strides);
  if (simd !== null) {
    const [xp, mp, op] = [heapOffset(heap, x), heapOffset(heap, mask), heapOffset(heap, out)];
    for (let i = 0; i < rowOffset.length; i++) simd.maskedSoftmaxRow(xp + 4 * i * T, mp + 4 * rowOffset[i], op + 4 * i * T, T, lastStride);
    return out;
  }
  const xs = heap.typedArrayFromHeap(x);
  const ms = heap.typedArrayFromHeap(mask);
  const ys = heap.typedArrayFromHeap(out);
  for (let i = 0, base = 0; i < rowOffset.length; i++, base += T) {
    const mo = rowOffset[i];
    let max = -Infinity;
    for (let j = 0, mj = mo; j < T; j++, mj += lastStride) {
      if (ms[mj] !== 0 && xs[base + j] > max) max = xs[base + j];
    }
    if (max === -Infinity) {
      ys.fill(0, base, base + T);
      continue;
    }
    let z = 0;
    for (let j = 0, mj = mo; j < T; j++, mj += lastStride) {
      if (ms[mj] !== 0) {
        const e = expNonPositive(xs[base + j] - max);
        ys[base + j] = e;
        z += e;
      } else {
        ys[base + j] = 0;
      }
    }
    const inv = 1 / z;
    for (let j = base; j < base + T; j++) ys[j] *= inv;
  }
  return out;
});

/** a = softmax output [..., T], dy [..., T] -> dx = a * (dy - sum(dy * a)) per row. */
const maskedSoftmaxGrad = wasmKernel(MASKED_SOFTMAX_GRAD, ({ a, dy }, heap) => {
  requireSameShape(MASKED_SOFTMAX_GRAD, ['a', a], ['dy', dy]);
  const T = a.shape[a.shape.length - 1];
  const n = tf.util.sizeFromShape(a.shape);
  const out = heap.makeOutput(a.shape, 'float32');
  const simd = T % 4 === 0 ? simdKernels(heap.wasm) : null;
  if (simd !== null) {
    const [ap, gp, op] = [heapOffset(heap, a), heapOffset(heap, dy), heapOffset(heap, out)];
    runSimd(heap.wasm, simd, 'maskedSoftmaxGrad', n / T, 1, (lo, hi) => [ap + 4 * lo * T, gp + 4 * lo * T, op + 4 * lo * T, hi - lo, T]);
    return out;
  }
  const as = heap.typedArrayFromHeap(a);
  const gs = heap.typedArrayFromHeap(dy);
  const ds = heap.typedArrayFromHeap(out);
  for (let base = 0; base < n; base += T) {
    let dot = 0;
    for (let j = base; j < base + T; j++) dot += gs[j] * as[j];
    for (let j = base; j < base + T; j++) {
      const p = as[j];
      ds[j] = p === 0 ? 0 : p * (gs[j] - dot);
    }
  }
  return out;
});

/** erfc(x), Chebyshev fit (Numerical Recipes' erfcc), relative error < 1.2e-7: the SIMD kernels' formula. */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const p = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 +
    t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const r = t * Math.exp(p - z * z);
  return x >= 0 ? r : 2 - r;
}

const normalCdf = (x: number) => 0.5 * erfc(-x * Math.SQRT1_2);
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** x -> x * Phi(x), any shape: SIMD over the first n - n % 4 values, JS for the rest. */
const gelu = wasmKernel(GELU, ({ x }, heap) => {
  requireFloat32(GELU, ['x', x]);
  const out = heap.makeOutput(x.shape, 'float32');
  const n = tf.util.sizeFromShape(x.shape);
  const simd = simdKernels(heap.wasm);
  const head = simd === null ? 0 : n - (n % 4);
  if (simd !== null) {
    const [xp, op] = [heapOffset(heap, x), heapOffset(heap, out)];
    runSimd(heap.wasm, simd, 'gelu', head, 4, (lo, hi) => [xp + 4 * lo, op + 4 * lo, hi - lo]);
  }
  const xs = heap.typedArrayFromHeap(x);
  const ys = heap.typedArrayFromHeap(out);
  for (let i = head; i < n; i++) ys[i] = xs[i] * normalCdf(xs[i]);
  return out;
});

/** (x, dy) -> dy * (Phi(x) + x * phi(x)). */
const geluGrad = wasmKernel(GELU_GRAD, ({ x, dy }, heap) => {
  requireSameShape(GELU_GRAD, ['x', x], ['dy', dy]);
  const out = heap.makeOutput(x.shape, 'float32');
  const n = tf.util.sizeFromShape(x.shape);
  const simd = simdKernels(heap.wasm);
  const head = simd === null ? 0 : n - (n % 4);
  if (simd !== null) {
    const [xp, gp, op] = [heapOffset(heap, x), heapOffset(heap, dy), heapOffset(heap, out)];
    runSimd(heap.wasm, simd, 'geluGrad', head, 4, (lo, hi) => [xp + 4 * lo, gp + 4 * lo, op + 4 * lo, hi - lo]);
  }
  const xs = heap.typedArrayFromHeap(x);
  const gs = heap.typedArrayFromHeap(dy);
  const ds = heap.typedArrayFromHeap(out);
  for (let i = head; i < n; i++) {
    const v = xs[i];
    ds[i] = gs[i] * (normalCdf(v) + v * INV_SQRT_2PI * Math.exp(-0.5 * v * v));
  }
  return out;
});

/**
 * x [N, D], weight [D], bias [D] -> [y [N, D], mean [N], rstd [N]] with
 * y = (x - mean) * rstd * weight + bias, rstd = 1 / sqrt(biased variance + eps).
 */
const layerNorm = wasmKernel(LAYER_NORM, ({ x, weight, bias }, heap, attrs) => {
  const { eps } = attrs;
  requireFloat32(LAYER_NORM, ['x', x], ['weight', weight], ['bias', bias]);
  const D = x.shape[x.shape.length - 1];
  if (tf.util.sizeFromShape(weight.shape) !== D || tf.util.sizeFromShape(bias.shape) !== D) {
    throw new Error(`${LAYER_NORM}: weight [${weight.shape}] and bias [${bias.shape}] must have ${D} elements`);
  }
  const N = tf.util.sizeFromShape(x.shape) / D;
  const out = heap.makeOutput(x.shape, 'float32');
  const meanOut = heap.makeOutput(x.shape.slice(0, -1), 'float32');
  const rstdOut = heap.makeOutput(x.shape.slice(0, -1), 'float32');
  const simd = D % 4 === 0 ? simdKernels(heap.wasm) : null;
  if (simd !== null) {
    simd.layerNormRows(heapOffset(heap, x), heapOffset(heap, weight), heapOffset(heap, bias), heapOffset(heap, out), heapOffset(heap, meanOut), heapOffset(heap, rstdOut), N, D, eps);
    return [out, meanOut, rstdOut];
  }
  const xs = heap.typedArrayFromHeap(x);
  const ws = heap.typedArrayFromHeap(weight);
  const bs = heap.typedArrayFromHeap(bias);
  const ys = heap.typedArrayFromHeap(out);
  const means = heap.typedArrayFromHeap(meanOut);
  const rstds = heap.typedArrayFromHeap(rstdOut);
  for (let i = 0, base = 0; i < N; i++, base += D) {
    let sum = 0;
    for (let j = base; j < base + D; j++) sum += xs[j];
    const mean = sum / D;
    let sq = 0;
    for (let j = base; j < base + D; j++) {
      const c = xs[j] - mean;
      sq += c * c;
    }
    const rstd = 1 / Math.sqrt(sq / D + eps);
    means[i] = mean;
    rstds[i] = rstd;
    for (let j = 0; j < D; j++) ys[base + j] = (xs[base + j] - mean) * rstd * ws[j] + bs[j];
  }
  return [out, meanOut, rstdOut];
});

/**
 * (x [N, D], weight [D], mean [N], rstd [N], dy [N, D]) -> [dx [N, D], dweight [D], dbias [D]]:
 * with xhat = (x - mean) * rstd and g = dy * weight,
 * dx = rstd * (g - mean(g) - xhat * mean(g * xhat)), dweight = sum_n dy * xhat, dbias = sum_n dy.
 */
const layerNormGrad = wasmKernel(LAYER_NORM_GRAD, ({ x, weight, mean, rstd, dy }, heap) => {
  requireFloat32(LAYER_NORM_GRAD, ['x', x], ['weight', weight], ['mean', mean], ['rstd', rstd], ['dy', dy]);
  const D = x.shape[x.shape.length - 1];
  const N = tf.util.sizeFromShape(x.shape) / D;
  const dxOut = heap.makeOutput(x.shape, 'float32');
  const dwOut = heap.makeOutput(weight.shape, 'float32');
  const dbOut = heap.makeOutput(weight.shape, 'float32');
  const simd = D % 4 === 0 ? simdKernels(heap.wasm) : null;
  if (simd !== null) {
    simd.layerNormGradRows(heapOffset(heap, x), heapOffset(heap, weight), heapOffset(heap, mean), heapOffset(heap, rstd), heapOffset(heap, dy), heapOffset(heap, dxOut),
      heapOffset(heap, dwOut), heapOffset(heap, dbOut), N, D);
    return [dxOut, dwOut, dbOut];
  }
  const xs = heap.typedArrayFromHeap(x);
  const ws = heap.typedArrayFromHeap(weight);
  const means = heap.typedArrayFromHeap(mean);
  const rstds = heap.typedArrayFromHeap(rstd);
  const gs = heap.typedArrayFromHeap(dy);
  const dxs = heap.typedArrayFromHeap(dxOut);
  const dw = new Float64Array(D);
  const db = new Float64Array(D);
  for (let i = 0, base = 0; i < N; i++, base += D) {
    const m = means[i];
    const r = rstds[i];
    let sumG = 0;
    let sumGX = 0;
    for (let j = 0; j < D; j++) {
      const xhat = (xs[base + j] - m) * r;
      const d = gs[base + j];
      const g = d * ws[j];
      sumG += g;
      sumGX += g * xhat;
      dw[j] += d * xhat;
      db[j] += d;
    }
    const meanG = sumG / D;
    const meanGX = sumGX / D;
    for (let j = 0; j < D; j++) {
      const xhat = (xs[base + j] - m) * r;
      dxs[base + j] = r * (gs[base + j] * ws[j] - meanG - xhat * meanGX);
    }
  }
  heap.typedArrayFromHeap(dwOut).set(dw);
  heap.typedArrayFromHeap(dbOut).set(db);
  return [dxOut, dwOut, dbOut];
});

/**
 * qkv [B*T, 3D] -> [q * scale [B, H, T, dh], k^T [B, H, dh, T], v [B, H, T, dh]];
 * attrs: batch B, heads H, scale.
 */
const splitHeads = wasmKernel(SPLIT_HEADS, ({ qkv }, heap, attrs) => {
  const { batch, heads, scale } = attrs;
  requireFloat32(SPLIT_HEADS, ['qkv', qkv]);
  const [n, d3] = qkv.shape;
  if (qkv.shape.length !== 2 || d3 % 3 !== 0 || n % batch !== 0 || (d3 / 3) % heads !== 0) {
    throw new Error(`${SPLIT_HEADS}: qkv [${qkv.shape}] does not split into ${batch} sequences and ${heads} heads`);
  }
  const [T, D] = [n / batch, d3 / 3];
  const dh = D / heads;
  const qOut = heap.makeOutput([batch, heads, T, dh], 'float32');
  const kOut = heap.makeOutput([batch, heads, dh, T], 'float32');
  const vOut = heap.makeOutput([batch, heads, T, dh], 'float32');
  const src = heap.typedArrayFromHeap(qkv);
  const qs = heap.typedArrayFromHeap(qOut);
  const ks = heap.typedArrayFromHeap(kOut);
  const vs = heap.typedArrayFromHeap(vOut);
  for (let b = 0; b < batch; b++) {
    for (let t = 0; t < T; t++) {
      const row = (b * T + t) * d3;
      for (let h = 0; h < heads; h++) {
        const bh = b * heads + h;
        const qv = (bh * T + t) * dh;
        const kBase = bh * dh * T + t;
        const col = row + h * dh;
        for (let j = 0; j < dh; j++) {
          qs[qv + j] = src[col + j] * scale;
          ks[kBase + j * T] = src[col + D + j];
          vs[qv + j] = src[col + 2 * D + j];
        }
      }
    }
  }
  return [qOut, kOut, vOut];
});

/** (dq [B, H, T, dh], dk^T [B, H, dh, T], dv [B, H, T, dh]) -> dqkv [B*T, 3D]; attrs: scale. */
const splitHeadsGrad = wasmKernel(SPLIT_HEADS_GRAD, ({ dq, dk, dv }, heap, attrs) => {
  const { scale } = attrs;
  requireFloat32(SPLIT_HEADS_GRAD, ['dq', dq], ['dk', dk], ['dv', dv]);
  const [batch, heads, T, dh] = dq.shape;
  const D = heads * dh;
  const out = heap.makeOutput([batch * T, 3 * D], 'float32');
  const qs = heap.typedArrayFromHeap(dq);
  const ks = heap.typedArrayFromHeap(dk);
  const vs = heap.typedArrayFromHeap(dv);
  const dst = heap.typedArrayFromHeap(out);
  for (let b = 0; b < batch; b++) {
    for (let t = 0; t < T; t++) {
      const row = (b * T + t) * 3 * D;
      for (let h = 0; h < heads; h++) {
        const bh = b * heads + h;
        const qv = (bh * T + t) * dh;
        const kBase = bh * dh * T + t;
        const col = row + h * dh;
        for (let j = 0; j < dh; j++) {
          dst[col + j] = qs[qv + j] * scale;
          dst[col + D + j] = ks[kBase + j * T];
          dst[col + 2 * D + j] = vs[qv + j];
        }
      }
    }
  }
  return out;
});

/**
 * (param, m, v, grad) -> [param', m', v'] with m' = b1 m + (1 - b1) g, v' = b2 v + (1 - b2) g^2,
 * param' = param * (1 - lr * wd) - lr * (m' / bc1) / (sqrt(v' / bc2) + eps).
 * attrs: lr, beta1, beta2, eps, bc1, bc2, wd (0 = no decay).
 */
const adamW = wasmKernel(ADAMW, ({ param, m, v, grad }, heap, attrs) => {
  const { lr, beta1, beta2, eps, bc1, bc2, wd } = attrs;
  requireSameShape(ADAMW, ['param', param], ['m', m], ['v', v], ['grad', grad]);
  const pOut = heap.makeOutput(param.shape, 'float32');
  const mOut = heap.makeOutput(param.shape, 'float32');
  const vOut = heap.makeOutput(param.shape, 'float32');
  const ps = heap.typedArrayFromHeap(param);
  const ms = heap.typedArrayFromHeap(m);
  const vs = heap.typedArrayFromHeap(v);
  const gs = heap.typedArrayFromHeap(grad);
  const po = heap.typedArrayFromHeap(pOut);
  const mo = heap.typedArrayFromHeap(mOut);
  const vo = heap.typedArrayFromHeap(vOut);
  const keep = 1 - lr * wd;
  for (let i = 0; i < ps.length; i++) {
    const g = gs[i];
    const mi = beta1 * ms[i] + (1 - beta1) * g;
    const vi = beta2 * vs[i] + (1 - beta2) * g * g;
    mo[i] = mi;
    vo[i] = vi;
    po[i] = ps[i] * keep - (lr * (mi / bc1)) / (Math.sqrt(vi / bc2) + eps);
  }
  return [pOut, mOut, vOut];
});

/** Gradients of the multi-output kernels, recorded on the tape like any tfjs op. */
export const FUSED_GRADIENTS: GradConfig[] = [
  {
    kernelName: SPLIT_HEADS,
    gradFunc: (dy, _saved, attrs) => {
      const [dq, dk, dv] = dy as tf.Tensor[];
      const { scale } = attrs as unknown as { scale: number };
      return { qkv: () => runFused(SPLIT_HEADS_GRAD, { dq, dk, dv }, { scale })[0] };
    },
  },
];

/** Exported for the tests only. */
export const fusedExpNonPositive = expNonPositive;
/** Exported for the tests only. */
export const fusedErfc = erfc;

/** Registered only where the SIMD module loads (lib/wasm-kernels.ts). */
export const SIMD_ONLY_KERNELS: KernelConfig[] = [gelu, geluGrad];

export const FUSED_KERNELS: KernelConfig[] = [
  maskedSoftmax,
  maskedSoftmaxGrad,
  layerNorm,
  layerNormGrad,
  splitHeads,
  splitHeadsGrad,
  adamW,
];

/** Runs a fused kernel on the active backend (see `hasKernel`). */
export function runFused(name: string, inputs: tf.NamedTensorMap, attrs: Record<string, number> = {}): tf.Tensor[] {
  const out = tf.engine().runKernel(name, inputs, attrs as unknown as tf.NamedAttrMap);
  return Array.isArray(out) ? out : [out as tf.Tensor];
}
