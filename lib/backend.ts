/**
 * Choosing and readying the tfjs backend.
 *
 * Order of preference: the native TensorFlow binding (`@tensorflow/tfjs-node-gpu`,
 * then `@tensorflow/tfjs-node`) where a user installed one, else WebAssembly,
 * else the pure-JS cpu backend. `SAOBP_BACKEND` overrides the choice.
 */
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs-core';
// The full tfjs bundle registers the gradients and chained ops that tfjs-core alone leaves out.
import '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmKernels } from './wasm-kernels.js';
import { configureWasmThreads, wasmThreads, wasmThreadsFromEnv } from './wasm-threads.js';
import { startSimdPool } from './wasm-simd.js';

// tfjs's PROD flag only silences its console banners ("install the node backend", platform notes).
tf.env().set('PROD', true);

/** Names accepted by `initBackend` and `SAOBP_BACKEND`. */
export const BACKEND_NAMES = ['tensorflow', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

const NATIVE_PACKAGES = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'] as const;

let nativePackage: string | null | undefined;

/** Loads the first native binding that is installed and works; remembers the answer. */
function loadNative(): string | null {
  if (nativePackage !== undefined) return nativePackage;
  const require = createRequire(import.meta.url);
  nativePackage = null;
  for (const pkg of NATIVE_PACKAGES) {
    try {
      require(pkg);
      nativePackage = pkg;
      break;
    } catch {
      // Not installed, or installed without its libtensorflow binary: try the next one.
    }
  }
  return nativePackage;
}

function assertBackendName(name: string, source: string): asserts name is BackendName {
  if (!(BACKEND_NAMES as readonly string[]).includes(name)) {
    throw new Error(
      `${source}: unknown backend '${name}'; valid names are ${BACKEND_NAMES.map((n) => `'${n}'`).join(', ')}`,
    );
  }
}

export interface InitBackendOptions {
  /**
   * Threads of the wasm backend, for XNNPACK and the SIMD helpers (default: `SAOBP_THREADS`,
   * else the machine's cores, at most 8). Only the first initialisation of the wasm backend
   * uses it.
   */
  threads?: number;
}

/**
 * Picks and readies the backend; returns its name (`'tensorflow'`, `'wasm'` or `'cpu'`).
 * `name` (or else the environment variable `SAOBP_BACKEND`) forces one; an unknown
 * name, or a forced backend that cannot start, is an error.
 */
export async function initBackend(name?: string, options: InitBackendOptions = {}): Promise<BackendName> {
  const forced = name ?? (process.env.SAOBP_BACKEND || undefined);
  configureWasmThreads(options.threads ?? wasmThreadsFromEnv());
  if (forced !== undefined) {
    assertBackendName(forced, name !== undefined ? 'initBackend' : 'SAOBP_BACKEND');
    if (forced === 'tensorflow' && loadNative() === null) {
      throw new Error(
        `backend 'tensorflow' needs ${NATIVE_PACKAGES.join(' or ')} installed with its libtensorflow binary`,
      );
    }
    await activate(forced);
    return forced;
  }
  const candidates: BackendName[] = loadNative() !== null ? ['tensorflow', 'wasm', 'cpu'] : ['wasm', 'cpu'];
  for (const candidate of candidates) {
    if (await tf.setBackend(candidate)) {
      await activate(candidate);
      return candidate;
    }
  }
  throw new Error('no tfjs backend could be initialised');
}

async function activate(name: BackendName): Promise<void> {
  if (tf.getBackend() !== name && !(await tf.setBackend(name))) {
    throw new Error(`backend '${name}' failed to initialise`);
  }
  await tf.ready();
  if (name === 'wasm') {
    registerWasmKernels();
    // The SIMD kernels share their work with one helper thread per thread beyond the first.
    await startSimdPool((tf.backend() as unknown as { wasm: object }).wasm, wasmThreads() - 1);
  }
}

/** Which native binding is loaded, if any (for run metadata). */
export function nativeBinding(): string | null {
  return loadNative();
}
