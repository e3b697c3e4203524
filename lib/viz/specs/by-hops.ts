/**
 * A metric against the hop count of the multi-hop synthetic task: does
 * propagation (GTD) or accuracy change with the hops a query needs? Hop rows
 * come either with a `hops` column or as metric `<metric>_hops<k>`, as the
 * classification evaluation names its per-group accuracy (`eval_accuracy_hops2`).
 */
import { caption } from '../caption.js';
import { methodLines } from '../lines.js';
import { METRIC, axisTitle, metricInfo } from '../metrics.js';
import { FigureError, requireRows, type FigureSpec, type VizRow } from '../rows.js';
import { SIZE_ORDER, frameLayout, taskLabel } from '../style.js';
import { lastStep, layerLevel } from '../summary.js';

export interface ByHopsOptions {
  /** Default latent GTD; `eval_accuracy` gives accuracy per hop count. */
  metric?: string;
  /** Only this layer; default the mean over layers (per-layer metrics). */
  layer?: number;
}

/** Rows named `<metric>_hops<k>` become rows of `metric` with `hops: k`. */
function hopRows(rows: readonly VizRow[], metric: string): VizRow[] {
  const named = new RegExp(`^${metric.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}_hops(\\d+)$`);
  return rows.map((r) => {
    const match = named.exec(r.metric);
    return match ? { ...r, metric, hops: Number(match[1]) } : r;
  });
}

export function metricByHops(rows: readonly VizRow[], o: ByHopsOptions = {}): FigureSpec {
  const figure = 'metricByHops';
  const metric = o.metric ?? METRIC.latentGtd;
  const withHops = requireRows(figure, hopRows(rows, metric), [metric], true);
  const perLayer = withHops.some((r) => r.layer !== null);
  const chosen = (perLayer ? layerLevel(withHops) : withHops).filter((r) => o.layer === undefined || r.layer === o.layer);
  if (chosen.length === 0) throw new FigureError(figure, `no ${metric} rows with a hop count at layer ${o.layer}`);
  const mine = lastStep(chosen);
  const { data, facets } = methodLines(mine, { facetBy: 'size', x: 'hops', facetOrder: SIZE_ORDER });
  const label = metricInfo(metric).label;
  const where = !perLayer ? '' : o.layer === undefined ? ', mean over layers' : `, layer ${o.layer}`;
  const layout = frameLayout({
    title: `${label} against hop count — ${taskLabel(mine[0].task)}`,
    caption: caption(mine, `${label}, items grouped by the hops their answer needs${where}, last step; band = ± 1 sd over seeds`),
    facets: facets.map((s) => `size ${s}`),
    xTitle: 'hops from query to answer (count)',
    integerX: true,
    yTitle: axisTitle(metric),
  });
  return { data, layout };
}
