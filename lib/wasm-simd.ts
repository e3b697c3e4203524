/**
 * Loader of the SIMD kernels (lib/simd/kernels.ts, AssemblyScript, built into lib/simd/*.wasm by
 * `npm run build`). The module imports the tfjs wasm backend's own memory, plain or shared
 * (threaded build), so its pointers are tensors' memory offsets. Where the binary is missing
 * or does not instantiate, or SAOBP_SIMD=0, callers get null and use their JS kernels.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface SimdKernels {
  /** One row: x, out [t] (t % 4 == 0), mask with stride 1 (a row) or 0 (one value). */
  maskedSoftmaxRow(x: number, mask: number, out: number, t: number, maskStride: number): void;
  maskedSoftmaxGrad(a: number, dy: number, out: number, rows: number, t: number): void;
  /** n % 4 == 0 */
  gelu(x: number, out: number, n: number): void;
  geluGrad(x: number, dy: number, out: number, n: number): void;
  /** d % 4 == 0 */
  layerNormRows(x: number, w: number, b: number, out: number, mean: number, rstd: number, rows: number, d: number, eps: number): void;
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
let lastFailure: string | null = null;

/** lib/simd/<name> from this module, whether it runs from lib/ (tsx) or lib/dist/ (built). */
function binaryPath(name: string): string | null {
  for (const rel of [`./simd/${name}`, `../simd/${name}`]) {
    const file = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(file)) return file;
  }
  return null;
}

/** The SIMD kernels bound to this wasm module's memory, or null (see `simdFailure`). */
export function simdKernels(wasm: object): SimdKernels | null {
  if (loaded.has(wasm)) return loaded.get(wasm)!;
  let kernels: SimdKernels | null = null;
  try {
    if (process.env.SAOBP_SIMD === '0') throw new Error('disabled by SAOBP_SIMD=0');
    const heap = wasm as EmscriptenHeap;
    const memory = heap.wasmMemory ?? heap.asm?.memory;
    if (!(memory instanceof WA.Memory)) throw new Error('the tfjs wasm module exposes no memory');
    const name = memory.buffer instanceof SharedArrayBuffer ? 'kernels-shared.wasm' : 'kernels.wasm';
    const file = binaryPath(name);
    if (file === null) throw new Error(`lib/simd/${name} is missing (npm run build makes it)`);
    const instance = new WA.Instance(new WA.Module(readFileSync(file)), { env: { memory } });
    kernels = instance.exports as unknown as SimdKernels;
  } catch (err) {
    lastFailure = err instanceof Error ? err.message : String(err);
  }
  loaded.set(wasm, kernels);
  return kernels;
}

/** Why the SIMD kernels did not load, if they did not. */
export function simdFailure(): string | null {
  return lastFailure;
}
