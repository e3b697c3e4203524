/**
 * Seed statistics with arquero: average what a figure does not show (heads,
 * usually) within each run, then mean and sample standard deviation over seeds.
 */
import * as aq from 'arquero';
import type { VizRow } from './rows.js';

export interface SeedStat {
  key: Record<string, string | number | null>;
  mean: number;
  /** Sample standard deviation over seeds (n − 1); 0 for a single seed. */
  sd: number;
  n: number;
}

/** Each run's last recorded step per metric: where by-layer figures read a trained model. */
export function lastStep(rows: readonly VizRow[]): VizRow[] {
  if (rows.length === 0) return [];
  return aq
    .from(rows as VizRow[])
    .groupby('run', 'metric')
    .filter((d: any) => d.step === aq.op.max(d.step))
    .ungroup()
    .objects() as VizRow[];
}

/**
 * The tracker writes per-layer metrics per head and as a layer mean (head null,
 * weighted by valid rows). Layer figures read the layer mean where it exists, so
 * that the two are never averaged together; per-head rows stand in otherwise.
 */
export function layerLevel(rows: readonly VizRow[]): VizRow[] {
  const withMean = new Set(rows.filter((r) => r.layer !== null && r.head === null).map((r) => `${r.run}|${r.metric}|${r.layer}`));
  return rows.filter((r) => r.layer !== null && (r.head === null || !withMean.has(`${r.run}|${r.metric}|${r.layer}`)));
}

/**
 * One statistic per distinct value of `keys`: first the mean within each run
 * (over the columns not in `keys`, e.g. heads), then mean ± sd over runs' seeds.
 */
export function seedStats(rows: readonly VizRow[], keys: readonly string[]): SeedStat[] {
  if (rows.length === 0) return [];
  const perRun = aq
    .from(rows as VizRow[])
    .groupby('run', 'seed', ...keys)
    .rollup({ value: (d: any) => aq.op.mean(d.value) });
  const stats = perRun
    .groupby(...keys)
    .rollup({ mean: (d: any) => aq.op.mean(d.value), sd: (d: any) => aq.op.stdev(d.value), n: () => aq.op.count() })
    .orderby(...keys)
    .objects() as Array<Record<string, any>>;
  return stats.map((s) => ({
    key: Object.fromEntries(keys.map((k) => [k, s[k] ?? null])),
    mean: s.mean,
    sd: Number.isFinite(s.sd) ? s.sd : 0,
    n: s.n,
  }));
}
