/**
 * Loader of the SIMD kernels (lib/simd/kernels.ts, AssemblyScript, built into lib/simd/*.wasm by
 * `npm run build`). The module imports the tfjs wasm backend's own memory, plain or shared
 * (threaded build), so its pointers are tensors' memory offsets. Where the binary is missing
 * or does not instantiate, or SAOBP_SIMD=0, callers get null and use their JS kernels.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SimdPool } from './wasm-simd-pool.js';

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

const loaded = new WeakMap<object, SimdKernels | null>();
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

/** tfjs's memory and the SIMD binary built for its kind (plain or shared); throws why not. */
function memoryAndBinary(wasm: object): { memory: WasmMemory; file: string; shared: boolean } {
  if (process.env.SAOBP_SIMD === '0') throw new Error('disabled by SAOBP_SIMD=0');
  const heap = wasm as EmscriptenHeap;
  const memory = heap.wasmMemory ?? heap.asm?.memory;
  if (!(memory instanceof WA.Memory)) throw new Error('the tfjs wasm module exposes no memory');
  const shared = memory.buffer instanceof SharedArrayBuffer;
  const name = shared ? 'kernels-shared.wasm' : 'kernels.wasm';
  const file = binaryPath(name);
  if (file === null) throw new Error(`lib/simd/${name} is missing (npm run build makes it)`);
  return { memory, file, shared };
}

/** The SIMD kernels bound to this wasm module's memory, or null (see `simdFailure`). */
export function simdKernels(wasm: object): SimdKernels | null {
  if (loaded.has(wasm)) return loaded.get(wasm)!;
  let kernels: SimdKernels | null = null;
  try {
    const { memory, file } = memoryAndBinary(wasm);
    const instance = new WA.Instance(new WA.Module(readFileSync(file)), { env: { memory } });
    kernels = instance.exports as unknown as SimdKernels;
  } catch (err) {
    lastFailure = err instanceof Error ? err.message : String(err);
  }
  loaded.set(wasm, kernels);
  return kernels;
}

/**
 * Starts `helpers` threads that run SIMD kernels on this module's heap (lib/wasm-simd-pool.ts);
 * only on the threaded build's shared memory. Returns whether a pool runs.
 */
export async function startSimdPool(wasm: object, helpers: number): Promise<boolean> {
  if (pools.has(wasm)) return true;
  if (helpers < 1 || simdKernels(wasm) === null) return false;
  const { memory, file, shared } = memoryAndBinary(wasm);
  if (!shared) return false;
  try {
    pools.set(wasm, await SimdPool.start(memory, file, helpers));
    return true;
  } catch (err) {
    // Without helpers the kernels run on the calling thread alone: slower, same numbers.
    lastFailure = `SIMD helper threads: ${err instanceof Error ? err.message : String(err)}`;
    return false;
  }
}

/** The helper threads for this module's heap, if `startSimdPool` started them. */
export function simdPool(wasm: object): SimdPool | null {
  return pools.get(wasm) ?? null;
}

/** Why the SIMD kernels (or their helper threads) did not start, if they did not. */
export function simdFailure(): string | null {
  return lastFailure;
}
