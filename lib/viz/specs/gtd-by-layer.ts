/**
 * GTD (or latent GTD) by layer, one facet per task, with the value that uniform
 * attention gets under each task's mask as a dashed line, or subtracted.
 */
import { caption } from '../caption.js';
import { methodLines } from '../lines.js';
import { METRIC, axisTitle, metricInfo } from '../metrics.js';
import { FigureError, distinct, requireRows, type FigureSpec, type VizRow } from '../rows.js';
import { SIZE_ORDER, axisIds, frameLayout, taskLabel } from '../style.js';
import { lastStep, layerLevel, seedStats } from '../summary.js';

export interface GtdByLayerOptions {
  /** `latent_gtd` (default: comparable across methods) or `gtd` (SAOBP runs only). */
  metric?: string;
  /** Default: the largest size in the rows. */
  size?: string;
  /**
   * Uniform-attention value per task, drawn dashed. Default: the tracker's
   * `latent_gtd_uniform` rows (mean per task); uniformCausalLatentGTD gives the causal value in closed form.
   */
  references?: Record<string, number>;
  /** Plot value − reference ("excess over the mask share"); needs a reference for every task. */
  excess?: boolean;
}

export function gtdByLayer(rows: readonly VizRow[], o: GtdByLayerOptions = {}): FigureSpec {
  const figure = 'gtdByLayer';
  const metric = o.metric ?? METRIC.latentGtd;
  const all = layerLevel(requireRows(figure, rows, [metric]));
  const sizes = distinct(all.map((r) => r.size), SIZE_ORDER);
  const size = o.size ?? sizes[sizes.length - 1];
  const mine = lastStep(all.filter((r) => r.size === size));
  if (mine.length === 0) throw new FigureError(figure, `no per-layer rows of size '${size}'; the rows hold sizes ${sizes.join(', ')}`);
  const refs = o.references ?? recordedReferences(rows, size);
  const tasks = distinct(mine.map((r) => r.task));
  const missing = tasks.filter((t) => refs[t] === undefined);
  if (o.excess && missing.length > 0) {
    throw new FigureError(figure, `excess needs the uniform-attention reference of every task; missing for ${missing.join(', ')}`);
  }
  const { data, facets } = methodLines(mine, {
    facetBy: 'task', x: 'layer', offset: o.excess ? (task) => refs[task as string] : undefined,
  });
  const layers = distinct(mine.map((r) => r.layer as number));
  let referenceLegend = true;
  facets.forEach((task, i) => {
    const ref = refs[task as string];
    if (ref === undefined) return;
    const axes = axisIds(i);
    data.push({
      type: 'scatter', mode: 'lines', xaxis: axes.x, yaxis: axes.y, legendgroup: 'reference',
      name: 'uniform attention, same mask', showlegend: referenceLegend,
      x: [layers[0], layers[layers.length - 1]], y: o.excess ? [0, 0] : [ref, ref],
      line: { color: '#888', width: 1.5, dash: 'dash' },
      hovertemplate: `uniform attention under this mask: ${ref.toFixed(3)}<extra></extra>`,
    });
    referenceLegend = false;
  });
  const label = metricInfo(metric).label;
  const refNote = tasks.filter((t) => refs[t] !== undefined).map((t) => `${taskLabel(t)} ${refs[t].toFixed(3)}`).join(', ');
  const layout = frameLayout({
    title: `${label} by layer and task${o.excess ? ', excess over the mask share' : ''} — size ${size}`,
    caption: caption(mine, `${label} at each run's last step, mean over heads and valid rows; band = ± 1 sd over seeds${refNote ? `; dashed: uniform attention under the task's mask (${refNote})` : ''}`),
    facets: facets.map((t) => taskLabel(t as string)),
    xTitle: 'layer (index, 0 = first)',
    integerX: true,
    yTitle: o.excess ? `${label} − uniform-mask share (TV distance)` : axisTitle(metric),
  });
  return { data, layout };
}

/** Mean of the recorded uniform-attention latent GTD per task, at the figure's size. */
function recordedReferences(rows: readonly VizRow[], size: string): Record<string, number> {
  const uniform = rows.filter((r) => r.metric === METRIC.latentGtdUniform && r.size === size && Number.isFinite(r.value));
  return Object.fromEntries(seedStats(layerLevel(uniform), ['task']).map((s) => [s.key.task as string, s.mean]));
}
