/**
 * The rows figures read: the tidy metric rows of ARCHITECTURE.md, plus the few
 * extra columns that some analyses need (hop count, sequence length).
 */
import type { MetricRow } from '../train/types.js';

export interface VizRow extends MetricRow {
  /** Hop count of the probe items (multi-hop synthetic task), for GTD against hops. */
  hops?: number;
  /** Sequence length of a cost measurement. */
  seqLen?: number;
}

/** A plotly figure as plain JSON: what every spec returns and what export and display consume. */
export interface FigureSpec {
  data: Array<Record<string, unknown>>;
  layout: Record<string, unknown>;
}

export class FigureError extends Error {
  constructor(figure: string, message: string) {
    super(`${figure}: ${message}`);
    this.name = 'FigureError';
  }
}

/**
 * The rows of the wanted metrics, or one clear error naming the figure when there are none,
 * so that a figure never renders as an empty frame. Rows that carry a hop count describe a
 * subset of the probe items, so only hop figures (`byHops`) read them.
 */
export function requireRows(figure: string, rows: readonly VizRow[], metrics: readonly string[], byHops = false): VizRow[] {
  if (rows.length === 0) throw new FigureError(figure, 'no rows given; pass the tidy rows of at least one run');
  const wanted = rows.filter((r) => metrics.includes(r.metric) && Number.isFinite(r.value) && Number.isFinite(r.hops) === byHops);
  if (wanted.length === 0) {
    const present = [...new Set(rows.map((r) => r.metric))].slice(0, 12).join(', ');
    throw new FigureError(figure, `no finite rows of metric ${metrics.join(' or ')}${byHops ? " with a hop count (column 'hops')" : ''}; the rows hold: ${present}`);
  }
  return wanted;
}

/** Distinct values in first-seen order, sorted when they are numbers or known names. */
export function distinct<T>(values: Iterable<T>, order?: readonly T[]): T[] {
  const seen = [...new Set(values)];
  if (order) return [...order.filter((v) => seen.includes(v)), ...seen.filter((v) => !order.includes(v))];
  return seen.every((v) => typeof v === 'number') ? (seen as number[]).sort((a, b) => a - b) as T[] : seen;
}
