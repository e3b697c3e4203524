/** Trace builders shared by the line figures: a mean line with its seed band. */
import { translucent } from './style.js';
import type { SeedStat } from './summary.js';

export interface LineOptions {
  name: string;
  color: string;
  /** Plotly axis ids of the facet. */
  axes: { x: string; y: string };
  /** Legend entries are shown once per group, not once per facet. */
  showLegend: boolean;
  group: string;
  dash?: string;
  symbol?: string;
  /** Legend position, independent of drawing order. */
  legendRank?: number;
  /** Subtracted from every value ("excess over the mask share"). */
  offset?: number;
}

/**
 * The band (mean − sd to mean + sd, filled) under the mean line. The band is
 * drawn as one closed polygon so that it never fills down to another trace.
 */
export function bandAndLine(stats: readonly SeedStat[], xKey: string, o: LineOptions): Array<Record<string, unknown>> {
  const sorted = [...stats].sort((a, b) => Number(a.key[xKey]) - Number(b.key[xKey]));
  const x = sorted.map((s) => s.key[xKey]);
  const off = o.offset ?? 0;
  const mean = sorted.map((s) => s.mean - off);
  const upper = sorted.map((s) => s.mean + s.sd - off);
  const lower = sorted.map((s) => s.mean - s.sd - off);
  const seeds = sorted.map((s) => s.n);
  const common = { xaxis: o.axes.x, yaxis: o.axes.y, legendgroup: o.group };
  const traces: Array<Record<string, unknown>> = [];
  if (sorted.some((s) => s.sd > 0)) {
    traces.push({
      ...common, type: 'scatter', mode: 'lines', name: `${o.name} ± sd`, showlegend: false, hoverinfo: 'skip',
      x: [...x, ...[...x].reverse()], y: [...upper, ...[...lower].reverse()],
      fill: 'toself', fillcolor: translucent(o.color, 0.18), line: { width: 0 },
    });
  }
  traces.push({
    ...common, type: 'scatter', mode: x.length > 1 ? 'lines+markers' : 'markers', name: o.name, showlegend: o.showLegend,
    ...(o.legendRank === undefined ? {} : { legendrank: o.legendRank }),
    x, y: mean, customdata: sorted.map((s, i) => [s.sd, seeds[i]]),
    hovertemplate: `${o.name}<br>%{x}: %{y:.4g} ± %{customdata[0]:.2g} (%{customdata[1]} seeds)<extra></extra>`,
    line: { color: o.color, width: 2, ...(o.dash ? { dash: o.dash } : {}) }, marker: { color: o.color, size: 7, symbol: o.symbol ?? 'circle' },
  });
  return traces;
}
