/**
 * Real-text classification: SpamAssassin mails (subject and body), ham vs spam,
 * BPE tokens (2048, trained on the training split), the first seqLen - 1 tokens
 * after [CLS]. Held out: an even spread over the validation split.
 */
import { loadSpamAssassin } from '../../data/corpora/spam.js';
import { CLS_ID } from '../../data/tokenizer/specials.js';
import { corpusTokenizer } from '../../data/tokenizer/for-corpus.js';
import type { RunConfig } from '../config.js';
import type { TaskSetup } from '../task.js';
import { classificationTask, type LabelledSequences } from './classify.js';
import { sampleIndices, spread } from './common.js';

const VOCAB = 2048;

/** Tokenized once per process and sequence length: a sweep's runs share it. */
const cache = new Map<number, { vocabSize: number; train: LabelledSequences; validation: LabelledSequences }>();

function load(seqLen: number) {
  const hit = cache.get(seqLen);
  if (hit) return hit;
  const corpus = loadSpamAssassin();
  const tokenizer = corpusTokenizer('spam', { kind: 'bpe', vocabSize: VOCAB });
  // A BPE token spans a few characters; encoding only the head of each mail saves most of the work.
  const encode = (text: string) => [CLS_ID, ...tokenizer.encode(text.slice(0, seqLen * 16)).slice(0, seqLen - 1)];
  const split = (docs: { text: string; label: number }[]): LabelledSequences => ({
    sequences: docs.map((d) => encode(d.text)),
    labels: docs.map((d) => d.label),
  });
  const data = { vocabSize: tokenizer.vocabSize, train: split(corpus.train), validation: split(corpus.validation) };
  cache.set(seqLen, data);
  return data;
}

export function spamTask(config: RunConfig): TaskSetup {
  const { vocabSize, train, validation } = load(config.seqLen);
  const held = spread(config.evalSize, validation.labels.length);
  return classificationTask(config, {
    vocabSize,
    numClasses: 2,
    trainBatch: (step) => {
      const rows = sampleIndices(config.seed, step, 2, config.batchSize, train.labels.length);
      return { sequences: rows.map((i) => train.sequences[i]), labels: rows.map((i) => train.labels[i]) };
    },
    heldOut: { sequences: held.map((i) => validation.sequences[i]), labels: held.map((i) => validation.labels[i]) },
  });
}
