/** Convergence: a loss or task metric against training step, one facet per size, seed bands. */
import { caption } from '../caption.js';
import { methodLines, oneTask } from '../lines.js';
import { METRIC, axisTitle, metricInfo } from '../metrics.js';
import { FigureError, requireRows, type FigureSpec, type VizRow } from '../rows.js';
import { SIZE_ORDER, frameLayout, taskLabel } from '../style.js';

export interface ConvergenceOptions {
  /** `eval_loss` (default), `train_loss`, `accuracy`, `perplexity`, ... */
  metric?: string;
  task?: string;
  /** Log scale on the value axis, e.g. for perplexity. */
  logY?: boolean;
}

export function convergence(rows: readonly VizRow[], o: ConvergenceOptions = {}): FigureSpec {
  const figure = 'convergence';
  const metric = o.metric ?? METRIC.evalLoss;
  // Whole-model metrics only: a per-layer row of the same name would otherwise be averaged in.
  const mine = oneTask(figure, requireRows(figure, rows, [metric]), o.task).filter((r) => r.layer === null);
  if (mine.length === 0) throw new FigureError(figure, `the ${metric} rows are all per layer; convergence plots whole-model rows (layer null)`);
  const { data, facets } = methodLines(mine, { facetBy: 'size', x: 'step', facetOrder: SIZE_ORDER });
  const label = metricInfo(metric).label;
  const layout = frameLayout({
    title: `${label} during training — ${taskLabel(mine[0].task)}`,
    caption: caption(mine, `${label} at each evaluation; line = mean over seeds, band = ± 1 sd`),
    facets: facets.map((s) => `size ${s}`),
    xTitle: 'training step (updates)',
    yTitle: axisTitle(metric),
  });
  if (o.logY) {
    for (const [key, axis] of Object.entries(layout)) if (/^yaxis\d*$/.test(key)) Object.assign(axis as object, { type: 'log' });
  }
  return { data, layout };
}
