import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../lib/backend.js';
import {
  AdamW,
  CheckpointError,
  Trainer,
  clipByGlobalNorm,
  loadCheckpoint,
  makeSchedule,
  progressReporter,
  saveCheckpoint,
  type Param,
  type StatefulRng,
} from '../lib/train/index.js';

before(async () => {
  await initBackend('wasm');
});

const tmpDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'saobp-train-'));

/** A stateful LCG standing in for the data module's PRNG: its position must survive a checkpoint. */
class Lcg implements StatefulRng {
  constructor(private s: number) {}
  next(): number {
    this.s = (Math.imul(this.s, 1664525) + 1013904223) >>> 0;
    return this.s / 2 ** 32;
  }
  getState(): unknown {
    return this.s;
  }
  setState(state: unknown): void {
    this.s = state as number;
  }
}

/** A tiny softmax regression with dropout: exercises decay flags, dropout seeds and a stateful sampler. */
function standIn(seed: number) {
  const init = new Lcg(seed);
  const values = (n: number) => Float32Array.from({ length: n }, () => init.next() - 0.5);
  const params: Param[] = [
    { name: 'w', variable: tf.variable(tf.tensor2d(values(12), [4, 3])), decay: true },
    { name: 'b', variable: tf.variable(tf.zeros([3])), decay: false },
  ];
  const rng = new Lcg(seed + 1);
  const batch = () => {
    const x = Float32Array.from({ length: 8 * 4 }, () => rng.next() * 2 - 1);
    const y = Int32Array.from({ length: 8 }, (_, i) => (x[i * 4] + x[i * 4 + 1] > 0 ? 1 : x[i * 4 + 2] > 0 ? 2 : 0));
    return { x, y };
  };
  const loss = (b: { x: Float32Array; y: Int32Array }, ctx: { dropoutSeed: number }) =>
    tf.tidy(() => {
      const x = tf.dropout(tf.tensor2d(b.x, [8, 4]), 0.1, undefined, ctx.dropoutSeed);
      const logits = tf.add(tf.matMul(x, params[0].variable), params[1].variable);
      return tf.losses.softmaxCrossEntropy(tf.oneHot(tf.tensor1d(b.y, 'int32'), 3), logits) as tf.Scalar;
    });
  const evaluate = () => {
    const w = params[0].variable.dataSync();
    return [{ layer: null, head: null, metric: 'w_sum', value: Array.from(w).reduce((a, v) => a + v, 0) }];
  };
  return { params, rng, batch, loss, evaluate, dispose: () => params.forEach((p) => p.variable.dispose()) };
}

function makeTrainer(model: ReturnType<typeof standIn>, extra: { checkpointDir?: string; steps?: number } = {}) {
  const steps = extra.steps ?? 12;
  return new Trainer({
    params: model.params,
    loss: model.loss,
    batch: model.batch,
    rng: model.rng,
    steps,
    schedule: makeSchedule({ lr: 0.05, warmup: 2, steps, decay: 'cosine' }),
    optimizer: { weightDecay: 0.1 },
    clipNorm: 0.5,
    seed: 7,
    meta: { run: 'r', task: 't', size: 'tiny', method: 'baseline', seed: 7 },
    evaluate: model.evaluate,
    evalEvery: 4,
    logEvery: 2,
    tokensPerStep: 8,
    checkpoint: extra.checkpointDir ? { dir: extra.checkpointDir, every: 3 } : undefined,
  });
}

test('warmup then cosine or linear decay to the floor', () => {
  const cos = makeSchedule({ lr: 1, warmup: 4, steps: 104, decay: 'cosine', minRatio: 0.1 });
  assert.deepEqual([0, 1, 2, 3].map(cos), [0.25, 0.5, 0.75, 1]);
  assert.ok(Math.abs(cos(54) - 0.55) < 1e-12);
  assert.ok(Math.abs(cos(104) - 0.1) < 1e-12);
  const lin = makeSchedule({ lr: 2, warmup: 0, steps: 10, decay: 'linear', minRatio: 0 });
  assert.equal(lin(5), 1);
  assert.throws(() => makeSchedule({ lr: -1, warmup: 0, steps: 1, decay: 'linear' }), /lr must be a positive number/);
});

test('AdamW matches the closed form and decays only flagged parameters', () => {
  const a: Param = { name: 'a', variable: tf.variable(tf.scalar(1)), decay: true };
  const b: Param = { name: 'b', variable: tf.variable(tf.scalar(1)), decay: false };
  const opt = new AdamW([a, b], { beta1: 0.9, beta2: 0.99, eps: 0, weightDecay: 0.5 });
  const g = { a: tf.scalar(2), b: tf.scalar(2) };
  opt.apply(g, 0.1);
  // First Adam step: m̂/sqrt(v̂) = sign(g) = 1; decay multiplies by 1 - lr * wd first.
  assert.ok(Math.abs(a.variable.dataSync()[0] - (1 * (1 - 0.05) - 0.1)) < 1e-6);
  assert.ok(Math.abs(b.variable.dataSync()[0] - 0.9) < 1e-6);
  assert.equal(opt.getState().t, 1);
  tf.dispose([g.a, g.b, a.variable, b.variable]);
  opt.dispose();
});

