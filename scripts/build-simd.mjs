// Compiles lib/simd/kernels.ts (AssemblyScript) twice: against tfjs's single-threaded heap
// (plain memory) and its threaded one (shared memory). Part of `npm run build`; plain JS so
// that it runs before anything else is built. Checks that neither module carries a data
// segment or a start function: both would write into tfjs's heap on instantiation.
import asc from 'assemblyscript/asc';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../lib/simd');
const common = ['kernels.ts', '--baseDir', dir, '-O3', '--noAssert', '--runtime', 'stub', '--use', 'abort=', '--importMemory',
  '--initialMemory', '1', '--maximumMemory', '65536', '--enable', 'simd'];

/** Section ids of a wasm binary (1 type, 2 import, ..., 8 start, 10 code, 11 data, 12 data count). */
function sectionIds(bytes) {
  const ids = [];
  let i = 8;
  while (i < bytes.length) {
    const id = bytes[i++];
    let size = 0;
    for (let shift = 0; ; shift += 7) {
      const b = bytes[i++];
      size |= (b & 0x7f) << shift;
      if ((b & 0x80) === 0) break;
    }
    ids.push(id);
    i += size;
  }
  return ids;
}

for (const [out, extra] of [['kernels.wasm', []], ['kernels-shared.wasm', ['--sharedMemory', '--enable', 'threads']]]) {
  const { error } = await asc.main([...common, ...extra, '--outFile', out], { stdout: process.stdout, stderr: process.stderr });
  if (error) {
    rmSync(path.join(dir, out), { force: true });
    console.error(`build-simd: error: ${out}: ${error.message}`);
    process.exit(1);
  }
  const ids = sectionIds(readFileSync(path.join(dir, out)));
  if (ids.includes(11) || ids.includes(8)) {
    rmSync(path.join(dir, out));
    console.error(`build-simd: error: ${out} has a data segment or start function (sections ${ids}); it would write into tfjs's heap`);
    process.exit(1);
  }
}
