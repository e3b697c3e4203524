/**
 * Forward and forward+backward time of one mini-size decoder batch (B=16, T=128, vocab 256)
 * on the chosen backend: baseline vs saobp-mixture vs saobp-product. Median of the timed
 * repeats after warm-up. Usage: npx tsx bench/model-step.ts [--repeats 5] [--warmup 2]
 */
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../lib/backend.js';
import { Decoder, lmLoss, type SaobpOption } from '../lib/model/index.js';

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : Number(process.argv[i + 1]);
}

const REPEATS = flag('repeats', 5);
const WARMUP = flag('warmup', 2);
const [B, T, V] = [16, 128, 256];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Milliseconds of `f` (which must sync on its result), median over REPEATS after WARMUP runs. */
function time(f: () => void): number {
  for (let i = 0; i < WARMUP; i++) f();
  const ms: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const t0 = performance.now();
    f();
    ms.push(performance.now() - t0);
  }
  return median(ms);
}

const backend = await initBackend();
const ids = tf.randomUniform([B, T], 0, V, 'int32', 1) as tf.Tensor2D;
const methods: [string, false | SaobpOption][] = [
  ['baseline', false],
  ['saobp-mixture', { variant: 'mixture' }],
  ['saobp-product', { variant: 'product' }],
];
const rows: { method: string; forwardMs: number; forwardBackwardMs: number }[] = [];
for (const [method, saobp] of methods) {
  const model = new Decoder({ size: 'mini', vocabSize: V, maxLen: T, saobp });
  const vars = model.params().map((p) => p.variable);
  const forwardMs = time(() => tf.tidy(() => void lmLoss(model.forward({ ids }, { training: true, dropoutSeed: 0 }).logits, ids).dataSync()));
  const forwardBackwardMs = time(() => {
    const { value, grads } = tf.variableGrads(() => lmLoss(model.forward({ ids }, { training: true, dropoutSeed: 0 }).logits, ids), vars);
    value.dataSync();
    tf.dispose([value, ...Object.values(grads)]);
  });
  rows.push({ method, forwardMs, forwardBackwardMs });
  model.dispose();
}
const base = rows[0];
console.log(`decoder mini (L4-D128-H4-FF512), B=${B} T=${T} vocab ${V}, backend ${backend}, median of ${REPEATS} after ${WARMUP} warm-up`);
for (const r of rows) {
  console.log(
    `${r.method.padEnd(14)} forward ${r.forwardMs.toFixed(0).padStart(6)} ms (x${(r.forwardMs / base.forwardMs).toFixed(2)})` +
      `   forward+backward ${r.forwardBackwardMs.toFixed(0).padStart(6)} ms (x${(r.forwardBackwardMs / base.forwardBackwardMs).toFixed(2)})`,
  );
}
console.log(JSON.stringify({ backend, B, T, V, rows }));
