/** The two SAOBP variants beside the baseline on several per-layer metrics: the ablation the paper does not report. */
import { caption } from '../caption.js';
import { methodLines } from '../lines.js';
import { METRIC, axisTitle, metricInfo } from '../metrics.js';
import { FigureError, requireRows, type FigureSpec, type VizRow } from '../rows.js';
import { frameLayout, taskLabel } from '../style.js';
import { lastStep, layerLevel } from '../summary.js';

export interface VariantsOptions {
  metrics?: string[];
  task?: string;
  size?: string;
}

export function variantsSideBySide(rows: readonly VizRow[], o: VariantsOptions = {}): FigureSpec {
  const figure = 'variantsSideBySide';
  const metrics = o.metrics ?? [METRIC.entropyNorm, METRIC.latentGtd];
  const all = layerLevel(requireRows(figure, rows, metrics));
  // Default to the one task and size where both variants ran (the paper preset trains product at one size).
  const both = all.filter((r) => r.method === 'saobp-product');
  const task = o.task ?? both[0]?.task ?? all[0].task;
  const size = o.size ?? both.find((r) => r.task === task)?.size ?? all[0].size;
  const mine = lastStep(all.filter((r) => r.task === task && r.size === size));
  if (mine.length === 0) throw new FigureError(figure, `no per-layer rows for task '${task}', size '${size}'`);
  const { data, facets } = methodLines(mine, { facetBy: 'metric', x: 'layer', facetOrder: metrics });
  const layout = frameLayout({
    title: `Mixture vs product vs baseline — ${taskLabel(task)}, size ${size}`,
    caption: caption(mine, `per-layer metrics at each run's last step, layer mean over heads and valid rows; band = ± 1 sd over seeds`),
    facets: facets.map((m) => metricInfo(m as string).label),
    xTitle: 'layer (index, 0 = first)',
    integerX: true,
    yTitle: facets.map((m) => axisTitle(m as string)),
  });
  return { data, layout };
}
