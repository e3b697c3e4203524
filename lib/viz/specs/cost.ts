/** Cost: step time and peak memory against sequence length, one line per method. */
import { caption } from '../caption.js';
import { methodLines } from '../lines.js';
import { METRIC, axisTitle, metricInfo } from '../metrics.js';
import { FigureError, requireRows, type FigureSpec, type VizRow } from '../rows.js';
import { frameLayout } from '../style.js';

export interface CostOptions {
  metrics?: string[];
  /** What was timed, for the caption (e.g. "decoder, 4 layers, width 128, batch 16, wasm backend"). */
  setup?: string;
}

export function costBySeqLen(rows: readonly VizRow[], o: CostOptions = {}): FigureSpec {
  const figure = 'costBySeqLen';
  const metrics = o.metrics ?? [METRIC.stepMs, METRIC.memoryMiB];
  const mine = requireRows(figure, rows, metrics).filter((r) => Number.isFinite(r.seqLen));
  if (mine.length === 0) throw new FigureError(figure, `no ${metrics.join(' / ')} rows carry a sequence length (column 'seqLen')`);
  const { data, facets } = methodLines(mine, { facetBy: 'metric', x: 'seqLen', facetOrder: metrics });
  const layout = frameLayout({
    title: 'Cost against sequence length',
    caption: caption(mine, `${o.setup ? `${o.setup}; ` : ''}line = mean over repeats (seed column), band = ± 1 sd`),
    facets: facets.map((m) => metricInfo(m as string).label),
    xTitle: 'sequence length (tokens)',
    yTitle: facets.map((m) => axisTitle(m as string)),
  });
  // Lengths are usually powers of two: tick exactly the measured ones.
  const lengths = [...new Set(mine.map((r) => r.seqLen as number))].sort((a, b) => a - b);
  for (const [key, axis] of Object.entries(layout)) if (/^xaxis\d*$/.test(key)) Object.assign(axis as object, { tickvals: lengths });
  return { data, layout };
}
