/**
 * `npm start`: the main job. Runs the notebooks in place (their committed outputs are refreshed)
 * in the preset named by SAOBP_PRESET (default `quick`).
 */
import { spawnSync } from 'node:child_process';
import { REPO_ROOT } from './jupyter.js';

function step(title: string, args: string[]): void {
  console.log(`\n== ${title}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', ...args], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`start: '${title}' failed (exit ${r.status})`);
    process.exit(r.status ?? 1);
  }
}

step('notebooks', ['scripts/notebooks.ts']);
