/**
 * Where a training step's time goes, per kernel: every wasm kernel is wrapped with a timer
 * (wasm kernels run synchronously, so wall time per call is exact), then one mini-decoder
 * training step (forward, backward, AdamW) runs per method and the kernels are ranked.
 * Usage: npx tsx bench/profile.ts [--seq 128] [--methods baseline,saobp-mixture,saobp-product] [--top 15]
 */
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../lib/backend.js';
import { Decoder, lmLoss, type SaobpOption } from '../lib/model/index.js';
import { AdamW } from '../lib/train/adamw.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : process.argv[i + 1];
};
const T = Number(arg('seq', '128'));
const TOP = Number(arg('top', '15'));
const METHODS = arg('methods', 'baseline,saobp-mixture,saobp-product').split(',');
const [B, V] = [16, 256];

await initBackend(process.env.SAOBP_BACKEND ?? 'wasm');
type Entry = { ms: number; calls: number };
let phase = 'forward';
let stats = new Map<string, Entry>();
// Nested calls (a kernel calling another through the registry) are charged to the outer one only.
let depth = 0;
for (const config of tf.getKernelsForBackend(tf.getBackend())) {
  const inner = config.kernelFunc;
  tf.unregisterKernel(config.kernelName, config.backendName);
  tf.registerKernel({
    ...config,
    kernelFunc: (args) => {
      if (depth > 0) return inner(args);
      depth++;
      const t0 = performance.now();
      try {
        return inner(args);
      } finally {
        depth--;
        const shape = Object.values(args.inputs).map((t) => `[${(t as tf.TensorInfo).shape}]`).join('x');
        const key = `${phase}\t${config.kernelName}\t${shape}`;
        const e = stats.get(key) ?? { ms: 0, calls: 0 };
        e.ms += performance.now() - t0;
        e.calls++;
        stats.set(key, e);
      }
    },
  });
}

const METHOD_OPTS: Record<string, false | SaobpOption> = {
  baseline: false,
  'saobp-mixture': { variant: 'mixture' },
  'saobp-product': { variant: 'product' },
};
const ids = tf.randomUniform([B, T], 0, V, 'int32', 1) as tf.Tensor2D;

function step(model: Decoder, opt: AdamW): void {
  const vars = model.params().map((p) => p.variable);
  phase = 'forward';
  const { value, grads } = tf.variableGrads(() => {
    const loss = lmLoss(model.forward({ ids }, { training: true, dropoutSeed: 0 }).logits, ids);
    phase = 'backward';
    return loss;
  }, vars);
  phase = 'optimizer';
  const named = Object.fromEntries(model.params().map((p) => [p.name, grads[p.variable.name]]));
  opt.apply(named, 1e-3);
  value.dataSync();
  tf.dispose([value, ...Object.values(grads)]);
}

for (const method of METHODS) {
  const model = new Decoder({ size: 'mini', vocabSize: V, maxLen: T, saobp: METHOD_OPTS[method] });
  const opt = new AdamW(model.params(), { weightDecay: 0 });
  step(model, opt);
  stats = new Map();
  const t0 = performance.now();
  step(model, opt);
  const wall = performance.now() - t0;
  const rows = [...stats].map(([key, e]) => ({ key, ...e })).sort((a, b) => b.ms - a.ms);
  const total = rows.reduce((s, r) => s + r.ms, 0);
  const byPhase = new Map<string, number>();
  const byKernel = new Map<string, number>();
  for (const r of rows) {
    const [p, k] = r.key.split('\t');
    byPhase.set(p, (byPhase.get(p) ?? 0) + r.ms);
    byKernel.set(k, (byKernel.get(k) ?? 0) + r.ms);
  }
  console.log(`\n== ${method} T=${T}: step ${wall.toFixed(0)} ms, in kernels ${total.toFixed(0)} ms; ` +
    [...byPhase].map(([p, ms]) => `${p} ${ms.toFixed(0)}`).join(', '));
  console.log('by kernel: ' + [...byKernel].sort((a, b) => b[1] - a[1]).slice(0, TOP).map(([k, ms]) => `${k} ${ms.toFixed(0)}`).join(', '));
  for (const r of rows.slice(0, TOP)) console.log(`${r.ms.toFixed(1).padStart(8)} ms ${String(r.calls).padStart(4)}x  ${r.key.replace(/\t/g, '  ')}`);
  opt.dispose();
  model.dispose();
}
