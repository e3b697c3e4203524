import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend, BACKEND_NAMES } from 'saobp';

/** Runs a snippet in a fresh Node process (backend choice is process-global) and returns stdout. */
function runIsolated(code: string, env: Record<string, string | undefined> = {}): string {
  return execFileSync(process.execPath, ['--input-type=module', '-e', code], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

test('initBackend picks wasm on a machine without the native binding', () => {
  const out = runIsolated(`import { initBackend } from 'saobp'; console.log(await initBackend());`, { SAOBP_BACKEND: '' });
  assert.equal(out, 'wasm');
});

test('SAOBP_BACKEND=cpu forces the cpu backend', () => {
  const out = runIsolated(`import { initBackend } from 'saobp'; console.log(await initBackend());`, { SAOBP_BACKEND: 'cpu' });
  assert.equal(out, 'cpu');
});

test('an unknown backend name fails with the list of valid names', async () => {
  assert.throws(
    () => runIsolated(`import { initBackend } from 'saobp'; await initBackend();`, { SAOBP_BACKEND: 'nope' }),
    (err: Error & { stderr?: string }) => {
      assert.match(String(err.stderr), /SAOBP_BACKEND: unknown backend 'nope'; valid names are 'tensorflow', 'wasm', 'cpu'/);
      return true;
    },
  );
  await assert.rejects(initBackend('gpu'), /initBackend: unknown backend 'gpu'; valid names are/);
  assert.deepEqual([...BACKEND_NAMES], ['tensorflow', 'wasm', 'cpu']);
});

/** Value and gradient of a loss through an embedding lookup, on one backend. */
async function gatherLossAndGrad(backend: string): Promise<{ loss: number; grad: Float32Array }> {
  await initBackend(backend);
  return tf.tidy(() => {
    const table = tf.tensor2d(Array.from({ length: 12 * 5 }, (_, i) => Math.sin(i * 0.7 + 0.1)), [12, 5]);
    const ids = tf.tensor2d([[1, 3, 3, 11], [0, 3, 7, 1]], [2, 4], 'int32');
    const weights = tf.tensor3d(Array.from({ length: 2 * 4 * 5 }, (_, i) => Math.cos(i * 0.3)), [2, 4, 5]);
    const f = (t: tf.Tensor) => tf.sum(tf.mul(tf.square(tf.gather(t, ids)), weights)) as tf.Scalar;
    const { value, grad } = tf.valueAndGrad(f)(table);
    return { loss: value.dataSync()[0], grad: grad.dataSync() as Float32Array };
  });
}

test('the gradient of gather works on wasm and matches the cpu backend to 1e-5', async () => {
  const wasm = await gatherLossAndGrad('wasm');
  const cpu = await gatherLossAndGrad('cpu');
  assert.ok(Math.abs(wasm.loss - cpu.loss) < 1e-5);
  assert.equal(wasm.grad.length, cpu.grad.length);
  let nonzero = 0;
  for (let i = 0; i < cpu.grad.length; i++) {
    assert.ok(Math.abs(wasm.grad[i] - cpu.grad[i]) < 1e-5, `grad[${i}]: wasm ${wasm.grad[i]} vs cpu ${cpu.grad[i]}`);
    if (cpu.grad[i] !== 0) nonzero++;
  }
  // Rows 1 and 3 are looked up twice: their gradients accumulate; unused rows stay zero.
  assert.equal(nonzero, 5 * 5);
});

test('unsortedSegmentSum on wasm matches cpu, dropping out-of-range ids', async () => {
  const run = async (backend: string) => {
    await initBackend(backend);
    return tf.tidy(() =>
      tf.unsortedSegmentSum(tf.tensor2d([1, 2, 3, 4, 5, 6, 7, 8], [4, 2]), tf.tensor1d([2, 0, 2, 5], 'int32'), 3).arraySync(),
    );
  };
  assert.deepEqual(await run('wasm'), await run('cpu'));
  assert.deepEqual(await run('wasm'), [[3, 4], [0, 0], [6, 8]]);
});