test('global-norm clipping scales all gradients together', () => {
  const grads = { x: tf.tensor1d([3, 0]), y: tf.tensor1d([0, 4]) };
  const { grads: clipped, norm } = clipByGlobalNorm(grads, 1);
  assert.ok(Math.abs(norm - 5) < 1e-6);
  assert.ok(Math.abs(clipped.x.dataSync()[0] - 0.6) < 1e-5);
  assert.ok(Math.abs(clipped.y.dataSync()[1] - 0.8) < 1e-5);
  tf.dispose([grads.x, grads.y, clipped.x, clipped.y]);
});

test('a training step leaves the live tensor count unchanged', () => {
  const model = standIn(1);
  const trainer = makeTrainer(model);
  trainer.step(0);
  const before = tf.memory().numTensors;
  for (let s = 1; s < 4; s++) trainer.step(s);
  assert.equal(tf.memory().numTensors, before);
  trainer.dispose();
  model.dispose();
});

async function finalState(checkpointDir?: string, crashAt?: number) {
  const model = standIn(3);
  if (crashAt !== undefined) {
    const inner = model.batch;
    model.batch = (() => {
      let calls = 0;
      return (...args: []) => {
        if (++calls > crashAt) throw new Error('simulated kill');
        return inner(...args);
      };
    })();
  }
  const trainer = makeTrainer(model, { checkpointDir });
  try {
    const result = await trainer.run();
    return { rows: result.rows, weights: model.params.map((p) => Array.from(p.variable.dataSync())) };
  } finally {
    trainer.dispose();
    model.dispose();
  }
}

test('the same config and seed give identical rows and weights', async () => {
  const a = await finalState();
  const b = await finalState();
  assert.deepEqual(a, b);
  assert.ok(a.rows.some((r) => r.metric === 'train_loss'));
  assert.deepEqual([...new Set(a.rows.filter((r) => r.metric === 'w_sum').map((r) => r.step))], [0, 4, 8, 12]);
});

test('a run killed mid-way and resumed equals the uninterrupted run', async () => {
  const reference = await finalState();
  const dir = tmpDir();
  // Killed during update 8: the checkpoint at step 6 is the last one, the window and eval at 8 are lost.
  await assert.rejects(finalState(dir, 8), /simulated kill/);
  assert.equal(loadCheckpoint(dir)?.step, 6);
  const resumed = await finalState(dir);
  assert.deepEqual(resumed, reference);
});

test('a damaged checkpoint is one clear error', () => {
  const dir = tmpDir();
  saveCheckpoint(dir, { step: 5, tensors: { w: new Float32Array([1, 2, 3]) }, state: { k: 1 } });
  const back = loadCheckpoint(dir)!;
  assert.deepEqual(Array.from(back.tensors.w), [1, 2, 3]);
  assert.deepEqual(back.state, { k: 1 });
  const bin = path.join(dir, 'step-00000005', 'tensors.bin');
  fs.writeFileSync(bin, Buffer.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]));
  assert.throws(() => loadCheckpoint(dir), (e: Error) => e instanceof CheckpointError && /fails its checksum/.test(e.message));
  fs.truncateSync(bin, 4);
  assert.throws(() => loadCheckpoint(dir), /tensors.bin has 4 bytes, expected 12/);
  fs.writeFileSync(path.join(dir, 'latest.json'), '{"format":');
  assert.throws(() => loadCheckpoint(dir), /corrupted checkpoint in .*latest.json is not valid JSON; delete that directory/);
  assert.equal(loadCheckpoint(tmpDir()), null);
});

test('progress: plain lines off a terminal, one redrawn line on it', () => {
  const sink = (isTTY: boolean) => {
    let text = '';
    const stream = { isTTY, columns: 120, write: (s: string) => ((text += s), true) } as unknown as NodeJS.WritableStream;
    return { stream, text: () => text };
  };
  const plain = sink(false);
  const p = progressReporter({ stream: plain.stream, every: 2 });
  for (let step = 1; step <= 4; step++) p.update({ label: 'run', step, total: 4, loss: 1, tokensPerSecond: 1500, eta: 3 });
  assert.equal(plain.text(), 'run step 2/4 loss 1.0000 1.5k tok/s eta 0:03\nrun step 4/4 loss 1.0000 1.5k tok/s eta 0:03\n');
  const live = sink(true);
  const l = progressReporter({ stream: live.stream });
  l.done({ label: 'run', step: 4, total: 4, loss: 1, tokensPerSecond: 10, eta: 0 });
  assert.match(live.text(), /^\r\x1b\[2Krun \[#+\] step 4\/4 .*\n$/);
});
