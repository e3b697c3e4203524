/**
 * The look shared by every figure: one colour per method everywhere, readable
 * labels, and the frame (title, caption, facets) that specs fill in.
 */
export const METHOD_COLOR: Record<string, string> = {
  baseline: '#4d4d4d',
  'saobp-mixture': '#0072b2',
  'saobp-product': '#d55e00',
};
/** Marker shapes per method too, so that coinciding lines (e.g. at initialization) stay distinguishable. */
const METHOD_SYMBOL: Record<string, string> = { baseline: 'circle', 'saobp-mixture': 'square', 'saobp-product': 'diamond' };
export const methodSymbol = (m: string): string => METHOD_SYMBOL[m] ?? 'triangle-up';

const SPARE_COLORS = ['#009e73', '#cc79a7', '#e69f00', '#56b4e9'];

export function methodColor(method: string): string {
  if (METHOD_COLOR[method]) return METHOD_COLOR[method];
  let h = 0;
  for (const ch of method) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return SPARE_COLORS[h % SPARE_COLORS.length];
}

export const METHOD_ORDER = ['baseline', 'saobp-mixture', 'saobp-product'];
export const SIZE_ORDER = ['tiny', 'mini', 'small', 'medium'];

const METHOD_LABEL: Record<string, string> = {
  baseline: 'baseline',
  'saobp-mixture': 'SAOBP mixture',
  'saobp-product': 'SAOBP product',
};
export const methodLabel = (m: string): string => METHOD_LABEL[m] ?? m;

const TASK_LABEL: Record<string, string> = {
  'moby-lm': 'Moby-Dick LM',
  'spam-cls': 'SpamAssassin classification',
  'pointer-chase': 'pointer-chase (multi-hop)',
};
export const taskLabel = (t: string): string => TASK_LABEL[t] ?? t;

/** `#rrggbb` at the given opacity, for seed bands. */
export function translucent(hex: string, alpha: number): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/** Layer colours run light to dark so that depth reads at a glance. */
export function layerColor(layer: number, layers: number): string {
  const t = layers <= 1 ? 1 : layer / (layers - 1);
  const from = [158, 202, 225];
  const to = [8, 48, 107];
  // Hex, so that translucent() can derive the band colour from it.
  return `#${from.map((f, i) => Math.round(f + (to[i] - f) * t).toString(16).padStart(2, '0')).join('')}`;
}

/** Wraps a caption at word boundaries so that it stays inside a 900 px wide figure. */
function wrap(text: string, width = 140): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines.join('<br>');
}

export const FONT = 'Arial, "Liberation Sans", Helvetica, sans-serif';

export interface Frame {
  title: string;
  caption: string;
  /** Subplot titles, one per facet, left to right. */
  facets: string[];
  xTitle: string;
  /** One title for the shared value axis, or one per facet when facets measure different things. */
  yTitle: string | string[];
  /** Facets share the value axis, so that they compare at a glance. */
  shareY?: boolean;
  /** The x axis counts things (layers, hops): integer ticks only. */
  integerX?: boolean;
  /** Pixels that long x tick labels need between the axis and its title. */
  extraBottom?: number;
}

/**
 * Title, caption (an annotation under the plot), legend on the right, and one
 * column of axes per facet; trace `k` of facet `i` uses axis ids from `axisIds(i)`.
 */
export function frameLayout(f: Frame): Record<string, unknown> {
  const n = Math.max(1, f.facets.length);
  const perFacetY = Array.isArray(f.yTitle);
  const gap = n > 1 ? (perFacetY ? 0.1 : 0.05) : 0;
  const width = (1 - gap * (n - 1)) / n;
  const captionLines = wrap(f.caption).split('<br>').length;
  const extra = f.extraBottom ?? 0;
  const layout: Record<string, unknown> = {
    title: { text: f.title, x: 0.01, xanchor: 'left', font: { size: 17 } },
    font: { family: FONT, size: 12, color: '#222' },
    paper_bgcolor: 'white',
    plot_bgcolor: 'white',
    margin: { l: 70, r: 30, t: n > 1 ? 80 : 60, b: 78 + extra + 16 * captionLines },
    legend: { x: 1.02, y: 1, xanchor: 'left', bgcolor: 'rgba(255,255,255,0.8)' },
    hovermode: 'closest',
    annotations: [
      {
        text: wrap(f.caption),
        xref: 'paper', yref: 'paper', x: 0, y: 0, yshift: -62 - extra, xanchor: 'left', yanchor: 'top', align: 'left',
        showarrow: false, font: { size: 11, color: '#555' },
      },
      ...(n > 1
        ? f.facets.map((text, i) => ({
            text: `<b>${text}</b>`, xref: 'paper', yref: 'paper', x: i * (width + gap) + width / 2, y: 1,
            yshift: 8, xanchor: 'center', yanchor: 'bottom', showarrow: false, font: { size: 13 },
          }))
        : []),
    ],
  };
  for (let i = 0; i < n; i++) {
    const { xKey, yKey, x, y } = axisIds(i);
    const axis = { showline: true, linecolor: '#888', gridcolor: '#e6e6e6', zeroline: false, ticks: 'outside', automargin: true };
    layout[xKey] = {
      ...axis, domain: [i * (width + gap), i * (width + gap) + width], anchor: y, title: { text: f.xTitle },
      ...(f.integerX ? { dtick: 1 } : {}),
    };
    layout[yKey] = {
      ...axis, anchor: x,
      ...(perFacetY ? { title: { text: f.yTitle[i] } } : i === 0 ? { title: { text: f.yTitle } } : {}),
      ...(i > 0 && !perFacetY && f.shareY !== false ? { matches: 'y' } : {}),
    };
  }
  return layout;
}

/** Plotly's axis names for facet `i`: `x`/`y`, then `x2`/`y2`, ... */
export function axisIds(i: number): { x: string; y: string; xKey: string; yKey: string } {
  const s = i === 0 ? '' : String(i + 1);
  return { x: `x${s}`, y: `y${s}`, xKey: `xaxis${s}`, yKey: `yaxis${s}` };
}
