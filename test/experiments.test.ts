import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../lib/backend.js';
import { mixSeed, silentProgress } from '../lib/train/index.js';
import {
  TASK_NAMES,
  finalRows,
  mergeResults,
  parseShard,
  presetRuns,
  readPresetDir,
  rowsTable,
  runId,
  runSweep,
  seedSummary,
  shardRuns,
  type RunConfig,
  type TaskRegistry,
  type TaskSetup,
} from '../lib/experiments/index.js';

before(async () => {
  await initBackend('wasm');
});

const tmpDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'saobp-exp-'));

/** A logistic-regression stand-in for every task: the sweep machinery, not the model, is under test here. */
function standInTasks(crash?: { id: string; atStep: number }): TaskRegistry {
  const factory = (config: RunConfig): TaskSetup => {
    const w = tf.variable(tf.zeros([4, 2]));
    const params = [{ name: 'w', variable: w, decay: true }];
    const batch = (step: number) => {
      if (crash && runId(config) === crash.id && step === crash.atStep) throw new Error('simulated kill');
      let s = mixSeed(config.seed, step);
      const x = Float32Array.from({ length: 16 }, () => ((s = mixSeed(s)) / 2 ** 32) * 2 - 1);
      return { x, y: Int32Array.from({ length: 4 }, (_, i) => (x[i * 4] > 0 ? 1 : 0)) };
    };
    const loss = (b: unknown) =>
      tf.tidy(() => {
        const { x, y } = b as { x: Float32Array; y: Int32Array };
        const logits = tf.matMul(tf.tensor2d(x, [4, 4]), w);
        return tf.losses.softmaxCrossEntropy(tf.oneHot(tf.tensor1d(y, 'int32'), 2), logits) as tf.Scalar;
      });
    const evaluate = () => [{ layer: 0, head: 0, metric: 'w_norm', value: tf.tidy(() => tf.norm(w).dataSync()[0]) }];
    return { params, batch, loss, tokensPerStep: 16, evaluate, dispose: () => w.dispose() };
  };
  return Object.fromEntries(TASK_NAMES.map((t) => [t, factory])) as TaskRegistry;
}

const sweep = (out: string, extra: { shard?: string; resume?: boolean; only?: string; tasks?: TaskRegistry } = {}) =>
  runSweep({ preset: 'smoke', out, tasks: extra.tasks ?? standInTasks(), progress: silentProgress, ...extra });

/** Run files minus what legitimately differs between processes (timings, dates). */
function metricsOf(out: string): Record<string, unknown> {
  const runs = readPresetDir(path.join(out, 'smoke'), 'smoke');
  return Object.fromEntries([...runs].map(([id, r]) => [id, { config: r.config, rows: r.rows }]));
}

test('presets: sizes and uniqueness as documented', () => {
  assert.equal(presetRuns('smoke').length, 9);
  assert.equal(presetRuns('quick').length, 8);
  const paper = presetRuns('paper');
  assert.equal(paper.length, 3 * 3 * 2 * 3 + 3 * 3);
  assert.equal(new Set(paper.map(runId)).size, paper.length);
  assert.throws(() => presetRuns('huge'), /unknown preset 'huge'; valid presets: smoke, quick, paper/);
});

test('shards are a deterministic partition', () => {
  const runs = presetRuns('paper');
  const parts = [1, 2, 3].map((k) => shardRuns(runs, { index: k, count: 3 }).map(runId));
  assert.deepEqual(parts.flat().sort(), runs.map(runId).sort());
  // Two shards split every task, size and method about evenly (plain round-robin would not).
  for (const k of [1, 2]) {
    const part = shardRuns(runs, { index: k, count: 2 });
    for (const method of ['baseline', 'saobp-mixture', 'saobp-product']) {
      const share = part.filter((r) => r.method === method).length / runs.filter((r) => r.method === method).length;
      assert.ok(Math.abs(share - 0.5) < 0.1, `shard ${k}/2 holds ${share} of ${method}`);
    }
  }
  assert.deepEqual(parseShard('2/3'), { index: 2, count: 3 });
  for (const bad of ['0/2', '3/2', '1/0', 'a/b', '1-2', '1/2/3', '']) {
    assert.throws(() => parseShard(bad), /malformed --shard/, bad);
  }
});

test('the same config and seed give identical results', async () => {
  const [a, b] = [tmpDir(), tmpDir()];
  await sweep(a, { only: 'method=baseline' });
  await sweep(b, { only: 'method=baseline' });
  assert.deepEqual(metricsOf(a), metricsOf(b));
  assert.equal(Object.keys(metricsOf(a)).length, 3);
});

