/**
 * `npm run summary [-- --results DIR]`: the results table of a sweep as Markdown (the README's
 * summary), from the run files only. Per task and size: the task metric at the last evaluation,
 * mean ± sd over seeds for each method, the paired difference of SAOBP vs the baseline with
 * its two-sided p (t-test across seeds), and the deepest layer's normalized entropy.
 */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { compareMethods, loadResults, type MethodComparison } from 'saobp';

const { values } = parseArgs({ options: { results: { type: 'string', default: 'data/results/paper' }, help: { type: 'boolean' } } });
if (values.help) {
  console.log('usage: npm run summary -- [--results data/results/<preset>]');
  process.exit(0);
}
// One value per run, metric, layer and head: each run's rows at its last step.
const { runs, finals: rows, sizes } = loadResults(path.resolve(values.results!));
const TASK_METRIC: Record<string, { metric: string; label: string; digits: number }> = {
  'moby-lm': { metric: 'eval_perplexity', label: 'perplexity ↓', digits: 1 },
  'spam-cls': { metric: 'eval_accuracy', label: 'accuracy ↑', digits: 3 },
  'pointer-chase': { metric: 'eval_accuracy', label: 'accuracy ↑', digits: 3 },
};
const fmt = (c: MethodComparison['a'], digits: number) => (c.n === 0 ? '–' : `${c.mean.toFixed(digits)} ± ${c.sd.toFixed(digits)}`);
const pText = (p: number | null) => (p === null ? 'no test' : `p ${p.toFixed(2)}`);
const delta = (c: MethodComparison, digits: number) =>
  c.seeds.length === 0 ? '–' : `${c.test.meanDiff >= 0 ? '+' : ''}${c.test.meanDiff.toFixed(digits)} (${pText(c.test.p)})`;
const methods = new Set(runs.map((r) => r.config.method));

console.log(`| task | size | metric | baseline | saobp-mixture | mixture − baseline | ${methods.has('saobp-product') ? 'saobp-product | product − baseline | ' : ''}deepest-layer norm. entropy: baseline → mixture | seeds |`);
console.log(`|---|---|---|---|---|---|${methods.has('saobp-product') ? '---|---|' : ''}---|---|`);
for (const task of Object.keys(TASK_METRIC)) {
  for (const size of sizes) {
    const here = runs.filter((r) => r.config.task === task && r.config.size === size);
    if (here.length === 0) continue;
    const { metric, label, digits } = TASK_METRIC[task];
    const where = { task, size, metric, layer: null, head: null };
    const mix = compareMethods(rows, where, 'baseline', 'saobp-mixture');
    const product = compareMethods(rows, where, 'baseline', 'saobp-product');
    const deepest = Math.max(...here.flatMap((r) => r.rows.map((x) => x.layer ?? 0)));
    const entropy = compareMethods(rows, { task, size, metric: 'normalized_entropy', layer: deepest, head: null }, 'baseline', 'saobp-mixture');
    const productCells = methods.has('saobp-product') ? `${fmt(product.b, digits)} | ${product.b.n ? delta(product, digits) : '–'} | ` : '';
    console.log(`| ${task} | ${size} | ${label} | ${fmt(mix.a, digits)} | ${fmt(mix.b, digits)} | ${delta(mix, digits)} | ${productCells}${entropy.a.mean.toFixed(3)} → ${entropy.b.mean.toFixed(3)} (${pText(entropy.test.p)}) | ${mix.seeds.length} |`);
  }
}
