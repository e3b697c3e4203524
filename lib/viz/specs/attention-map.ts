/** One attention map before and after refinement (A and A~), as two heatmaps on one colour scale. */
import { FigureError, type FigureSpec } from '../rows.js';
import { axisIds, frameLayout } from '../style.js';

export interface AttentionMapInput {
  /** [T][T] pre-refinement attention A, rows = queries. */
  attention: number[][];
  /** [T][T] refined attention A~ (what is applied to the values). */
  refined: number[][];
  /** Token labels for the axes; default positions 0..T-1. */
  tokens?: string[];
  title?: string;
  /** Where the map comes from: task, size, seed, step, layer, head, input. */
  source: string;
}

export function attentionMaps(m: AttentionMapInput): FigureSpec {
  const figure = 'attentionMaps';
  const t = m.attention.length;
  if (t === 0) throw new FigureError(figure, 'the attention map is empty');
  for (const [name, map] of [['attention', m.attention], ['refined', m.refined]] as const) {
    if (map.length !== t || map.some((row) => row.length !== t)) throw new FigureError(figure, `${name} must be ${t} x ${t}`);
  }
  if (m.tokens && m.tokens.length !== t) throw new FigureError(figure, `tokens must have ${t} labels, got ${m.tokens.length}`);
  // Repeated tokens would merge as categories; a position prefix keeps every row distinct.
  const labels = m.tokens ? m.tokens.map((tok, i) => `${i}:${tok}`) : [...Array(t).keys()];
  const data = [m.attention, m.refined].map((z, i) => {
    const axes = axisIds(i);
    return {
      type: 'heatmap', xaxis: axes.x, yaxis: axes.y, coloraxis: 'coloraxis', x: labels, y: labels, z,
      name: i === 0 ? 'A' : 'A~',
      hovertemplate: 'query %{y} reads key %{x}: %{z:.3f}<extra></extra>',
    };
  });
  const layout = frameLayout({
    title: m.title ?? 'Attention before and after SAOBP refinement',
    caption: `${m.source} · colour = attention probability, each row sums to 1`,
    facets: ['A (softmax attention)', 'A~ (refined, applied to values)'],
    xTitle: 'key position j (token)',
    yTitle: 'query position i (token)',
    shareY: false,
    extraBottom: m.tokens ? Math.min(80, 6 * Math.max(...labels.map((l) => String(l).length))) : 0,
  });
  layout.coloraxis = { colorscale: [[0, '#ffffff'], [1, '#08306b']], cmin: 0, colorbar: { title: { text: 'probability (0–1)', side: 'right' }, thickness: 14 } };
  for (const [key, axis] of Object.entries(layout)) {
    // Both maps share their rows: the right one repeats no labels, which would overlap the left map.
    if (/^yaxis\d*$/.test(key)) Object.assign(axis as object, { autorange: 'reversed', showgrid: false, showticklabels: key === 'yaxis' });
    if (/^xaxis\d*$/.test(key)) Object.assign(axis as object, { showgrid: false, tickangle: m.tokens ? -60 : 0 });
  }
  return { data, layout };
}
