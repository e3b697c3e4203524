/** Whether entropy collapses as training proceeds: one line per layer, one facet per method. */
import { caption } from '../caption.js';
import { oneTask } from '../lines.js';
import { METRIC, axisTitle, metricInfo } from '../metrics.js';
import { FigureError, distinct, requireRows, type FigureSpec, type VizRow } from '../rows.js';
import { METHOD_ORDER, SIZE_ORDER, axisIds, frameLayout, layerColor, methodLabel, taskLabel } from '../style.js';
import { layerLevel, seedStats } from '../summary.js';
import { bandAndLine } from '../traces.js';

export interface EntropyOverTrainingOptions {
  metric?: string;
  task?: string;
  /** Default: the largest size in the rows. */
  size?: string;
}

export function entropyOverTraining(rows: readonly VizRow[], o: EntropyOverTrainingOptions = {}): FigureSpec {
  const figure = 'entropyOverTraining';
  const metric = o.metric ?? METRIC.entropyNorm;
  const ofTask = layerLevel(oneTask(figure, requireRows(figure, rows, [metric]), o.task));
  const sizes = distinct(ofTask.map((r) => r.size), SIZE_ORDER);
  const size = o.size ?? sizes[sizes.length - 1];
  const mine = ofTask.filter((r) => r.size === size);
  if (mine.length === 0) throw new FigureError(figure, `no per-layer rows of size '${size}'; the rows hold sizes ${sizes.join(', ')}`);
  const methods = distinct(mine.map((r) => r.method), METHOD_ORDER);
  const layers = distinct(mine.map((r) => r.layer as number));
  const stats = seedStats(mine, ['method', 'layer', 'step']);
  const data = methods.flatMap((method, i) =>
    layers.flatMap((layer) => {
      const line = stats.filter((s) => s.key.method === method && s.key.layer === layer);
      if (line.length === 0) return [];
      return bandAndLine(line, 'step', {
        name: `layer ${layer}`, color: layerColor(layer, layers.length), axes: axisIds(i),
        group: `layer ${layer}`, showLegend: i === 0,
      });
    }),
  );
  const layout = frameLayout({
    title: `${metricInfo(metric).label} during training, per layer — ${taskLabel(mine[0].task)}, size ${size}`,
    caption: caption(mine, `${metricInfo(metric).label} on the probe batch at each evaluation, layer mean over heads and valid rows; band = ± 1 sd over seeds`),
    facets: methods.map(methodLabel),
    xTitle: 'training step (updates)',
    yTitle: axisTitle(metric),
  });
  return { data, layout };
}
