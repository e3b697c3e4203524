/** lib/model: interface, cache, causality, memory, seeding, config errors, losses. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../lib/backend.js';
import {
  Decoder,
  Encoder,
  SIZE_PRESETS,
  classificationLoss,
  lmLoss,
  mlmLoss,
  parameterCount,
  resolveModelConfig,
  type ModelConfig,
  type SaobpOption,
} from '../lib/model/index.js';

await initBackend('wasm');

const SMALL = { vocabSize: 11, layers: 2, width: 8, heads: 2, maxLen: 9 } as const;
const VARIANTS: (false | SaobpOption)[] = [false, { variant: 'mixture' }, { variant: 'product' }];
const label = (s: false | SaobpOption) => (s === false ? 'baseline' : s.variant);

/** assert.ok without a message makes Node re-parse the (one-line, transpiled) source: always pass one. */
function near(actual: number, expected: number, tol: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} vs ${expected}`);
}

function randomIds(b: number, t: number, vocab: number, seed: number): tf.Tensor2D {
  return tf.randomUniform([b, t], 0, vocab, 'int32', seed) as tf.Tensor2D;
}

for (const saobp of VARIANTS) {
  test(`${label(saobp)}: a training step (value-and-grad + apply) leaves numTensors unchanged`, () => {
    const model = new Decoder({ ...SMALL, saobp, dropout: 0.1 });
    const ids = randomIds(2, 6, SMALL.vocabSize, 1);
    const optimizer: tf.Optimizer = tf.train.adam(1e-3);
    const vars = model.params().map((p) => p.variable);
    const step = (seed: number) => {
      const { value, grads } = tf.variableGrads(() => lmLoss(model.forward({ ids }, { training: true, dropoutSeed: seed }).logits, ids), vars);
      optimizer.applyGradients(grads);
      tf.dispose([value, ...Object.values(grads)]);
    };
    step(0); // Adam creates its moment slots on the first step.
    const before = tf.memory().numTensors;
    step(1);
    step(2);
    assert.equal(tf.memory().numTensors, before);
    optimizer.dispose();
    ids.dispose();
    model.dispose();
  });

  test(`${label(saobp)}: decoder logits at t do not depend on tokens after t`, () => {
    const model = new Decoder({ ...SMALL, saobp });
    const a = [[1, 2, 3, 4, 5, 6, 7]];
    const b = [[1, 2, 3, 9, 0, 10, 8]];
    const [la, lb] = [a, b].map((ids) => model.forward({ ids: tf.tensor2d(ids, undefined, 'int32') }).logits.arraySync() as number[][][]);
    for (let t = 0; t < 3; t++) la[0][t].forEach((v, i) => assert.ok(Math.abs(v - lb[0][t][i]) < 1e-6, `t=${t}`));
    assert.ok(la[0][3].some((v, i) => Math.abs(v - lb[0][3][i]) > 1e-4), 'position 3 sees its own token');
    model.dispose();
  });
}

test('cache: absent unless asked; keys, shapes and coefficients per layer; same logits', () => {
  const model = new Decoder({ ...SMALL, layers: 3, saobp: { variant: 'mixture', layers: [0, 2] } });
  const ids = randomIds(2, 5, SMALL.vocabSize, 3);
  const plain = model.forward({ ids });
  assert.equal(plain.cache, undefined);
  const before = tf.memory().numTensors;
  const withCache = model.forward({ ids }, { cache: true });
  // The call keeps exactly what it returns: logits + 7 cache entries.
  assert.equal(tf.memory().numTensors - before, 8);
  const cache = withCache.cache!;
  assert.deepEqual(Object.keys(cache).sort(), [
    'blocks.0.attn.coef', 'blocks.0.attn.pattern', 'blocks.0.attn.refined',
    'blocks.1.attn.pattern',
    'blocks.2.attn.coef', 'blocks.2.attn.pattern', 'blocks.2.attn.refined',
  ]);
  assert.deepEqual(cache['blocks.1.attn.pattern'].shape, [2, 2, 5, 5]);
  assert.deepEqual(cache['blocks.2.attn.refined'].shape, [2, 2, 5, 5]);
  assert.deepEqual(cache['blocks.0.attn.coef'].shape, [2]);
  for (const v of cache['blocks.0.attn.coef'].dataSync()) assert.ok(Math.abs(v - 0.1) < 1e-6, 'lambda starts at 0.1');
  const rowSums = tf.sum(cache['blocks.2.attn.refined'], -1).dataSync();
  for (const s of rowSums) near(s, 1, 1e-5, 'refined row sum');
  const upper = (cache['blocks.2.attn.refined'].arraySync() as number[][][][])[0][0];
  assert.equal(upper[1][3], 0, 'refined map stays causal');
  const diff = tf.max(tf.abs(tf.sub(plain.logits, withCache.logits))).dataSync()[0];
  near(diff, 0, 1e-5, 'logits with and without cache');
  tf.dispose([plain.logits, withCache.logits, ...Object.values(cache), ids]);
  model.dispose();
});

test('product: gamma starts at 0, so the refined map equals the pattern', () => {
  const model = new Encoder({ ...SMALL, saobp: { variant: 'product' } });
  const ids = randomIds(2, 5, SMALL.vocabSize, 4);
  const padding = tf.tensor2d([[1, 1, 1, 1, 1], [1, 1, 1, 0, 0]]) as tf.Tensor2D;
  const { logits, cache } = model.forward({ ids, padding }, { cache: true });
  assert.deepEqual(Array.from(cache!['blocks.1.attn.coef'].dataSync()), [0, 0]);
  const diff = tf.max(tf.abs(tf.sub(cache!['blocks.1.attn.refined'], cache!['blocks.1.attn.pattern']))).dataSync()[0];
  near(diff, 0, 1e-6, 'refined vs pattern at gamma 0');
  assert.equal((cache!['blocks.0.attn.pattern'].arraySync() as number[][][][])[1][0][2][4], 0, 'padded key gets no attention');
  tf.dispose([logits, ids, padding, ...Object.values(cache!)]);
  model.dispose();
});

test('encoder: padded tokens do not change the classification logits; MLM logits are [B, T, V]', () => {
  const model = new Encoder({ ...SMALL, numClasses: 3, saobp: { variant: 'mixture' } });
  const padding = tf.tensor2d([[1, 1, 1, 0, 0]]) as tf.Tensor2D;
  const run = (ids: number[][]) => model.forward({ ids: tf.tensor2d(ids, undefined, 'int32'), padding }).logits.dataSync();
  const a = run([[1, 2, 3, 4, 5]]);
  const b = run([[1, 2, 3, 9, 0]]);
  assert.equal(a.length, 3);
  a.forEach((v, i) => near(v, b[i], 1e-6, `logit ${i}`));
  assert.deepEqual(model.forwardMlm({ ids: tf.tensor2d([[1, 2, 3, 4, 5]], undefined, 'int32') }).logits.shape, [1, 5, SMALL.vocabSize]);
  model.dispose();
});

test('params: stable names, decay flags, count = parameterCount; same seed -> same weights', () => {
  const config: ModelConfig = { kind: 'decoder', ...SMALL, saobp: { variant: 'product', layers: [1] }, tieEmbeddings: false, seed: 7 };
  const a = new Decoder(config);
  const names = a.params().map((p) => p.name);
  for (const n of ['blocks.0.attn.qkv.weight', 'blocks.1.attn.theta', 'lm_head.weight']) assert.ok(names.includes(n), n);
  assert.ok(!names.includes('blocks.0.attn.theta'), 'theta only on SAOBP layers');
  for (const p of a.params()) {
    const noDecay = p.name.endsWith('.bias') || /\.ln\w*\./.test(p.name) || p.name.startsWith('ln_final') || p.name.endsWith('.theta');
    assert.equal(p.decay, !noDecay, p.name);
  }
  assert.equal(a.params().reduce((n, p) => n + p.variable.size, 0), parameterCount(config));
  const b = new Decoder(config);
  const c = new Decoder({ ...config, seed: 8 });
  const [wa, wb, wc] = [a, b, c].map((m) => m.getWeights());
  assert.deepEqual(wa, wb);
  assert.notDeepEqual(wa['blocks.0.attn.qkv.weight'], wc['blocks.0.attn.qkv.weight']);
  c.setWeights(wa);
  assert.deepEqual(c.getWeights(), wa);
  const { 'lm_head.weight': _dropped, ...missing } = wa;
  assert.throws(() => c.setWeights(missing), /setWeights: missing 'lm_head.weight'/);
  assert.throws(() => c.setWeights({ ...wa, 'ln_final.bias': new Float32Array(3) }), /'ln_final.bias' has 3 values, expected 8/);
  [a, b, c].forEach((m) => m.dispose());
});

test('size presets have the documented shapes and parameter counts (vocab 256, maxLen 128)', () => {
  assert.deepEqual(SIZE_PRESETS.tiny, { layers: 2, width: 64, heads: 2 });
  assert.deepEqual(SIZE_PRESETS.mini, { layers: 4, width: 128, heads: 4 });
  assert.deepEqual(SIZE_PRESETS.small, { layers: 4, width: 256, heads: 4 });
  const count = (kind: 'encoder' | 'decoder', size: 'tiny' | 'mini' | 'small' | 'medium') => parameterCount({ kind, size, vocabSize: 256 });
  // The table in lib/model/README.md.
  assert.deepEqual(
    ['tiny', 'mini', 'small', 'medium'].map((s) => [count('decoder', s as 'tiny'), count('encoder', s as 'tiny')]),
    [[124_672, 133_506], [842_496, 876_290], [3_257_856, 3_390_722], [6_416_896, 6_549_762]],
  );
  assert.equal(parameterCount({ kind: 'decoder', size: 'mini', vocabSize: 256, saobp: { variant: 'mixture' } }), 842_496 + 4 * 4);
});

test('bad config values throw one clear error naming the field', () => {
  const base = { kind: 'decoder', vocabSize: 11, layers: 2, width: 8, heads: 2 } as ModelConfig;
  const cases: [Partial<ModelConfig> | Record<string, unknown>, RegExp][] = [
    [{ width: 10, heads: 3 }, /model config 'heads': width 10 is not divisible by heads 3/],
    [{ size: 'huge' }, /model config 'size': unknown value "huge"; valid: tiny, mini, small, medium/],
    [{ saobp: { variant: 'sum' } }, /model config 'saobp.variant': unknown value "sum"; valid: mixture, product/],
    [{ saobp: { variant: 'mixture', layers: [0, 2] } }, /model config 'saobp.layers': layer 2 is out of range \[0, 1\]/],
    [{ layers: 0 }, /model config 'layers': must be a positive integer, got 0/],
    [{ vocabSize: undefined }, /model config 'vocabSize': must be a positive integer/],
    [{ dropout: 1 }, /model config 'dropout': must be in \[0, 1\)/],
  ];
  for (const [patch, pattern] of cases) {
    assert.throws(() => new Decoder({ ...base, ...patch } as ModelConfig), pattern);
  }
  assert.throws(() => new Encoder({ vocabSize: 11, heads: 2 } as ModelConfig), /model config 'layers': missing: give it or a size preset/);
  assert.throws(() => resolveModelConfig({ ...base, kind: 'seq2seq' } as unknown as ModelConfig), /model config 'kind': unknown value "seq2seq"; valid: encoder, decoder/);
  assert.throws(() => new Decoder({ ...base, kind: 'encoder' }), /model config 'kind': 'encoder' given to the decoder class/);
});

test('bad inputs throw before any work', () => {
  const model = new Decoder({ ...SMALL });
  assert.throws(() => model.forward({ ids: tf.zeros([1, 10], 'int32') as tf.Tensor2D }), /sequence length 10 exceeds maxLen 9/);
  assert.throws(() => model.forward({ ids: tf.fill([1, 3], 11, 'int32') as tf.Tensor2D }), /token ids must lie in \[0, 10\]; got range \[11, 11\]/);
  assert.throws(() => model.forward({ ids: tf.zeros([1, 3]) as tf.Tensor2D }), /ids must be int32; got float32/);
  model.dispose();
});

test('dropout: off in eval, reproducible with a seed, different across seeds', () => {
  const model = new Decoder({ ...SMALL, dropout: 0.3 });
  const ids = randomIds(1, 6, SMALL.vocabSize, 5);
  const run = (opts: object) => model.forward({ ids }, opts).logits.dataSync();
  assert.deepEqual(run({}), run({ training: false, dropoutSeed: 3 }));
  assert.deepEqual(run({ training: true, dropoutSeed: 3 }), run({ training: true, dropoutSeed: 3 }));
  assert.notDeepEqual(run({ training: true, dropoutSeed: 3 }), run({ training: true, dropoutSeed: 4 }));
  assert.notDeepEqual(run({}), run({ training: true, dropoutSeed: 3 }));
  model.dispose();
});

test('losses: padding and -100 labels are ignored; values match hand computation', () => {
  const logits = tf.tensor3d([[[0, 0], [1, 0], [50, -50]]]); // [1, 3, 2]
  const ids = tf.tensor2d([[0, 1, 0]], undefined, 'int32');
  // Only the pair (t=0 -> id 1) counts when the last token is padding: -log softmax([0, 0])[1] = log 2.
  near(lmLoss(logits, ids, tf.tensor2d([[1, 1, 0]])).dataSync()[0], Math.log(2), 1e-6, 'lmLoss with padding');
  const both = (Math.log(2) + Math.log(1 + Math.exp(-1))) / 2; // second pair: -log softmax([1, 0])[0]
  near(lmLoss(logits, ids).dataSync()[0], both, 1e-6, 'lmLoss');
  const mlm = mlmLoss(logits, tf.tensor2d([[-100, 0, -100]], undefined, 'int32')).dataSync()[0];
  near(mlm, Math.log(1 + Math.exp(-1)), 1e-6, 'mlmLoss');
  assert.equal(mlmLoss(logits, tf.tensor2d([[-100, -100, -100]], undefined, 'int32')).dataSync()[0], 0);
  const cls = classificationLoss(tf.tensor2d([[0, 0], [2, 0]]), tf.tensor1d([1, 0], 'int32')).dataSync()[0];
  near(cls, (Math.log(2) + Math.log(1 + Math.exp(-2))) / 2, 1e-6, 'classificationLoss');
});
