/** Figure specs on small hand-made tidy rows: traces, seed bands, units, captions, errors. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  attentionMaps, coefficientHeatmap, convergence, costBySeqLen, demoRows, entropyByLayer, entropyOverTraining,
  gtdByLayer, metricByHops, seedRange, variantsSideBySide, METHOD_COLOR, type FigureSpec, type VizRow,
} from '../lib/viz/index.js';

type Trace = Record<string, any>;

function row(p: Partial<VizRow> & Pick<VizRow, 'method' | 'seed' | 'metric' | 'value'>): VizRow {
  const base = { task: 'moby-lm', size: 'tiny', step: 100, layer: 0 as number | null, head: null as number | null };
  const r = { ...base, ...p } as VizRow;
  return { ...r, run: r.run ?? `${r.task}.${r.size}.${r.method}.seed${r.seed}` };
}

/** Three seeds at layer 0 (0.5, 0.7, 0.9: mean 0.7, sample sd 0.2) and layer 1, for two methods. */
function entropyRows(): VizRow[] {
  const rows: VizRow[] = [];
  for (const method of ['baseline', 'saobp-mixture']) {
    [0.5, 0.7, 0.9].forEach((v, seed) => {
      const shift = method === 'baseline' ? 0 : 0.05;
      rows.push(row({ method, seed, metric: 'normalized_entropy', layer: 0, value: v + shift }));
      rows.push(row({ method, seed, metric: 'normalized_entropy', layer: 1, value: v / 2 + shift }));
      // An earlier step and per-head rows must not leak into the layer means.
      rows.push(row({ method, seed, metric: 'normalized_entropy', layer: 0, step: 0, value: 99 }));
      rows.push(row({ method, seed, metric: 'normalized_entropy', layer: 0, head: 0, value: -99 }));
    });
  }
  return rows;
}

/** Mean lines in legend order (drawing order puts the baseline last, on top). */
const lines = (spec: FigureSpec) =>
  spec.data.filter((t: Trace) => t.fill === undefined && t.type === 'scatter' && t.legendgroup !== 'reference')
    .sort((a: Trace, b: Trace) => (a.legendrank ?? 0) - (b.legendrank ?? 0));
const bands = (spec: FigureSpec) => spec.data.filter((t: Trace) => t.fill === 'toself');
const annotationText = (spec: FigureSpec) => (spec.layout.annotations as Trace[]).map((a) => a.text as string).join('\n');

function assertFramed(spec: FigureSpec, units: RegExp) {
  assert.ok((spec.layout.title as Trace).text.length > 0, 'title');
  const axes = Object.entries(spec.layout).filter(([k]) => /^[xy]axis\d*$/.test(k)).map(([, v]) => (v as Trace).title?.text).filter(Boolean);
  assert.ok(axes.length >= 2, 'axis titles');
  for (const title of axes) assert.match(title, /\(.+\)/, `axis title "${title}" states its unit`);
  assert.ok(axes.some((t) => units.test(t)), `an axis title matches ${units}`);
  assert.match(annotationText(spec), /seeds? /, 'caption names the seeds');
}

describe('entropyByLayer', () => {
  const spec = entropyByLayer(entropyRows());

  it('draws one line and one band per method, coloured by method', () => {
    assert.deepEqual(lines(spec).map((t: Trace) => t.name), ['baseline', 'SAOBP mixture']);
    assert.equal(bands(spec).length, 2);
    assert.equal((lines(spec)[0] as Trace).line.color, METHOD_COLOR.baseline);
  });

  it('computes mean ± sample sd over seeds from the last step and the layer means', () => {
    const base = lines(spec)[0] as Trace;
    assert.deepEqual(base.x, [0, 1]);
    assert.ok(Math.abs(base.y[0] - 0.7) < 1e-12 && Math.abs(base.y[1] - 0.35) < 1e-12);
    const band = bands(spec).find((t: Trace) => t.legendgroup === 'baseline') as Trace;
    // Upper edge left to right, then the lower edge right to left.
    const expected = [0.9, 0.45, 0.25, 0.5];
    band.y.forEach((y: number, i: number) => assert.ok(Math.abs(y - expected[i]) < 1e-12, `band[${i}] = ${y}, want ${expected[i]}`));
  });

  it('has axis titles with units, a legend and a caption built from the rows', () => {
    assertFramed(spec, /H \/ log n/);
    assert.match(annotationText(spec), /Moby-Dick LM · size tiny · baseline, SAOBP mixture · seeds 0–2 \(6 runs\)/);
    assert.ok(lines(spec).every((t: Trace) => t.showlegend === true));
  });

  it('fails with one clear error naming the figure', () => {
    assert.throws(() => entropyByLayer([]), /^FigureError: entropyByLayer: no rows given/);
    assert.throws(() => entropyByLayer(entropyRows(), { metric: 'nope' }), /entropyByLayer: no finite rows of metric nope/);
    const twoTasks = [...entropyRows(), row({ task: 'spam-cls', method: 'baseline', seed: 0, metric: 'normalized_entropy', value: 1 })];
    assert.throws(() => entropyByLayer(twoTasks), /several tasks .*pass \{ task \}/);
  });
});

