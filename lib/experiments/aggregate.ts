/**
 * Aggregation of run files with arquero: every helper is a group-by over tidy
 * rows `{ run, task, size, method, seed, step, layer, head, metric, value }`.
 */
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import type { RunFile } from './store.js';

/** All rows of all runs as one table. */
export function rowsTable(runs: Iterable<RunFile>): ColumnTable {
  const rows = [...runs].flatMap((run) => run.rows);
  // Column-wise, so that zero runs still give a table with the tidy columns.
  const columns = ['run', 'task', 'size', 'method', 'seed', 'step', 'layer', 'head', 'metric', 'value'] as const;
  return aq.table(Object.fromEntries(columns.map((c) => [c, rows.map((r) => r[c])])));
}

/** Each run's value of each metric (per layer and head) at its last recorded step. */
export function finalRows(table: ColumnTable): ColumnTable {
  return table
    .groupby('run', 'metric', 'layer', 'head')
    .filter((d: any) => d.step === aq.op.max(d.step))
    .ungroup();
}

/** Mean, sample standard deviation and count over seeds, per task, size, method, step, layer, head and metric. */
export function seedSummary(table: ColumnTable): ColumnTable {
  return table
    .groupby('task', 'size', 'method', 'step', 'layer', 'head', 'metric')
    .rollup({ mean: (d: any) => aq.op.mean(d.value), sd: (d: any) => aq.op.stdev(d.value), n: () => aq.op.count() })
    .orderby('task', 'size', 'metric', 'method', 'step', 'layer', 'head');
}

/** Layer means of per-head metrics, so that figures compare layers rather than heads. */
export function layerMeans(table: ColumnTable): ColumnTable {
  return table
    .filter((d: any) => d.layer !== null)
    .groupby('run', 'task', 'size', 'method', 'seed', 'step', 'layer', 'metric')
    .rollup({ value: (d: any) => aq.op.mean(d.value) });
}
