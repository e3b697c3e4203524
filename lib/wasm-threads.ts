/**
 * The multi-threaded wasm build under Node.
 *
 * tfjs ships `tfjs-backend-wasm-threaded-simd.wasm` (XNNPACK with a pthreadpool) but never
 * uses it under Node: its `WASM_HAS_MULTITHREAD_SUPPORT` flag is hard-wired to false there,
 * its worker script is handed over as a `blob:` URL that `worker_threads` cannot load, and
 * the C side caps the pool at `os.cpus().length / 2` (it assumes two hyper-threads per core).
 * Emscripten's glue itself supports Node. This module instantiates the threaded build
 * directly: the worker script is written to a file, the main script is passed by path, and
 * `os.cpus()` is widened while the module's static constructors run so that the cap is the
 * number of threads asked for. The result is an ordinary `BackendWasm`: every tfjs kernel
 * and every kernel of this project runs unchanged; XNNPACK operators (matMul, the
 * elementwise binary ops) split their work over the pool.
 *
 * Threads are a per-process choice: `SAOBP_THREADS` (default: the machine's cores, at most
 * 8). Processes that run side by side (experiment shards) should take one each.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { BackendWasm, setThreadsCount } from '@tensorflow/tfjs-backend-wasm';

/** tfjs-backend-wasm pre-creates 8 workers; its C side never uses more. */
export const MAX_WASM_THREADS = 8;

/**
 * The thread count asked for through `SAOBP_THREADS`, or the default: this process's share of
 * the machine's cores when `processes` run side by side (experiment shards), at least 1 and at
 * most 8. An unparsable or out-of-range value is an error naming the variable.
 */
export function wasmThreadsFromEnv(env: NodeJS.ProcessEnv = process.env, processes = 1): number {
  const raw = env.SAOBP_THREADS;
  if (raw === undefined || raw === '') {
    return Math.min(Math.max(1, Math.floor(os.availableParallelism() / processes)), MAX_WASM_THREADS);
  }
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > MAX_WASM_THREADS) {
    throw new Error(`SAOBP_THREADS: expected an integer from 1 to ${MAX_WASM_THREADS}, got '${raw}'`);
  }
  return n;
}

interface EmscriptenModule {
  cwrap(name: string, ret: string | null, args: string[]): (...args: unknown[]) => unknown;
  PThread: { runningWorkers: { unref(): void }[]; unusedWorkers: { unref(): void }[] };
  tfjs?: Record<string, unknown>;
}
type Factory = (config: Record<string, unknown>) => Promise<EmscriptenModule>;

/**
 * Writes a worker script to the temp directory once per content (atomically) and returns its
 * path. `.cjs`, so that it runs as CommonJS whatever module type the main script has.
 */
export function workerScriptFile(name: string, source: string): string {
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 16);
  const file = path.join(os.tmpdir(), `${name}-${hash}.cjs`);
  if (!fs.existsSync(file)) {
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, source);
    fs.renameSync(tmp, file);
  }
  return file;
}

/** Instantiates the threaded-SIMD build with `threads` XNNPACK threads. */
async function createThreadedBackend(threads: number): Promise<tf.KernelBackend> {
  const require = createRequire(import.meta.url);
  const outDir = path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'wasm-out');
  const mainScript = path.join(outDir, 'tfjs-backend-wasm-threaded-simd.js');
  const factory = require(mainScript) as Factory;
  const { wasmWorkerContents } = require(path.join(outDir, 'tfjs-backend-wasm-threaded-simd.worker.js')) as {
    wasmWorkerContents: string;
  };
  // tfjs embeds the script in a template literal, so its '\n' escapes arrive as newlines.
  const worker = workerScriptFile('saobp-tfjs-wasm-worker', wasmWorkerContents.replace(/\n/g, '\\n'));
  const config = {
    locateFile: (file: string, prefix: string) =>
      file.endsWith('.worker.js') ? worker : file.endsWith('.wasm') ? path.join(outDir, file) : prefix + file,
    mainScriptUrlOrBlob: mainScript,
  };
  // The C side caps the pool at os.cpus().length / 2, read once by a static constructor.
  // (Emscripten calls require('os').cpus(): patch that CJS object, not the ESM namespace.)
  const nodeOs = require('node:os') as { cpus: typeof os.cpus };
  const realCpus = nodeOs.cpus;
  const widened = realCpus();
  while (widened.length < 2 * threads) widened.push(widened[0]);
  nodeOs.cpus = () => widened;
  let module: EmscriptenModule;
  try {
    module = await factory(config);
  } finally {
    nodeOs.cpus = realCpus;
  }
  module.tfjs = {
    init: module.cwrap('init', null, []),
    initWithThreadsCount: module.cwrap('init_with_threads_count', null, ['number']),
    getThreadsCount: module.cwrap('get_threads_count', 'number', []),
    registerTensor: module.cwrap('register_tensor', null, ['number', 'number', 'number']),
    disposeData: module.cwrap('dispose_data', null, ['number']),
    dispose: module.cwrap('dispose', null, []),
  };
  setThreadsCount(threads);
  const backend = new BackendWasm(module as unknown as ConstructorParameters<typeof BackendWasm>[0]);
  // Pool threads block in the wasm runtime forever; without this the process never exits.
  for (const w of [...module.PThread.runningWorkers, ...module.PThread.unusedWorkers]) w.unref();
  return backend;
}

interface Registry {
  registryFactory: Record<string, { factory: () => tf.KernelBackend | Promise<tf.KernelBackend>; priority: number }>;
}

let threadsInUse = 1;
let fallbackReason: string | null = null;

/**
 * Makes the `'wasm'` backend start the threaded build with `threads` threads (1: tfjs's own
 * single-threaded SIMD build). Must run before the wasm backend is first initialised; later
 * calls leave the running backend alone. If the threaded build fails to start, the backend
 * falls back to tfjs's own build and `wasmThreads()` reports 1.
 */
export function configureWasmThreads(threads: number): void {
  if (!Number.isInteger(threads) || threads < 1 || threads > MAX_WASM_THREADS) {
    throw new Error(`wasm threads: expected an integer from 1 to ${MAX_WASM_THREADS}, got ${threads}`);
  }
  const registry = tf.engine() as unknown as Registry;
  const original = registry.registryFactory.wasm;
  if (original === undefined || tf.findBackend('wasm') !== null) return;
  tf.removeBackend('wasm');
  tf.registerBackend(
    'wasm',
    async () => {
      if (threads > 1) {
        try {
          const backend = await createThreadedBackend(threads);
          threadsInUse = threads;
          return backend;
        } catch (err) {
          fallbackReason = err instanceof Error ? err.message : String(err);
        }
      }
      threadsInUse = 1;
      return original.factory();
    },
    original.priority,
  );
}

/** Threads of the running wasm backend (1 before it starts, or single-threaded). */
export function wasmThreads(): number {
  return threadsInUse;
}

/** Why the threaded build did not start, if it was asked for and failed. */
export function wasmThreadsFallback(): string | null {
  return fallbackReason;
}
