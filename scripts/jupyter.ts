/** Finding Jupyter, its Python, the tslab kernel and Chromium: shared by setup and the notebook runner. */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumPath } from '../lib/viz/chromium.js';

/** Kept here too because setup and the notebook runner import it from this module. */
export { chromiumPath };

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** This project's tslab, so that the kernel runs the TypeScript and packages pinned here. */
export const TSLAB_BIN = join(REPO_ROOT, 'node_modules', '.bin', 'tslab');
export const KERNEL_NAME = 'tslab';

/** Runs a command and returns its stdout, or null when it is missing or fails. */
export function tryRun(cmd: string, args: string[]): string | null {
  const r = spawnSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return r.status === 0 ? r.stdout : null;
}

/**
 * The Python that runs Jupyter: `python3` on PATH when it has nbclient (pip, conda, venv users),
 * else Debian's /usr/bin/python3 (where `apt-get install python3-nbclient` puts it).
 */
export function jupyterPython(): string | null {
  for (const py of ['python3', '/usr/bin/python3']) {
    const probe = 'import importlib.util as u, sys; sys.exit(0 if all(u.find_spec(m) for m in ("nbclient", "nbformat", "jupyter_client", "ipykernel")) else 1)';
    if (tryRun(py, ['-c', probe]) !== null) return py;
  }
  return null;
}

/** The argv[0] of the registered tslab kernel, or null when none is registered. */
export function tslabKernelBinary(): string | null {
  const out = tryRun('jupyter', ['kernelspec', 'list', '--json']);
  if (out === null) return null;
  const specs = JSON.parse(out).kernelspecs as Record<string, { spec: { argv: string[] } }>;
  return specs[KERNEL_NAME]?.spec.argv[0] ?? null;
}

/** What is missing for the notebooks and figures; empty when everything is in place. */
export function missingPieces(): string[] {
  const missing: string[] = [];
  const python = jupyterPython();
  if (python === null || tryRun('jupyter', ['nbconvert', '--version']) === null) missing.push('jupyter');
  if (!existsSync(TSLAB_BIN)) missing.push('tslab (run npm ci)');
  else if (python !== null && tslabKernelBinary() !== TSLAB_BIN) missing.push('tslab-kernel');
  if (chromiumPath() === null) missing.push('chromium');
  return missing;
}

export function isRootWithApt(): boolean {
  return process.getuid?.() === 0 && tryRun('sh', ['-c', 'command -v apt-get']) !== null;
}

export function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
  console.log(`$ ${cmd} ${args.join(' ')}`);
  execFileSync(cmd, args, { stdio: 'inherit', env });
}
