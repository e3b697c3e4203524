/** Claim 1 and 4 of the paper: entropy by layer, baseline vs SAOBP, one facet per model size. */
import { caption } from '../caption.js';
import { methodLines, oneTask } from '../lines.js';
import { METRIC, axisTitle, metricInfo } from '../metrics.js';
import { requireRows, type FigureSpec, type VizRow } from '../rows.js';
import { SIZE_ORDER, frameLayout, taskLabel } from '../style.js';
import { lastStep, layerLevel } from '../summary.js';

export interface EntropyByLayerOptions {
  /** Default: normalized entropy of the attention applied to the values. */
  metric?: string;
  task?: string;
}

export function entropyByLayer(rows: readonly VizRow[], o: EntropyByLayerOptions = {}): FigureSpec {
  const figure = 'entropyByLayer';
  const metric = o.metric ?? METRIC.entropyNorm;
  const mine = lastStep(layerLevel(oneTask(figure, requireRows(figure, rows, [metric]), o.task)));
  const { data, facets } = methodLines(mine, { facetBy: 'size', x: 'layer', facetOrder: SIZE_ORDER });
  const layout = frameLayout({
    title: `${metricInfo(metric).label} by layer — ${taskLabel(mine[0].task)}`,
    caption: caption(mine, `${metricInfo(metric).label} at each run's last step, layer mean over heads and valid rows; line = mean over seeds, band = ± 1 sd`),
    facets: facets.map((s) => `size ${s}`),
    xTitle: 'layer (index, 0 = first)',
    integerX: true,
    yTitle: axisTitle(metric),
  });
  return { data, layout };
}
