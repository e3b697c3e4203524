/**
 * `npm start`: the main job, a small reproduction end to end. Trains the `quick` preset
 * (or SAOBP_PRESET) as two shards in two processes, one per core, resuming whatever an
 * earlier, interrupted start finished; then draws its figures from the results files.
 *
 * Results: data/results/<preset>/; figures: figures/<preset>/ (figures/ itself holds the
 * committed figures of the `paper` preset, which `npm run figures` rebuilds).
 */
import { spawn } from 'node:child_process';
import { activePreset } from 'saobp';
import { REPO_ROOT } from './jupyter.js';

const preset = activePreset('quick');

function tsx(args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: REPO_ROOT, stdio: 'inherit' });
    child.on('close', (code) => resolve(code ?? 1));
  });
}

async function step(title: string, commands: string[][]): Promise<void> {
  console.log(`\n== ${title}`);
  const codes = await Promise.all(commands.map(tsx));
  const failed = codes.find((c) => c !== 0);
  if (failed !== undefined) {
    console.error(`start: '${title}' failed (exit ${failed}); rerun npm start to resume`);
    process.exit(failed);
  }
}

const shards = ['1/2', '2/2'];
await step(
  `training the ${preset} preset (2 shards, one per core; resumable)`,
  shards.map((shard) => ['scripts/experiments.ts', '--preset', preset, '--shard', shard, '--resume']),
);
await step('figures', [['scripts/figures.ts', '--results', `data/results/${preset}`, '--out', `figures/${preset}`]]);
console.log(`\nstart: done — results in data/results/${preset}/, figures in figures/${preset}/`);
