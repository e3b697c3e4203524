/**
 * The common shape of most figures: one facet per value of a column, the x
 * column on the horizontal axis, one line per method with its seed band.
 */
import { distinct, FigureError, type VizRow } from './rows.js';
import { METHOD_ORDER, axisIds, methodColor, methodLabel, methodSymbol } from './style.js';
import { seedStats } from './summary.js';
import { bandAndLine } from './traces.js';

export type Column = 'task' | 'size' | 'method' | 'metric' | 'layer' | 'step' | 'hops' | 'seqLen';

export interface MethodLines {
  facetBy: Column;
  x: Column;
  /** Fixed order of facet values (e.g. sizes tiny → base); others follow. */
  facetOrder?: readonly (string | number)[];
  /** Subtracted from a facet's values, e.g. the uniform-attention share of its mask. */
  offset?: (facet: string | number) => number;
}

export interface Faceted {
  data: Array<Record<string, unknown>>;
  facets: Array<string | number>;
}

export function methodLines(rows: readonly VizRow[], o: MethodLines): Faceted {
  const facets = distinct(rows.map((r) => r[o.facetBy] as string | number), o.facetOrder);
  const methods = distinct(rows.map((r) => r.method), METHOD_ORDER);
  const stats = seedStats(rows, [o.facetBy, 'method', o.x]);
  const data: Array<Record<string, unknown>> = [];
  const legendShown = new Set<string>();
  facets.forEach((facet, i) => {
    const axes = axisIds(i);
    // Baseline last, dotted, on top: a SAOBP run that still equals it (coefficients at init) then shows as both.
    for (const method of [...methods].reverse()) {
      const mine = stats.filter((s) => s.key[o.facetBy] === facet && s.key.method === method);
      // A method missing from one facet (e.g. product trained at one size only) is simply absent there.
      if (mine.length === 0) continue;
      data.push(
        ...bandAndLine(mine, o.x, {
          name: methodLabel(method), color: methodColor(method), symbol: methodSymbol(method), axes, group: method,
          legendRank: 100 + methods.indexOf(method), dash: method === 'baseline' ? 'dot' : undefined,
          showLegend: !legendShown.has(method), offset: o.offset?.(facet),
        }),
      );
      legendShown.add(method);
    }
  });
  return { data, facets };
}

/** Rows of one task; several tasks in one by-size figure would mix, so ask which. */
export function oneTask(figure: string, rows: readonly VizRow[], task?: string): VizRow[] {
  const tasks = distinct(rows.map((r) => r.task));
  if (task !== undefined) {
    const mine = rows.filter((r) => r.task === task);
    if (mine.length === 0) throw new FigureError(figure, `no rows of task '${task}'; the rows hold tasks ${tasks.join(', ')}`);
    return mine;
  }
  if (tasks.length > 1) throw new FigureError(figure, `the rows hold several tasks (${tasks.join(', ')}); pass { task } to pick one`);
  return [...rows];
}
