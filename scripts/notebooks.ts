/**
 * `npm run notebooks [-- NAME...] [--out DIR]`: executes every notebooks/NN-*.ipynb headlessly
 * through Jupyter with the tslab kernel, in the preset named by SAOBP_PRESET.
 *
 * By default executed notebooks are written back in place, so JupyterLab and GitHub show
 * their outputs; `--out DIR` writes the executed copies there instead (the tests use it, so a
 * smoke run never touches the committed outputs). Exits non-zero on the first failing cell,
 * naming the notebook, the cell and the error.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { activePreset } from 'saobp';
import { REPO_ROOT, jupyterPython } from './jupyter.js';

function parseArgs(argv: string[]): { dir: string; out: string; names: string[]; timeout: string } {
  let dir = join(REPO_ROOT, 'notebooks');
  let out: string | null = null;
  let timeout = process.env.SAOBP_CELL_TIMEOUT ?? '3600';
  const names: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--out') out = resolve(argv[++i] ?? fail('--out needs a directory'));
    else if (arg === '--dir') dir = resolve(argv[++i] ?? fail('--dir needs a directory'));
    else if (arg === '--timeout') timeout = argv[++i] ?? fail('--timeout needs seconds');
    else if (arg === '--help') {
      console.log('usage: npm run notebooks -- [NAME...] [--dir NOTEBOOK_DIR] [--out DIR] [--timeout SECONDS_PER_CELL]');
      process.exit(0);
    } else if (arg.startsWith('--')) fail(`unknown option ${arg}`);
    else names.push(arg);
  }
  return { dir, out: out ?? dir, names, timeout };
}

function fail(message: string): never {
  console.error(`notebooks: ${message}`);
  process.exit(2);
}

function main(): void {
  const { dir, out, names, timeout } = parseArgs(process.argv.slice(2));
  const preset = activePreset('quick');
  if (!existsSync(dir)) fail(`no notebook directory ${dir}`);
  const all = readdirSync(dir).filter((f) => /^\d\d-.*\.ipynb$/.test(f)).sort();
  const chosen = names.length === 0 ? all : all.filter((f) => names.some((n) => f.includes(n)));
  if (chosen.length === 0) fail(`no notebook matches ${names.join(', ')}; have ${all.join(', ')}`);
  const python = jupyterPython() ?? fail('no Jupyter found: run npm run setup');
  console.log(`notebooks: ${chosen.length} notebook(s), SAOBP_PRESET=${preset}, executed copies -> ${relative(REPO_ROOT, out) || '.'}`);
  const result = spawnSync(
    python,
    [join(REPO_ROOT, 'scripts', 'run_notebooks.py'), '--out-dir', out, '--timeout', timeout, ...chosen.map((f) => relative(REPO_ROOT, join(dir, f)))],
    { cwd: REPO_ROOT, stdio: 'inherit', env: { ...process.env, SAOBP_PRESET: preset, PYDEVD_DISABLE_FILE_VALIDATION: '1' } },
  );
  process.exit(result.status ?? 1);
}

main();
