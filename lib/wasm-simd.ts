/**
 * Loader of the SIMD kernels (lib/simd/kernels.ts, AssemblyScript, built into lib/simd/*.wasm by
 * `npm run build`). The module imports the tfjs wasm backend's own memory, plain or shared
 * (threaded build), so its pointers are tensors' memory offsets. Where the binary is missing
 * or does not instantiate, or SAOBP_SIMD=0, callers get null and use their JS kernels.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SimdPool, type PoolKernel } from './wasm-simd-pool.js';

export interface SimdKernels {
  /** One row: x, out [t] (t % 4 == 0), mask with stride 1 (a row) or 0 (one value). */
  maskedSoftmaxRow(x: number, mask: number, out: number, t: number, maskStride: number): void;
  /** Rows r0..r1-1 of x [B, H, Tq, t]; mask element strides along B, H, Tq and the keys. */
  maskedSoftmaxRows(x: number, mask: number, out: number, r0: number, r1: number, heads: number, tq: number, t: number,
    sB: number, sH: number, sT: number, maskStride: number): void;
  maskedSoftmaxGrad(a: number, dy: number, out: number, rows: number, t: number): void;
  /** n % 4 == 0 */
  gelu(x: number, out: number, n: number): void;
  geluGrad(x: number, dy: number, out: number, n: number): void;
  /** d % 4 == 0 */
  layerNormRows(x: number, w: number, b: number, out: number, mean: number, rstd: number, rows: number, d: number, eps: number): void;
  /** C [rows, n] = A' B; A'[r][p] at a + r * aRow + p * aP (bytes); B, C row-major. */
  matmul(a: number, aRow: number, aP: number, b: number, c: number, rows: number, k: number, n: number): void;
  /** Slices s0..s1-1: A' at a + s * aBatch, B at b + s * bBatch (0 broadcasts), C at c + s * 4 * rows * n. */
  batchedMatmul(a: number, aRow: number, aP: number, aBatch: number, b: number, bBatch: number, c: number,
    s0: number, s1: number, rows: number, k: number, n: number): void;
  /** cols % 4 == 0 */
  sumRows(x: number, out: number, rows: number, cols: number): void;
  layerNormGradRows(x: number, w: number, mean: number, rstd: number, dy: number, dx: number, dw: number, db: number, rows: number, d: number): void;
}

/** The slice of the WebAssembly JS API used here (the project's TS lib has no DOM types). */
interface WasmMemory {
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
}
const WA = (globalThis as unknown as {
  WebAssembly: {
    Memory: abstract new (...args: never[]) => WasmMemory;
    Module: new (bytes: Uint8Array) => object;
    Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  };
}).WebAssembly;

interface EmscriptenHeap {
  wasmMemory?: WasmMemory;
  asm?: { memory?: WasmMemory };
}

interface Loaded {
  memory: WasmMemory;
  shared: boolean;
  /** Compiled once; the helper threads instantiate the same module. */
  module: object;
  kernels: SimdKernels;
}

const loaded = new WeakMap<object, Loaded | null>();
const pools = new WeakMap<object, SimdPool>();
let lastFailure: string | null = null;

/** lib/simd/<name> from this module, whether it runs from lib/ (tsx) or lib/dist/ (built). */
function binaryPath(name: string): string | null {
  for (const rel of [`./simd/${name}`, `../simd/${name}`]) {
    const file = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(file)) return file;
  }
  return null;
}

/** tfjs's memory and whether it is shared (the threaded build); throws why not usable. */
function tfjsMemory(wasm: object): { memory: WasmMemory; shared: boolean } {
  if (process.env.SAOBP_SIMD === '0') throw new Error('disabled by SAOBP_SIMD=0');
  const heap = wasm as EmscriptenHeap;
  const memory = heap.wasmMemory ?? heap.asm?.memory;
  if (!(memory instanceof WA.Memory)) throw new Error('the tfjs wasm module exposes no memory');
  return { memory, shared: memory.buffer instanceof SharedArrayBuffer };
}

/** The SIMD binary built for that kind of memory; throws if the build has not made it. */
function binaryFile(shared: boolean): string {
  const name = shared ? 'kernels-shared.wasm' : 'kernels.wasm';
  const file = binaryPath(name);
  if (file === null) throw new Error(`lib/simd/${name} is missing (npm run build makes it)`);
  return file;
}

/** The SIMD kernels bound to this wasm module's memory, or null (see `simdFailure`). */
export function simdKernels(wasm: object): SimdKernels | null {
  return instantiate(wasm)?.kernels ?? null;
}

/** The compiled SIMD module and its instance on this wasm module's memory, made once. */
function instantiate(wasm: object): Loaded | null {
  if (loaded.has(wasm)) return loaded.get(wasm)!;
  let result: Loaded | null = null;
  try {
    const { memory, shared } = tfjsMemory(wasm);
    const module = new WA.Module(readFileSync(binaryFile(shared)));
    const kernels = new WA.Instance(module, { env: { memory } }).exports as unknown as SimdKernels;
    result = { memory, shared, module, kernels };
  } catch (err) {
    lastFailure = err instanceof Error ? err.message : String(err);
  }
  loaded.set(wasm, result);
  return result;
}

/**
 * Starts `helpers` threads that run SIMD kernels on this module's heap (lib/wasm-simd-pool.ts);
 * only on the threaded build's shared memory. Returns whether a pool runs.
 */
export async function startSimdPool(wasm: object, helpers: number): Promise<boolean> {
  if (pools.has(wasm)) return true;
  const simd = instantiate(wasm);
  if (helpers < 1 || simd === null || !simd.shared) return false;
  try {
    pools.set(wasm, await SimdPool.start(simd.memory, simd.module, helpers));
    return true;
  } catch (err) {
    // Without helpers the kernels run on the calling thread alone: slower, same numbers.
    lastFailure = `SIMD helper threads: ${err instanceof Error ? err.message : String(err)}`;
    return false;
  }
}

/**
 * Runs `kernel` of `simd` over [0, total), `args(lo, hi)` being its arguments for the share
 * [lo, hi): split with the helper threads where `startSimdPool` started them (shares are
 * multiples of `align`), else one call on this thread.
 */
export function runSimd(wasm: object, simd: SimdKernels, kernel: PoolKernel, total: number, align: number,
  args: (lo: number, hi: number) => number[]): void {
  const run = simd[kernel] as (...a: number[]) => void;
  const pool = pools.get(wasm);
  if (pool === undefined) run(...args(0, total));
  else pool.run(kernel, total, align, args, run);
}

/** Why the SIMD kernels (or their helper threads) did not start, if they did not. */
export function simdFailure(): string | null {
  return lastFailure;
}
