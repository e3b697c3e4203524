import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import {
  batchToTensors, bucketByLength, causalWindows, CLS_ID, createRng, encodeTextPair, MASK_ID, maskForMlm, padBatch, PAD_ID, SEP_ID, shuffledBatches,
  SPECIAL_TOKENS, takeWindows, trainCharTokenizer,
} from '../../lib/data/index.js';

test('createRng: same seed, same stream; values in range', () => {
  const a = createRng(42);
  const b = createRng(42);
  const xs = Array.from({ length: 1000 }, () => a.next());
  assert.deepEqual(xs, Array.from({ length: 1000 }, () => b.next()));
  assert.ok(xs.every((x) => x >= 0 && x < 1));
  assert.ok(Math.abs(xs.reduce((s, x) => s + x, 0) / 1000 - 0.5) < 0.05);
});

test('padBatch: pads, masks, truncates, rounds up', () => {
  const batch = padBatch([[10, 11, 12], [13], [14, 15, 16, 17, 18]], { maxLength: 4 });
  assert.deepEqual(batch.shape, [3, 4]);
  assert.deepEqual([...batch.ids], [10, 11, 12, PAD_ID, 13, PAD_ID, PAD_ID, PAD_ID, 14, 15, 16, 17]);
  assert.deepEqual([...batch.mask], [1, 1, 1, 0, 1, 0, 0, 0, 1, 1, 1, 1]);
  assert.deepEqual([...batch.lengths], [3, 1, 4]);
  assert.deepEqual(padBatch([[1, 2, 3]], { multipleOf: 8 }).shape, [1, 8]);
  assert.throws(() => padBatch([]), /no sequences/);
});

test('maskForMlm: about 15% of real tokens, 80/10/10, specials untouched, deterministic', () => {
  const n = 20000;
  const ids = Int32Array.from({ length: n }, (_, i) => (i % 50 === 0 ? PAD_ID : SPECIAL_TOKENS.length + (i % 90)));
  const out = maskForMlm(ids, { vocabSize: 100, seed: 5 });
  assert.deepEqual(maskForMlm(ids, { vocabSize: 100, seed: 5 }), out);
  let chosen = 0, masked = 0, kept = 0;
  for (let i = 0; i < n; i++) {
    if (ids[i] === PAD_ID) {
      assert.equal(out.weights[i], 0);
      assert.equal(out.inputs[i], PAD_ID);
      continue;
    }
    if (out.weights[i] === 0) {
      assert.equal(out.labels[i], -1);
      assert.equal(out.inputs[i], ids[i]);
      continue;
    }
    chosen++;
    assert.equal(out.labels[i], ids[i]);
    if (out.inputs[i] === MASK_ID) masked++;
    else if (out.inputs[i] === ids[i]) kept++;
    assert.ok(out.inputs[i] === MASK_ID || out.inputs[i] >= SPECIAL_TOKENS.length);
  }
  const real = n - n / 50;
  assert.ok(Math.abs(chosen / real - 0.15) < 0.01, `chosen ${chosen / real}`);
  assert.ok(Math.abs(masked / chosen - 0.8) < 0.03, `masked ${masked / chosen}`);
  assert.ok(Math.abs(kept / chosen - 0.1) < 0.03 + 0.01, `kept ${kept / chosen}`);
});

test('causalWindows: targets are inputs shifted by one; stride; seeded batches', () => {
  const stream = Int32Array.from({ length: 23 }, (_, i) => i);
  const w = causalWindows(stream, 5);
  assert.deepEqual(w.shape, [4, 5]);
  assert.deepEqual([...w.inputs.subarray(5, 10)], [5, 6, 7, 8, 9]);
  assert.deepEqual([...w.targets.subarray(5, 10)], [6, 7, 8, 9, 10]);
  assert.deepEqual(causalWindows(stream, 5, 2).shape, [9, 5]);
  const batches = shuffledBatches(w.shape[0], 3, 1);
  assert.deepEqual(batches, shuffledBatches(4, 3, 1));
  assert.deepEqual(batches.flat().sort(), [0, 1, 2, 3]);
  assert.deepEqual([...takeWindows(w, [2]).targets], [11, 12, 13, 14, 15]);
  assert.throws(() => causalWindows(stream, 30), /too short/);
});

test('bucketByLength: every index once, batches of similar length, deterministic', () => {
  const rng = createRng(3);
  const lengths = Array.from({ length: 1000 }, () => 1 + rng.int(200));
  const batches = bucketByLength(lengths, { batchSize: 16, seed: 9 });
  assert.deepEqual(batches, bucketByLength(lengths, { batchSize: 16, seed: 9 }));
  assert.deepEqual(batches.flat().sort((a, b) => a - b), Array.from({ length: 1000 }, (_, i) => i));
  const spread = (b: number[]): number => Math.max(...b.map((i) => lengths[i])) - Math.min(...b.map((i) => lengths[i]));
  const mean = batches.reduce((s, b) => s + spread(b), 0) / batches.length;
  assert.ok(mean < 20, `mean in-batch length spread ${mean}`);
});

test('encodeTextPair and batchToTensors', async () => {
  const tok = trainCharTokenizer(['abcdef']);
  const pair = encodeTextPair(tok, 'abcd', 'ef', 6);
  // The longer text is trimmed first: 'abcd' gives way until both fit in 6 - 3 specials.
  assert.deepEqual(pair.ids, [CLS_ID, ...tok.encode('a'), SEP_ID, ...tok.encode('ef'), SEP_ID]);
  assert.deepEqual(pair.segments, [0, 0, 0, 1, 1, 1]);
  assert.deepEqual(encodeTextPair(tok, 'ab', undefined, 10).ids, [CLS_ID, ...tok.encode('ab'), SEP_ID]);
  await tf.setBackend('cpu');
  const b = padBatch([pair.ids, [CLS_ID]]);
  const t = batchToTensors({ ids: b.ids, mask: b.mask }, b.shape);
  assert.equal(t.ids.dtype, 'int32');
  assert.equal(t.mask.dtype, 'float32');
  assert.deepEqual(t.ids.shape, [2, 6]);
  tf.dispose([t.ids, t.mask]);
});
