import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../lib/backend.js';
import { TASKS, presetRuns, readPresetDir, runId, runSweep, type TaskRegistry } from '../lib/experiments/index.js';
import { Trainer, makeSchedule, silentProgress } from '../lib/train/index.js';

const SCRIPT = path.join(import.meta.dirname, '..', 'scripts', 'experiments.ts');
const cli = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', SCRIPT, ...args], { encoding: 'utf8', env: { ...process.env, SAOBP_PRESET: '' } });

test('the smoke preset trains every task and method, and every tracked metric is finite', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'saobp-smoke-'));
  const started = Date.now();
  const run = cli(['--preset', 'smoke', '--out', out]);
  assert.equal(run.status, 0, run.stderr);
  assert.ok(Date.now() - started < 60_000, 'the smoke preset must stay under a minute');
  const runs = readPresetDir(path.join(out, 'smoke'), 'smoke');
  assert.equal(runs.size, 9);
  for (const [id, r] of runs) {
    assert.equal(r.backend, 'wasm');
    const bad = r.rows.filter((row) => !Number.isFinite(row.value));
    assert.deepEqual(bad, [], `${id} has non-finite metrics`);
    const metrics = new Set(r.rows.map((row) => row.metric));
    for (const m of ['eval_loss', 'eval_accuracy', 'train_loss', 'entropy', 'normalized_entropy', 'top1_mass', 'attention_distance', 'latent_gtd']) {
      assert.ok(metrics.has(m), `${id} lacks ${m}`);
    }
    if (r.config.method !== 'baseline') {
      for (const m of ['gtd', 'entropy_pre', 'top1_mass_pre', r.config.method === 'saobp-mixture' ? 'lambda' : 'gamma']) assert.ok(metrics.has(m), `${id} lacks ${m}`);
    }
  }
  assert.ok(!fs.existsSync(path.join(out, 'smoke', 'checkpoints')));
});

test('the command line: --help, and bad input as one line on stderr with exit code 2', () => {
  const help = cli(['--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /Usage: npm run experiments -- \[options\]/);
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'saobp-cli-'));
  fs.mkdirSync(path.join(out, 'smoke'));
  fs.writeFileSync(path.join(out, 'smoke', 'mine.csv'), 'x');
  const cases: [string[], RegExp][] = [
    [['--preset', 'huge'], /^experiments: unknown preset 'huge'; valid presets: smoke, quick, paper\n$/],
    [['--preset', 'smoke', '--only', 'task=poetry'], /^experiments: unknown task 'poetry'/],
    [['--preset', 'smoke', '--only', 'size=giant'], /^experiments: unknown size 'giant'/],
    [['--preset', 'smoke', '--only', 'method=magic'], /^experiments: unknown method 'magic'/],
    [['--preset', 'smoke', '--shard', '2'], /^experiments: malformed --shard '2'/],
    [['--preset', 'smoke', '--frobnicate'], /^experiments: Unknown option '--frobnicate'.*see --help\n$/],
    [['--preset', 'smoke', '--out', out], /^experiments: output directory .* holds 'mine.csv'/],
  ];
  for (const [args, message] of cases) {
    const r = cli(args);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
  }
  assert.deepEqual(fs.readdirSync(path.join(out, 'smoke')), ['mine.csv']);
});

/** The real tasks, with one run's batch source failing at a step: a kill in the middle of training. */
function killing(id: string, atStep: number): TaskRegistry {
  const wrap = (factory: TaskRegistry[keyof TaskRegistry]) => async (config: Parameters<typeof factory>[0]) => {
    const task = await factory(config);
    if (runId(config) !== id) return task;
    return { ...task, batch: (step: number) => { if (step === atStep) throw new Error('simulated kill'); return task.batch(step); } };
  };
  return { 'moby-lm': wrap(TASKS['moby-lm']), 'spam-cls': wrap(TASKS['spam-cls']), 'pointer-chase': wrap(TASKS['pointer-chase']) };
}

test('real models: a killed and resumed run equals the uninterrupted one, and steps leak no tensors', async () => {
  await initBackend('wasm');
  const only = 'task=pointer-chase,method=saobp-mixture';
  const [reference, killed] = [0, 1].map(() => fs.mkdtempSync(path.join(os.tmpdir(), 'saobp-real-')));
  await runSweep({ preset: 'smoke', only, out: reference, tasks: TASKS, progress: silentProgress });
  const id = runId(presetRuns('smoke').find((r) => r.task === 'pointer-chase' && r.method === 'saobp-mixture')!);
  await assert.rejects(runSweep({ preset: 'smoke', only, out: killed, tasks: killing(id, 6), progress: silentProgress }), /simulated kill/);
  await runSweep({ preset: 'smoke', only, out: killed, resume: true, tasks: TASKS, progress: silentProgress });
  const rows = (dir: string) => readPresetDir(path.join(dir, 'smoke'), 'smoke').get(id)!.rows;
  assert.deepEqual(rows(killed), rows(reference));
  assert.equal(readPresetDir(path.join(killed, 'smoke'), 'smoke').get(id)!.resumedFrom, 4);

  for (const config of presetRuns('smoke').filter((r) => r.size === 'tiny' && r.seed === 0 && r.method !== 'baseline')) {
    const task = await TASKS[config.task](config);
    const trainer = new Trainer({ ...task, steps: 4, schedule: makeSchedule({ lr: 1e-3, warmup: 0, steps: 4, decay: 'cosine' }), seed: 0, meta: { run: runId(config), task: config.task, size: config.size, method: config.method, seed: 0 } });
    trainer.step(0);
    task.evaluate(0);
    const before = tf.memory().numTensors;
    trainer.step(1);
    task.evaluate(1);
    assert.equal(tf.memory().numTensors, before, `${runId(config)} leaks tensors`);
    trainer.dispose();
    task.dispose();
  }
});
