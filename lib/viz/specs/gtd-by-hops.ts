/** GTD against the hop count of the multi-hop synthetic task: does propagation grow with the hops a query needs? */
import { caption } from '../caption.js';
import { methodLines } from '../lines.js';
import { METRIC, axisTitle, metricInfo } from '../metrics.js';
import { FigureError, requireRows, type FigureSpec, type VizRow } from '../rows.js';
import { SIZE_ORDER, frameLayout, taskLabel } from '../style.js';
import { lastStep } from '../summary.js';

export interface GtdByHopsOptions {
  metric?: string;
  /** Only this layer; default the mean over layers. */
  layer?: number;
}

export function gtdByHops(rows: readonly VizRow[], o: GtdByHopsOptions = {}): FigureSpec {
  const figure = 'gtdByHops';
  const metric = o.metric ?? METRIC.latentGtd;
  const withHops = requireRows(figure, rows, [metric], true).filter((r) => (o.layer === undefined || r.layer === o.layer));
  if (withHops.length === 0) throw new FigureError(figure, `no ${metric} rows with a hop count at layer ${o.layer}`);
  const mine = lastStep(withHops);
  const { data, facets } = methodLines(mine, { facetBy: 'size', x: 'hops', facetOrder: SIZE_ORDER });
  const label = metricInfo(metric).label;
  const where = o.layer === undefined ? 'mean over layers and heads' : `layer ${o.layer}, mean over heads`;
  const layout = frameLayout({
    title: `${label} against hop count — ${taskLabel(mine[0].task)}`,
    caption: caption(mine, `${label} of probe items grouped by the hops their answer needs, ${where}, last step; band = ± 1 sd over seeds`),
    facets: facets.map((s) => `size ${s}`),
    xTitle: 'hops from query to answer (count)',
    integerX: true,
    yTitle: axisTitle(metric),
  });
  return { data, layout };
}