describe('the other specs on demo rows', () => {
  const rows = demoRows();

  it('entropyOverTraining: one line per layer in each method facet', () => {
    const spec = entropyOverTraining(rows, { task: 'moby-lm', size: 'mini' });
    assert.equal(lines(spec).length, 2 * 4);
    assert.deepEqual([...new Set(lines(spec).map((t: Trace) => t.xaxis))], ['x', 'x2']);
    assertFramed(spec, /H \/ log n/);
    assert.match((spec.layout.xaxis as Trace).title.text, /step \(updates\)/);
  });

  it('gtdByLayer: dashed uniform reference from the recorded rows, and the excess over it', () => {
    const spec = gtdByLayer(rows);
    const refs = spec.data.filter((t: Trace) => t.legendgroup === 'reference') as Trace[];
    assert.ok(refs.every((t) => t.line.dash === 'dash'));
    assert.equal(refs.length, 3);
    assert.ok(Math.abs(refs[0].y[0] - 0.355) < 1e-9);
    assertFramed(spec, /TV distance/);
    const excess = gtdByLayer(rows, { excess: true });
    const plain = lines(spec).find((t: Trace) => t.name === 'baseline') as Trace;
    const shifted = lines(excess).find((t: Trace) => t.name === 'baseline') as Trace;
    assert.ok(Math.abs(plain.y[0] - shifted.y[0] - 0.355) < 1e-9);
    assert.throws(() => gtdByLayer(rows, { excess: true, references: { 'moby-lm': 0.3 } }), /excess needs the uniform-attention reference of every task; missing for spam-cls, pointer-chase/);
  });

  it('a method missing from one size is absent there, not an error', () => {
    const spec = entropyByLayer(rows, { task: 'moby-lm' });
    const product = lines(spec).filter((t: Trace) => t.name === 'SAOBP product');
    assert.deepEqual(product.map((t: Trace) => t.xaxis), ['x']);
    assert.equal((lines(spec).find((t: Trace) => t.name === 'SAOBP product') as Trace).line.color, METHOD_COLOR['saobp-product']);
  });

  it('coefficientHeatmap: signed gamma on a diverging scale centred at 0', () => {
    const spec = coefficientHeatmap(rows, { task: 'moby-lm' });
    const coloraxis = spec.layout.coloraxis as Trace;
    assert.equal(coloraxis.cmid, 0);
    assert.equal(coloraxis.cmin, -coloraxis.cmax);
    assert.match(coloraxis.colorbar.title.text, /γ \(coupling/);
    assert.equal((spec.data[0] as Trace).z.length, 2);
    assert.ok(annotationText(spec).includes('SAOBP product'));
  });

  it('metricByHops: reads `<metric>_hops<k>` rows', () => {
    const spec = metricByHops(rows.filter((r) => r.task === 'pointer-chase'), { metric: 'eval_accuracy' });
    assert.deepEqual((lines(spec)[0] as Trace).x, [1, 2, 3]);
    assertFramed(spec, /fraction correct/);
  });

  it('variants, convergence and cost carry their units', () => {
    assertFramed(variantsSideBySide(rows), /TV distance/);
    assertFramed(convergence(rows, { task: 'moby-lm' }), /nats per prediction/);
    const cost = costBySeqLen(rows);
    assertFramed(cost, /ms/);
    assert.match((cost.layout.yaxis2 as Trace).title.text, /MiB/);
    assert.equal(lines(cost).length, 6);
  });

  it('attentionMaps: A and A~ on one colour axis, shape checked', () => {
    const spec = attentionMaps({ attention: [[1, 0], [0.5, 0.5]], refined: [[1, 0], [0.6, 0.4]], source: 'toy' });
    assert.equal(spec.data.length, 2);
    assert.ok(spec.data.every((t: Trace) => t.coloraxis === 'coloraxis'));
    assert.throws(() => attentionMaps({ attention: [[1]], refined: [[1, 0]], source: 'x' }), /attentionMaps: refined must be 1 x 1/);
  });
});

describe('helpers', () => {

  it('seedRange', () => {
    assert.equal(seedRange([2, 0, 1]), '0–2');
    assert.equal(seedRange([0, 3]), '0, 3');
  });
});
