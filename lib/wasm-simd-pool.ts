/**
 * Helper threads for the SIMD kernels on the threaded backend's shared heap.
 *
 * The SIMD kernels (matMul, softmax, GELU) run on the calling thread. On the shared heap of the
 * threaded build another thread can run the same module over the same memory: each helper is a
 * `worker_threads` worker that instantiates the main thread's compiled SIMD module against
 * tfjs's memory and sleeps in `Atomics.wait` on a control block until the main thread posts a
 * job (a kernel and its arguments: a share of the rows, slices or values). The main thread
 * runs its own share, then waits for the helpers. Every value is computed by the same code
 * whichever thread runs it, so results are bit-identical to one thread
 * (test/wasm-threads.test.ts).
 */
import { Worker } from 'node:worker_threads';
import { workerScriptFile } from './wasm-threads.js';

/** Kernels a helper can run, by index (the order of the helper's table below). */
export const POOL_KERNELS = ['maskedSoftmaxRows', 'maskedSoftmaxGrad', 'gelu', 'geluGrad', 'matmul', 'batchedMatmul'] as const;
export type PoolKernel = (typeof POOL_KERNELS)[number];

// Control block (Int32 slots): request counter, done counter, kernel index, arguments.
const REQUEST = 0;
const DONE = 1;
const KERNEL = 2;
const ARGS = 4;
const MAX_ARGS = 12;
const SLOTS = ARGS + MAX_ARGS;
/** A helper that does not answer within this long has died: fail rather than hang. */
const WAIT_MS = 30_000;

const HELPER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const { memory, module: compiled, control, names } = workerData;
const ctl = new Int32Array(control);
const kernels = new WebAssembly.Instance(compiled, { env: { memory } }).exports;
const table = names.map((name) => kernels[name]);
parentPort.postMessage('ready');
let seen = 0;
for (;;) {
  Atomics.wait(ctl, ${REQUEST}, seen);
  seen = Atomics.load(ctl, ${REQUEST});
  table[ctl[${KERNEL}]](...ctl.subarray(${ARGS}, ${ARGS + MAX_ARGS}));
  Atomics.store(ctl, ${DONE}, seen);
  Atomics.notify(ctl, ${DONE});
}
`;

interface Helper {
  worker: Worker;
  control: Int32Array;
  requests: number;
}

export class SimdPool {
  private constructor(private readonly helpers: Helper[]) {}

  /** Starts `count` helpers that instantiate the compiled SIMD `module` on `memory` (shared). */
  static async start(memory: object, module: object, count: number): Promise<SimdPool> {
    const helpers = await Promise.all(
      Array.from({ length: count }, async () => {
        const control = new Int32Array(new SharedArrayBuffer(SLOTS * 4));
        const worker = new Worker(workerScriptFile('saobp-simd-helper', HELPER_SOURCE), {
          workerData: { memory, module, control: control.buffer, names: POOL_KERNELS },
        });
        await new Promise<void>((resolve, reject) => {
          worker.once('message', () => resolve());
          worker.once('error', reject);
          worker.once('exit', (code) => reject(new Error(`SIMD helper thread exited (${code}) while starting`)));
        });
        worker.removeAllListeners();
        // Blocked in Atomics.wait between jobs: it must not keep the process alive.
        worker.unref();
        return { worker, control, requests: 0 };
      }),
    );
    return new SimdPool(helpers);
  }

  /** Threads that share a job: the helpers and the calling thread. */
  get parallelism(): number {
    return this.helpers.length + 1;
  }

  /**
   * Splits [0, total) into `parallelism` shares (multiples of `align`), posts `kernel` with
   * `args(lo, hi)` to the helpers for all shares but the first, runs `local` (the same kernel
   * on this thread) with the first share's arguments, and returns when every share is done.
   */
  run(kernel: PoolKernel, total: number, align: number, args: (lo: number, hi: number) => number[], local: (...a: number[]) => void): void {
    const share = Math.ceil(total / this.parallelism / align) * align;
    const posted: Helper[] = [];
    this.helpers.forEach((helper, i) => {
      const lo = (i + 1) * share;
      const hi = Math.min(total, lo + share);
      if (lo >= hi) return;
      const values = args(lo, hi);
      if (values.length > MAX_ARGS) throw new Error(`SimdPool: ${kernel} takes at most ${MAX_ARGS} arguments`);
      const { control } = helper;
      control[KERNEL] = POOL_KERNELS.indexOf(kernel);
      control.set(values, ARGS);
      Atomics.store(control, REQUEST, ++helper.requests);
      Atomics.notify(control, REQUEST);
      posted.push(helper);
    });
    local(...args(0, Math.min(share, total)));
    for (const helper of posted) {
      const { control, requests } = helper;
      for (let done = Atomics.load(control, DONE); done !== requests; done = Atomics.load(control, DONE)) {
        if (Atomics.wait(control, DONE, done, WAIT_MS) === 'timed-out') {
          throw new Error(`SimdPool: a helper thread did not finish ${kernel} within ${WAIT_MS / 1000} s`);
        }
      }
    }
  }
}