test('shards 1/2 and 2/2, merged, equal the unsharded sweep', async () => {
  const [whole, s1, s2, merged] = [tmpDir(), tmpDir(), tmpDir(), tmpDir()];
  await sweep(whole);
  await sweep(s1, { shard: '1/2' });
  await sweep(s2, { shard: '2/2' });
  const ids = mergeResults([s1, s2], merged, 'smoke');
  assert.equal(ids.length, 9);
  assert.deepEqual(metricsOf(merged), metricsOf(whole));
  // Two shards writing into one directory need no merge at all.
  const shared = tmpDir();
  await sweep(shared, { shard: '2/2' });
  await sweep(shared, { shard: '1/2' });
  assert.deepEqual(metricsOf(shared), metricsOf(whole));
});

test('a sweep killed mid-run and resumed equals the uninterrupted sweep', async () => {
  const [reference, killed] = [tmpDir(), tmpDir()];
  await sweep(reference);
  const victim = runId(presetRuns('smoke')[4]);
  await assert.rejects(sweep(killed, { tasks: standInTasks({ id: victim, atStep: 6 }) }), /simulated kill/);
  assert.ok(fs.existsSync(path.join(killed, 'smoke', 'checkpoints', victim, 'latest.json')));
  const { plan } = await sweep(killed, { resume: true });
  assert.equal(plan.finished.length, 4);
  assert.deepEqual(plan.pending[0], { config: presetRuns('smoke')[4], from: 4 });
  assert.deepEqual(metricsOf(killed), metricsOf(reference));
  assert.ok(!fs.existsSync(path.join(killed, 'smoke', 'checkpoints')), 'finished runs leave no checkpoints');
  const again = await sweep(killed, { resume: true });
  assert.deepEqual(again.written, []);
});

/** Snapshot of every file under a directory, to prove that a refused request wrote nothing. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const file = path.join(entry.parentPath, entry.name);
      out[path.relative(dir, file)] = fs.readFileSync(file).toString('base64');
    }
  }
  return out;
}

test('bad input is one clear error, before any work, with nothing overwritten', async () => {
  const out = tmpDir();
  await assert.rejects(sweep(out, { tasks: standInTasks({ id: runId(presetRuns('smoke')[0]), atStep: 6 }) }), /simulated kill/);
  const before = snapshot(out);
  const cases: [Parameters<typeof runSweep>[0], RegExp][] = [
    [{ preset: 'nope', out, tasks: standInTasks() }, /unknown preset 'nope'; valid presets: smoke, quick, paper/],
    [{ preset: 'smoke', only: 'task=poetry', out, tasks: standInTasks() }, /unknown task 'poetry'; valid tasks: moby-lm, spam-cls, pointer-chase/],
    [{ preset: 'smoke', only: 'size=huge', out, tasks: standInTasks() }, /unknown size 'huge'/],
    [{ preset: 'smoke', only: 'method=magic', out, tasks: standInTasks() }, /unknown method 'magic'/],
    [{ preset: 'smoke', only: 'colour=red', out, tasks: standInTasks() }, /--only: unknown key 'colour'/],
    [{ preset: 'smoke', shard: '3/2', out, tasks: standInTasks() }, /malformed --shard '3\/2'/],
    [{ preset: 'smoke', out, tasks: standInTasks() }, /already holds a checkpoint of run .*; pass --resume/],
  ];
  for (const [options, message] of cases) {
    await assert.rejects(runSweep({ ...options, progress: silentProgress }), message);
  }
  const latest = path.join(out, 'smoke', 'checkpoints', runId(presetRuns('smoke')[0]), 'latest.json');
  const original = fs.readFileSync(latest);
  fs.writeFileSync(latest, 'garbage');
  const damaged = snapshot(out);
  await assert.rejects(sweep(out, { resume: true }), /corrupted checkpoint in .*latest.json is not valid JSON/);
  assert.deepEqual(snapshot(out), damaged);
  fs.writeFileSync(path.join(out, 'smoke', 'notes.txt'), 'mine');
  await assert.rejects(sweep(out, { resume: true }), /holds 'notes.txt' \(not a run file\), which this tool did not write/);
  fs.writeFileSync(latest, original);
  fs.rmSync(path.join(out, 'smoke', 'notes.txt'));
  assert.deepEqual(snapshot(out), before);
});

test('aggregation: final values and seed summaries as arquero tables', async () => {
  const out = tmpDir();
  await sweep(out, { only: 'task=moby-lm' });
  const table = rowsTable(readPresetDir(path.join(out, 'smoke'), 'smoke').values());
  const finals = finalRows(table).filter((d: any) => d.metric === 'w_norm').objects() as any[];
  assert.equal(finals.length, 3);
  assert.ok(finals.every((r) => r.step === 8));
  const summary = seedSummary(table).filter((d: any) => d.metric === 'w_norm' && d.step === 8).objects() as any[];
  assert.equal(summary.length, 3);
  assert.ok(summary.every((r) => r.n === 1 && Number.isFinite(r.mean)));
  assert.equal(rowsTable([]).numRows(), 0);
});
