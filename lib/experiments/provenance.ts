/** Where a result came from: the git commit of the code that produced it. */
import { execFileSync } from 'node:child_process';

export interface GitInfo {
  commit: string | null;
  /** True when tracked files differ from the commit (results then come from uncommitted code). */
  dirty: boolean | null;
}

export function gitInfo(cwd = process.cwd()): GitInfo {
  const git = (...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    const commit = git('rev-parse', 'HEAD');
    return { commit, dirty: git('status', '--porcelain', '--untracked-files=no') !== '' };
  } catch {
    // Not a git checkout (an unpacked tarball, say): record that rather than fail the run.
    return { commit: null, dirty: null };
  }
}
