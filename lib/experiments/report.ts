/**
 * What the analysis notebooks share: loading a sweep's results by name, and stating a
 * claim or a comparison in one line. One definition here instead of a copy per notebook.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from '../data/paths.js';
import { SIZE_NAMES } from '../model/config.js';
import type { MetricRow } from '../train/types.js';
import { finalRows, rowsTable } from './aggregate.js';
import { PRESET_NAMES, type PresetName } from './config.js';
import type { MethodComparison } from './paired-test.js';
import { readPresetDir, type RunFile } from './store.js';

export interface LoadedResults {
  dir: string;
  runs: RunFile[];
  /** Every tidy row of every run. */
  rows: MetricRow[];
  /** Each run's rows at its last step. */
  finals: MetricRow[];
  /** Model sizes present, smallest first. */
  sizes: string[];
  /** The distinct values of a column, in natural order (`layer 2` before `layer 10`). */
  distinct<K extends keyof MetricRow>(key: K, from?: readonly MetricRow[]): Array<MetricRow[K]>;
  /** One line: runs, tasks, sizes, methods, seeds, updates. */
  summary: string;
}

/**
 * A sweep's results: `name` (default `SAOBP_RESULTS`, else `paper`) is a preset's directory
 * under data/results/ or an absolute path to one. A missing or empty directory is one
 * clear error that says what to run.
 */
export function loadResults(name: string = process.env.SAOBP_RESULTS || 'paper'): LoadedResults {
  const dir = path.resolve(projectRoot(), 'data', 'results', name);
  const hint = 'run `npm run experiments -- --preset paper` (writes data/results/paper), or set SAOBP_RESULTS to a results directory';
  if (!fs.existsSync(dir)) throw new Error(`results directory ${dir} not found: ${hint}`);
  const preset = path.basename(dir);
  if (!(PRESET_NAMES as readonly string[]).includes(preset)) {
    throw new Error(`results directory ${dir}: the results store names it after its preset (${PRESET_NAMES.join(', ')})`);
  }
  const runs = [...readPresetDir(dir, preset as PresetName).values()];
  if (runs.length === 0) throw new Error(`results directory ${dir} holds no run files: ${hint}`);
  const rows = runs.flatMap((r) => r.rows);
  const distinct = <K extends keyof MetricRow>(key: K, from: readonly MetricRow[] = rows) =>
    [...new Set(from.map((r) => r[key]))].sort((a, b) => String(a).localeCompare(String(b), 'en', { numeric: true }));
  const sizes: string[] = SIZE_NAMES.filter((s) => rows.some((r) => r.size === s));
  const summary = `${runs.length} runs from ${dir}: tasks ${distinct('task').join(', ')}; sizes ${sizes.join(', ')}; ` +
    `methods ${distinct('method').join(', ')}; seeds ${distinct('seed').join(', ')}; ${Math.max(...runs.map((r) => r.config.steps))} updates at most`;
  return { dir, runs, rows, finals: finalRows(rowsTable(runs)).objects() as MetricRow[], sizes, distinct, summary };
}

/** Prints a claim with its evidence; throws when it does not hold, so that a wrong claim fails the notebook. */
export function checkClaim(claim: string, holds: boolean, evidence: string): void {
  if (!holds) throw new Error(`claim does not hold: ${claim} (${evidence})`);
  console.log(`✓ ${claim} — ${evidence}`);
}

/** "baseline 0.812 ± 0.010 vs saobp-mixture 0.845 ± 0.012 (3 paired seeds; paired Δ, t, p)": mean ± sd over seeds, then the paired test of b − a. */
export function describeComparison(c: MethodComparison, digits = 3): string {
  const stat = (s: MethodComparison['a']) => `${s.method} ${s.mean.toFixed(digits)} ± ${s.sd.toFixed(digits)}`;
  const { test } = c;
  const paired = test.p === null || test.t === null ? 'no paired test (fewer than 2 common seeds)'
    : `paired Δ = ${test.meanDiff >= 0 ? '+' : ''}${test.meanDiff.toFixed(digits)}, t(${test.df}) = ${test.t.toFixed(2)}, p = ${test.p.toFixed(3)}`;
  return `${stat(c.a)} vs ${stat(c.b)} (${c.seeds.length} paired seed${c.seeds.length === 1 ? '' : 's'}; ${paired})`;
}

/** Whether b is above a: 'higher (p < 0.05)', 'lower (n.s.)', 'equal', or 'untested' below two seeds. */
export function comparisonDirection(c: MethodComparison): string {
  if (c.test.p === null) return 'untested';
  if (c.test.meanDiff === 0) return 'equal';
  return `${c.test.meanDiff > 0 ? 'higher' : 'lower'} (${c.test.p < 0.05 ? 'p < 0.05' : 'n.s.'})`;
}
