/**
 * Executes every notebook headlessly through Jupyter with the tslab kernel in smoke mode, and
 * checks that the runner names the notebook, the cell and the error when a cell fails.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const RUNNER = ['--import', 'tsx', 'scripts/notebooks.ts'];

function runNotebooks(args: string[]): { status: number | null; output: string } {
  const r = spawnSync(process.execPath, [...RUNNER, ...args], {
    encoding: 'utf8',
    env: { ...process.env, SAOBP_PRESET: 'smoke' },
  });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

/** A minimal tslab notebook from code cells. */
function notebook(cells: string[]): string {
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: 'tslab', display_name: 'TypeScript', language: 'typescript' } },
    cells: cells.map((source, i) => ({ cell_type: 'code', id: `c${i}`, metadata: {}, source, outputs: [], execution_count: null })),
  });
}

test('every notebook runs headlessly in smoke mode', { timeout: 40 * 60_000 }, () => {
  const out = mkdtempSync(join(tmpdir(), 'saobp-nb-'));
  const { status, output } = runNotebooks(['--out', out]);
  assert.equal(status, 0, output);
  assert.match(output, /notebook notebooks\/00-setup\.ipynb: ok/);
});

test('a failing cell makes the runner fail, naming the notebook, the cell and the error', { timeout: 5 * 60_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'saobp-nb-bad-'));
  writeFileSync(join(dir, '01-bad.ipynb'), notebook(['const a: number = 1;', 'throw new Error(`boom at ${a}`);', 'console.log("never")']));
  const { status, output } = runNotebooks(['--dir', dir, '--out', join(dir, 'out')]);
  assert.notEqual(status, 0);
  assert.match(output, /FAILED .*01-bad\.ipynb: cell 2 \(code cell 2\): Error: boom at 1/);
});

test('a type error in a cell is reported the same way', { timeout: 5 * 60_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'saobp-nb-type-'));
  writeFileSync(join(dir, '01-types.ipynb'), notebook(['const n: number = "not a number";']));
  const { status, output } = runNotebooks(['--dir', dir, '--out', join(dir, 'out')]);
  assert.notEqual(status, 0);
  assert.match(output, /FAILED .*01-types\.ipynb: cell 1 \(code cell 1\): .*not assignable to type 'number'/);
});
