/**
 * Child process of test/wasm-threads.test.ts: two training steps of a small decoder on the
 * wasm backend with the thread count of SAOBP_THREADS; prints one JSON line with the
 * thread count in use, whether the SIMD module loaded, the losses and a checksum of every parameter.
 */
import * as tf from '@tensorflow/tfjs-core';
import { AdamW, Decoder, initBackend, lmLoss, simdFailure, wasmThreads } from 'saobp';

await initBackend('wasm');
const model = new Decoder({ size: 'tiny', vocabSize: 50, maxLen: 32, saobp: { variant: 'mixture' } });
const opt = new AdamW(model.params());
const ids = tf.randomUniform([4, 32], 0, 50, 'int32', 7) as tf.Tensor2D;
const losses: number[] = [];
for (let step = 0; step < 2; step++) {
  const vars = model.params().map((p) => p.variable);
  const { value, grads } = tf.variableGrads(() => lmLoss(model.forward({ ids }, { training: false }).logits, ids), vars);
  opt.apply(Object.fromEntries(model.params().map((p) => [p.name, grads[p.variable.name]])), 1e-2);
  losses.push(value.dataSync()[0]);
  tf.dispose([value, ...Object.values(grads)]);
}
const checksum = model.params().map((p) => Array.from(p.variable.dataSync()).reduce((s, x, i) => s + x * ((i % 7) + 1), 0));
console.log(JSON.stringify({ threads: wasmThreads(), simd: simdFailure() ?? 'loaded', gelu: tf.getKernel('SaobpGelu', 'wasm') !== undefined, losses, checksum }));
