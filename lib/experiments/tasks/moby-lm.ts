/**
 * Language modelling on a real corpus: Moby-Dick, split by chapter (lib/data), BPE
 * tokens (2048, trained on the training chapters), windows of seqLen tokens.
 * Training windows start anywhere (seeded per step); held out: windows evenly
 * spread over the validation chapters. Reports loss, perplexity and next-token
 * accuracy; attention tracked on the first probeSize held-out windows.
 */
import * as tf from '@tensorflow/tfjs-core';
import { causalWindows, takeWindows, type CausalWindows } from '../../data/batching/causal.js';
import { loadMobyDick } from '../../data/corpora/moby-dick.js';
import { EOS_ID } from '../../data/tokenizer/specials.js';
import { corpusTokenizer } from '../../data/tokenizer/for-corpus.js';
import { tokenCrossEntropy } from '../../model/losses.js';
import { causalMask } from '../../saobp/masks.js';
import { trackAttention } from '../../train/tracking.js';
import type { Observation, StepContext } from '../../train/types.js';
import type { RunConfig } from '../config.js';
import type { TaskSetup } from '../task.js';
import { buildDecoder, coefficientOf, sampleIndices, spread } from './common.js';

const VOCAB = 2048;

const cache = new Map<number, { vocabSize: number; train: CausalWindows; validation: CausalWindows }>();

function load(seqLen: number) {
  const hit = cache.get(seqLen);
  if (hit) return hit;
  const corpus = loadMobyDick();
  const tokenizer = corpusTokenizer('moby-dick', { kind: 'bpe', vocabSize: VOCAB });
  const stream = (docs: { text: string }[]) => docs.flatMap((d) => [...tokenizer.encode(d.text), EOS_ID]);
  // Stride 1 for training: every token offset is a window start, as in nanoGPT's random crops.
  const data = { vocabSize: tokenizer.vocabSize, train: causalWindows(stream(corpus.train), seqLen, 1), validation: causalWindows(stream(corpus.validation), seqLen) };
  cache.set(seqLen, data);
  return data;
}

export function mobyLmTask(config: RunConfig): TaskSetup {
  const { vocabSize, train, validation } = load(config.seqLen);
  const model = buildDecoder(config, vocabSize);
  const heldOut = takeWindows(validation, spread(config.evalSize, validation.shape[0]));
  const T = config.seqLen;

  /** Mean cross-entropy and correct-prediction count of a window batch. */
  const score = (w: CausalWindows, options: { training?: boolean; dropoutSeed?: number }) => {
    const [B] = w.shape;
    const { logits } = model.forward({ ids: tf.tensor2d(w.inputs, w.shape, 'int32') }, options);
    const flat = tf.reshape(logits, [B * T, vocabSize]) as tf.Tensor2D;
    const targets = tf.tensor1d(w.targets, 'int32');
    return { loss: tokenCrossEntropy(flat, targets), correct: tf.sum(tf.cast(tf.equal(tf.argMax(flat, -1), targets), 'float32')) };
  };

  const evaluate = (): Observation[] => {
    const count = heldOut.shape[0];
    let lossSum = 0;
    let correct = 0;
    for (let from = 0; from < count; from += config.probeSize) {
      const rows = Array.from({ length: Math.min(config.probeSize, count - from) }, (_, i) => from + i);
      const [l, c] = tf.tidy(() => {
        const s = score(takeWindows(heldOut, rows), {});
        return [s.loss.dataSync()[0], s.correct.dataSync()[0]];
      });
      lossSum += l * rows.length * T;
      correct += c;
    }
    const loss = lossSum / (count * T);
    return [
      { layer: null, head: null, metric: 'eval_loss', value: loss },
      { layer: null, head: null, metric: 'eval_perplexity', value: Math.exp(loss) },
      { layer: null, head: null, metric: 'eval_accuracy', value: correct / (count * T) },
      ...probeAttention(),
    ];
  };

  const probeAttention = (): Observation[] => {
    const probe = takeWindows(heldOut, spread(config.probeSize, config.probeSize));
    const ids = tf.tensor2d(probe.inputs, probe.shape, 'int32');
    const { logits, cache: attention } = model.forward({ ids }, { cache: true });
    const mask = causalMask(T);
    try {
      return trackAttention(attention!, { layers: model.config.layers, mask, coefficient: coefficientOf(config.method) });
    } finally {
      tf.dispose([ids, logits, mask, ...Object.values(attention!)]);
    }
  };

  return {
    params: model.params(),
    batch: (step) => takeWindows(train, sampleIndices(config.seed, step, 1, config.batchSize, train.shape[0])),
    loss: (batch: unknown, context: StepContext) =>
      tf.tidy(() => score(batch as CausalWindows, { training: true, dropoutSeed: context.dropoutSeed }).loss),
    tokensPerStep: config.batchSize * T,
    evaluate,
    dispose: () => model.dispose(),
  };
}
