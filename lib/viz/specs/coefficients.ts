/**
 * Learned λ (mixture) or γ (product) per layer and head, at the end of
 * training, mean over seeds; γ is signed, so it gets a diverging scale centred at 0.
 */
import { caption } from '../caption.js';
import { oneTask } from '../lines.js';
import { METRIC, axisTitle, metricInfo } from '../metrics.js';
import { distinct, requireRows, type FigureSpec, type VizRow } from '../rows.js';
import { SIZE_ORDER, axisIds, frameLayout, taskLabel } from '../style.js';
import { lastStep, seedStats } from '../summary.js';

export interface CoefficientOptions {
  /** `gamma` (default, signed) or `lambda`. */
  metric?: string;
  task?: string;
}

const DIVERGING = [[0, '#2166ac'], [0.5, '#f7f7f7'], [1, '#b2182b']];
const SEQUENTIAL = [[0, '#f7fbff'], [1, '#08306b']];

export function coefficientHeatmap(rows: readonly VizRow[], o: CoefficientOptions = {}): FigureSpec {
  const figure = 'coefficientHeatmap';
  const metric = o.metric ?? METRIC.gamma;
  const mine = lastStep(oneTask(figure, requireRows(figure, rows, [metric]), o.task)).filter((r) => r.layer !== null && r.head !== null);
  const sizes = distinct(mine.map((r) => r.size), SIZE_ORDER);
  const stats = seedStats(mine, ['size', 'layer', 'head']);
  const signed = mine.some((r) => r.value < 0) || metric === METRIC.gamma;
  const limit = Math.max(...stats.map((s) => Math.abs(s.mean)), 1e-6);
  const data = sizes.map((size, i) => {
    const own = stats.filter((s) => s.key.size === size);
    const layers = distinct(own.map((s) => s.key.layer as number));
    const heads = distinct(own.map((s) => s.key.head as number));
    const cell = (l: number, h: number) => own.find((s) => s.key.layer === l && s.key.head === h);
    const z = layers.map((l) => heads.map((h) => cell(l, h)?.mean ?? null));
    const axes = axisIds(i);
    return {
      type: 'heatmap', xaxis: axes.x, yaxis: axes.y, coloraxis: 'coloraxis', name: `size ${size}`,
      x: heads, y: layers, z, xgap: 2, ygap: 2,
      text: z.map((row) => row.map((v) => (v === null ? '' : Math.abs(v) < 0.1 ? v.toPrecision(2) : v.toFixed(2)))), texttemplate: '%{text}',
      customdata: layers.map((l) => heads.map((h) => [cell(l, h)?.sd ?? 0, cell(l, h)?.n ?? 0])),
      hovertemplate: `layer %{y}, head %{x}: %{z:.3f} ± %{customdata[0]:.3f} (%{customdata[1]} seeds)<extra>size ${size}</extra>`,
    };
  });
  const label = metricInfo(metric).label;
  const layout = frameLayout({
    title: `${label} per layer and head — ${taskLabel(mine[0].task)}`,
    caption: caption(mine, `${label} at each run's last step, mean over seeds (cell text); ${signed ? 'red > 0 attractive, blue < 0 repulsive' : 'darker = more propagation'}`),
    facets: sizes.map((s) => `size ${s}`),
    xTitle: 'head (index)',
    yTitle: 'layer (index, 0 = first)',
    shareY: false,
  });
  layout.coloraxis = {
    colorscale: signed ? DIVERGING : SEQUENTIAL,
    ...(signed ? { cmid: 0, cmin: -limit, cmax: limit } : { cmin: 0, cmax: limit }),
    colorbar: { title: { text: axisTitle(metric), side: 'right' }, thickness: 14 },
  };
  // Heatmaps read best with small indices at the top-left and integer ticks only.
  for (const [key, axis] of Object.entries(layout)) {
    if (/^[xy]axis\d*$/.test(key)) Object.assign(axis as object, { dtick: 1, showgrid: false, ...(key.startsWith('y') ? { autorange: 'reversed' } : {}) });
  }
  return { data, layout };
}
