/**
 * The TS encoder and decoder against an independent PyTorch port (float64) from identical
 * weights: logits, loss and every parameter gradient within 1e-4. Fixtures are made by
 * test/fixtures/make_model_fixtures.py and committed; this test needs no PyTorch.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../lib/backend.js';
import { Decoder, Encoder, classificationLoss, lmLoss, mlmLoss, type ModelConfig } from '../lib/model/index.js';

interface Stored { shape: number[]; data: number[] }
interface Fixture {
  config: ModelConfig;
  ids: number[][];
  padding: number[][];
  labels?: number[];
  mlmLabels?: number[][];
  weights: Record<string, Stored>;
  outputs: Record<string, Stored>;
  loss: number;
  grads: Record<string, Stored>;
}

const TOLERANCE = 1e-4;

function load(name: string): Fixture {
  return JSON.parse(readFileSync(new URL(`./fixtures/model_${name}.json`, import.meta.url), 'utf8')) as Fixture;
}

function assertClose(actual: ArrayLike<number>, expected: Stored, what: string): void {
  assert.equal(actual.length, expected.data.length, `${what}: size`);
  let worst = 0;
  for (let i = 0; i < actual.length; i++) worst = Math.max(worst, Math.abs(actual[i] - expected.data[i]));
  assert.ok(worst <= TOLERANCE, `${what}: max |diff| ${worst.toExponential(2)} > ${TOLERANCE}`);
}

/** Loads the fixture into a model, runs the fixture's loss, compares outputs, loss and gradients. */
function check(name: string): void {
  const fx = load(name);
  const model = fx.config.kind === 'decoder' ? new Decoder(fx.config) : new Encoder(fx.config);
  const weights = Object.fromEntries(Object.entries(fx.weights).map(([k, v]) => [k, v.data]));
  model.setWeights(weights);
  const ids = tf.tensor2d(fx.ids, undefined, 'int32');
  const padding = tf.tensor2d(fx.padding);
  const input = { ids, padding };
  const outputs: Record<string, Float32Array> = {};
  const lossFn = (): tf.Scalar => {
    if (model instanceof Decoder) {
      const { logits } = model.forward(input);
      outputs.logits = logits.dataSync() as Float32Array;
      return lmLoss(logits, ids, padding);
    }
    const enc = model as Encoder;
    const { logits } = enc.forward(input);
    const { logits: mlmLogits } = enc.forwardMlm(input);
    outputs.logits = logits.dataSync() as Float32Array;
    outputs.mlmLogits = mlmLogits.dataSync() as Float32Array;
    return tf.add(
      classificationLoss(logits as tf.Tensor2D, tf.tensor1d(fx.labels!, 'int32')),
      mlmLoss(mlmLogits, tf.tensor2d(fx.mlmLabels!, undefined, 'int32')),
    ) as tf.Scalar;
  };
  const params = model.params();
  const { value, grads } = tf.variableGrads(lossFn, params.map((p) => p.variable));
  for (const [key, expected] of Object.entries(fx.outputs)) assertClose(outputs[key], expected, `${name} ${key}`);
  assert.ok(Math.abs(value.dataSync()[0] - fx.loss) <= TOLERANCE, `${name} loss ${value.dataSync()[0]} vs ${fx.loss}`);
  assert.deepEqual(params.map((p) => p.name).sort(), Object.keys(fx.grads).sort(), `${name}: parameter names`);
  for (const p of params) assertClose(grads[p.variable.name].dataSync(), fx.grads[p.name], `${name} grad ${p.name}`);
  tf.dispose([value, ids, padding, ...Object.values(grads)]);
  model.dispose();
}

for (const backend of ['wasm', 'cpu']) {
  for (const name of ['encoder', 'encoder_mixture', 'decoder', 'decoder_mixture', 'decoder_product']) {
    test(`${name} matches the PyTorch reference on ${backend} (logits, loss, gradients)`, async () => {
      await initBackend(backend);
      check(name);
    });
  }
}

test('the SAOBP fixtures exercise lambda/gamma away from init, gamma of both signs', () => {
  const gammas = ['decoder_product'].flatMap((n) =>
    Object.entries(load(n).weights).filter(([k]) => k.endsWith('.theta')).flatMap(([, v]) => v.data.map(Math.expm1)),
  );
  assert.ok(gammas.some((g) => g < -0.3) && gammas.some((g) => g > 0.3), `gammas ${gammas}`);
  const lambdas = Object.entries(load('decoder_mixture').weights)
    .filter(([k]) => k.endsWith('.theta'))
    .flatMap(([, v]) => v.data.map((t) => 1 / (1 + Math.exp(-t))));
  assert.ok(lambdas.every((l) => Math.abs(l - 0.1) > 0.01), `lambdas ${lambdas}`);
});
