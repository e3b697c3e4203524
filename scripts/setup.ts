/**
 * `npm run setup`: installs what the notebooks and figures need beyond npm, idempotently.
 *   - Jupyter (Debian: jupyter-nbconvert python3-nbclient jupyter-client python3-ipykernel
 *     jupyter-notebook), unless a `jupyter` with nbclient is already there (pip, conda);
 *   - the tslab kernel, registered to run this project's tslab;
 *   - Chromium (Debian: chromium), for static figure export.
 * `--if-needed` (used by npm test / start / notebooks) is silent when nothing is missing.
 * Without root or apt-get it prints what to install by hand and exits 1.
 */
import { KERNEL_NAME, TSLAB_BIN, chromiumPath, isRootWithApt, jupyterPython, missingPieces, run, tryRun } from './jupyter.js';

const JUPYTER_DEBS = ['jupyter-nbconvert', 'python3-nbclient', 'jupyter-client', 'python3-ipykernel', 'jupyter-notebook'];
const CHROMIUM_DEBS = ['chromium'];

function main(): void {
  const ifNeeded = process.argv.includes('--if-needed');
  let missing = missingPieces();
  if (missing.length === 0) {
    if (!ifNeeded) console.log('setup: everything is in place (jupyter, tslab kernel, chromium)');
    return;
  }
  console.log(`setup: missing ${missing.join(', ')}`);

  const debs = [
    ...(missing.includes('jupyter') ? JUPYTER_DEBS : []),
    ...(missing.includes('chromium') ? CHROMIUM_DEBS : []),
  ];
  if (debs.length > 0) {
    if (!isRootWithApt()) {
      console.error(
        `setup: cannot install system packages here (needs root and apt-get). Install by hand, then rerun:\n` +
          `  Debian/Ubuntu: sudo apt-get install -y ${debs.join(' ')}\n` +
          `  or with pip:   pip install nbclient nbconvert ipykernel jupyterlab  (and a Chromium for figure export,\n` +
          `                 pointed to by SAOBP_CHROMIUM=/path/to/chromium)`,
      );
      process.exit(1);
    }
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    run('apt-get', ['update', '-q'], env);
    run('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...debs], env);
  }

  const python = jupyterPython();
  if (python === null) {
    console.error('setup: Jupyter is installed but no python3 imports nbclient, nbformat, jupyter_client and ipykernel');
    process.exit(1);
  }
  missing = missingPieces();
  if (missing.includes('tslab-kernel')) {
    const userFlag = process.getuid?.() === 0 ? [] : ['--user'];
    run(TSLAB_BIN, ['install', `--python=${python}`, `--binary=${TSLAB_BIN}`, ...userFlag]);
  }
  missing = missingPieces();
  if (missing.length > 0) {
    console.error(`setup: still missing after install: ${missing.join(', ')}`);
    process.exit(1);
  }
  console.log(`setup: ready — jupyter (${python}), kernel '${KERNEL_NAME}' -> ${TSLAB_BIN}, chromium ${chromiumPath()}`);
  const nbconvert = tryRun('jupyter', ['nbconvert', '--version']);
  if (nbconvert !== null) console.log(`setup: nbconvert ${nbconvert.trim()}`);
}

main();
