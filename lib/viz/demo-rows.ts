/**
 * Synthetic tidy rows shaped like a real sweep (tasks, sizes, methods, seeds,
 * steps, layers, heads, every metric the figures read), deterministic. For the
 * tests and for trying a figure before real results exist; never a result.
 */
import { mulberry32 } from '../random.js';
import { METRIC } from './metrics.js';
import type { VizRow } from './rows.js';


export function demoRows(): VizRow[] {
  const rows: VizRow[] = [];
  const rand = mulberry32(7);
  const noise = (s: number) => (rand() - 0.5) * 2 * s;
  const tasks = ['moby-lm', 'spam-cls', 'pointer-chase'];
  const sizes: Array<[string, number]> = [['tiny', 2], ['mini', 4]];
  const steps = [0, 200, 400, 600, 800, 1000];
  for (const task of tasks) {
    for (const [size, layers] of sizes) {
      const methods = size === 'tiny' ? ['baseline', 'saobp-mixture', 'saobp-product'] : ['baseline', 'saobp-mixture'];
      for (const method of methods) {
        for (const seed of [0, 1, 2]) {
          const run = `${task}.${size}.${method}.seed${seed}`;
          const meta = { run, task, size, method, seed };
          const saobp = method !== 'baseline';
          for (const step of steps) {
            const progress = step / steps[steps.length - 1];
            const loss = 3 * Math.exp(-2 * progress) + 1.2 - (saobp ? 0.08 * progress : 0) + noise(0.04);
            rows.push({ ...meta, step, layer: null, head: null, metric: METRIC.evalLoss, value: loss });
            rows.push({ ...meta, step, layer: null, head: null, metric: METRIC.trainLoss, value: loss - 0.05 + noise(0.03) });
            for (let layer = 0; layer < layers; layer++) {
              const depth = layer / Math.max(1, layers - 1);
              for (let head = 0; head < 4; head++) {
                const collapse = (saobp ? 0.15 : 0.45) * depth * progress;
                const h = Math.min(1, Math.max(0, 0.9 - collapse + noise(0.05)));
                const latent = 0.36 + 0.1 * depth * progress + noise(0.03);
                const obs = (metric: string, value: number) => rows.push({ ...meta, step, layer, head, metric, value });
                obs(METRIC.entropyNorm, h);
                obs(METRIC.entropy, h * Math.log(64));
                obs(METRIC.latentGtd, task === 'spam-cls' ? latent - 0.3 : latent);
                obs(METRIC.latentGtdUniform, task === 'spam-cls' ? 0 : 0.355);
                if (method === 'saobp-mixture') {
                  const lambda = 0.1 + 0.3 * progress * depth + noise(0.05);
                  obs(METRIC.lambda, lambda);
                  obs(METRIC.gtd, lambda * latent);
                }
                if (method === 'saobp-product') {
                  const gamma = progress * (head % 2 === 0 ? -0.4 : 0.6) * (0.5 + depth) + noise(0.05);
                  obs(METRIC.gamma, gamma);
                  obs(METRIC.gtd, Math.abs(gamma) * 0.2);
                }
              }
            }
          }
          if (task === 'pointer-chase') {
            for (let hops = 1; hops <= 3; hops++) {
              const value = 0.95 - (saobp ? 0.1 : 0.18) * (hops - 1) + noise(0.03);
              rows.push({ ...meta, step: 1000, layer: null, head: null, metric: `${METRIC.accuracy}_hops${hops}`, value });
            }
          }
        }
      }
    }
  }
  for (const method of ['baseline', 'saobp-mixture', 'saobp-product']) {
    for (const seed of [0, 1, 2]) {
      for (const seqLen of [64, 128, 256]) {
        const meta = { run: `bench.${method}.${seqLen}.rep${seed}`, task: 'moby-lm', size: 'tiny', method, seed, step: 0, layer: null, head: null };
        const factor = method === 'saobp-product' ? 1.6 : method === 'saobp-mixture' ? 1.15 : 1;
        rows.push({ ...meta, metric: METRIC.stepMs, value: factor * 0.002 * seqLen ** 1.6 + noise(2), seqLen });
        rows.push({ ...meta, metric: METRIC.memoryMiB, value: 40 + factor * 0.004 * seqLen ** 2 + noise(1), seqLen });
      }
    }
  }
  return rows;
}
