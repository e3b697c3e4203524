import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readPresetDir } from '../lib/experiments/index.js';

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
