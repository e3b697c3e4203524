/**
 * `npm run figures`: every figure of the analyses, regenerated from results files
 * only (never from memory), as PNG, SVG and interactive HTML in one Chromium session.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import {
  FigureError, METRIC, activePreset, loadResults, coefficientHeatmap, convergence, costBySeqLen, entropyByLayer, entropyOverTraining,
  gtdByLayer, metricByHops, variantsSideBySide, withRenderer, writeFigure, type FigureSpec, type VizRow,
} from 'saobp';

const HELP = `Usage: npm run figures -- [--results DIR] [--out DIR] [--cost FILE]

Regenerates every figure (PNG, SVG, HTML) from the run files in the results directory.
  --results DIR   a sweep's results directory, named after its preset; default data/results/<SAOBP_PRESET or paper>
  --out DIR       where figures go; default figures/ for paper, figures/<preset>/ otherwise
  --cost FILE     the benchmark's cost rows (npm run bench); default data/results/bench/cost.json
  --help          this text`;

const DEFAULT_COST = path.join('data', 'results', 'bench', 'cost.json');

/** The benchmark's step time and memory rows, when it has been run (the cost figure). */
function readCostRows(file: string, explicit: boolean): VizRow[] {
  if (!fs.existsSync(file)) {
    if (explicit) throw new Error(`cost file ${file} not found; run npm run bench first`);
    return [];
  }
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { rows?: unknown };
  if (!Array.isArray(parsed.rows)) throw new Error(`${file} has no 'rows' array; it is not the benchmark's cost file`);
  return parsed.rows as VizRow[];
}

const tasksOf = (rows: readonly VizRow[]) => [...new Set(rows.map((r) => r.task))].sort();

/** Every figure by file name; a builder throws FigureError when its rows are missing, and that figure is skipped. */
function figureList(rows: VizRow[], costRows: VizRow[]): Array<[string, () => FigureSpec]> {
  const list: Array<[string, () => FigureSpec]> = [];
  for (const task of tasksOf(rows)) {
    list.push(
      [`entropy-by-layer.${task}`, () => entropyByLayer(rows, { task })],
      [`entropy-over-training.${task}`, () => entropyOverTraining(rows, { task })],
      [`convergence.${task}`, () => convergence(rows, { task })],
      [`lambda.${task}`, () => coefficientHeatmap(rows, { task, metric: METRIC.lambda })],
      [`gamma.${task}`, () => coefficientHeatmap(rows, { task, metric: METRIC.gamma })],
    );
  }
  const pointer = rows.filter((r) => r.task === 'pointer-chase');
  list.push(
    ['latent-gtd-by-layer', () => gtdByLayer(rows)],
    ['latent-gtd-excess-by-layer', () => gtdByLayer(rows, { excess: true })],
    ['gtd-by-layer', () => gtdByLayer(rows, { metric: METRIC.gtd, references: {} })],
    ['accuracy-by-hops', () => metricByHops(pointer, { metric: METRIC.accuracy })],
    ['latent-gtd-by-hops', () => metricByHops(pointer)],
    ['variants', () => variantsSideBySide(rows)],
    ['cost', () => costBySeqLen(costRows)],
  );
  return list;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { results: { type: 'string' }, out: { type: 'string' }, cost: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const started = Date.now();
  const preset = activePreset('paper');
  const resultsDir = values.results ?? path.join('data', 'results', preset);
  const outDir = values.out ?? (preset === 'paper' ? 'figures' : path.join('figures', preset));
  const { rows } = loadResults(path.resolve(resultsDir));
  const costRows = readCostRows(values.cost ?? DEFAULT_COST, values.cost !== undefined);
  const specs: Array<[string, FigureSpec]> = [];
  const skipped: string[] = [];
  for (const [name, build] of figureList(rows, costRows)) {
    try {
      specs.push([name, build()]);
    } catch (error) {
      if (!(error instanceof FigureError)) throw error;
      skipped.push(`${name} (${error.message})`);
    }
  }
  fs.mkdirSync(outDir, { recursive: true });
  await withRenderer(async (renderer) => {
    for (const [name, spec] of specs) {
      await writeFigure(renderer, spec, outDir, name);
      console.log(`figures: ${path.join(outDir, name)}.{png,svg,html}`);
    }
  });
  for (const line of skipped) console.log(`figures: skipped ${line}`);
  console.log(`figures: ${specs.length} written, ${skipped.length} skipped, from ${rows.length} rows in ${resultsDir}, in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error: Error) => {
  console.error(`figures: ${error.message}`);
  process.exit(1);
});
