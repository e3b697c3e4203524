import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository root (the folder whose package.json is named saobp), found
 * from this file, so caches land in data/cache/ whether lib runs from source
 * or from lib/dist, and whatever the working directory (notebooks, scripts).
 */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'saobp') return dir;
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

/** data/cache/ under the repository root. */
export const defaultCacheDir = (): string => join(projectRoot(), 'data', 'cache');
