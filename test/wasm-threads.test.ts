/**
 * The multi-threaded wasm build (lib/wasm-threads.ts): it starts under Node with the thread
 * count asked for, computes bit-identical training steps to the single-threaded build, lets
 * the process exit on its own, and rejects a bad SAOBP_THREADS before any work.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { MAX_WASM_THREADS, wasmThreadsFromEnv } from 'saobp';

const STEP_SCRIPT = fileURLToPath(new URL('./thread-step.ts', import.meta.url));

function runStep(threads: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', STEP_SCRIPT], {
    env: { ...process.env, SAOBP_THREADS: threads, SAOBP_BACKEND: '', SAOBP_SIMD: '' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('SAOBP_THREADS: a default, a valid count, and one clear error for each bad value', () => {
  assert.ok(wasmThreadsFromEnv({}) >= 1 && wasmThreadsFromEnv({}) <= MAX_WASM_THREADS);
  assert.equal(wasmThreadsFromEnv({ SAOBP_THREADS: '3' }), 3);
  // A share of the cores for each of several processes, never below 1; SAOBP_THREADS wins.
  assert.equal(wasmThreadsFromEnv({}, 1000), 1);
  assert.ok(wasmThreadsFromEnv({}, 2) <= wasmThreadsFromEnv({}));
  assert.equal(wasmThreadsFromEnv({ SAOBP_THREADS: '3' }, 2), 3);
  for (const bad of ['0', '9', 'two', '1.5', '-1']) {
    assert.throws(() => wasmThreadsFromEnv({ SAOBP_THREADS: bad }), new RegExp(`SAOBP_THREADS: expected an integer from 1 to 8, got '${bad}'`));
  }
});

test('two XNNPACK threads give bit-identical training steps to one, the SIMD module loads with either heap, and the process exits by itself', () => {
  const one = runStep('1');
  const two = runStep('2');
  assert.equal(one.status, 0, one.stderr);
  assert.equal(two.status, 0, `exit status ${two.status} (null = killed by the timeout: a pool thread kept it alive)\n${two.stderr}`);
  const a = JSON.parse(one.stdout.trim().split('\n').at(-1)!);
  const b = JSON.parse(two.stdout.trim().split('\n').at(-1)!);
  assert.equal(a.threads, 1);
  assert.equal(b.threads, 2);
  // The SIMD module instantiates against both heaps: tfjs's plain memory and its shared one.
  assert.equal(a.simd, 'loaded');
  assert.equal(b.simd, 'loaded');
  assert.ok(a.gelu && b.gelu, 'the SIMD-only GELU kernels are registered');
  assert.ok(a.losses.every(Number.isFinite));
  assert.deepEqual(b.losses, a.losses);
  assert.deepEqual(b.checksum, a.checksum);
});

test('a bad SAOBP_THREADS stops initBackend with one clear error', () => {
  const r = runStep('lots');
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /SAOBP_THREADS: expected an integer from 1 to 8, got 'lots'/);
});
