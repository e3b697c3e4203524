/** Where Chromium is: `SAOBP_CHROMIUM`, else the usual system paths, else PATH. Shared by export and scripts/setup. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export function chromiumPath(): string | null {
  const fromEnv = process.env.SAOBP_CHROMIUM;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']) {
    if (existsSync(p)) return p;
  }
  const which = spawnSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' });
  return (which.status === 0 && which.stdout.trim()) || null;
}

export const NO_CHROMIUM =
  'Chromium not found: run `npm run setup` (installs Debian chromium) or set SAOBP_CHROMIUM to a Chromium/Chrome binary';
