/**
 * Sequence classification with an encoder (the spam and pointer-chasing tasks):
 * `[CLS] tokens...` padded per batch, the pooled [CLS] logits, cross-entropy.
 * Evaluation: held-out loss and accuracy (also per group, e.g. per hop count),
 * and attention tracking on the first `probeSize` held-out sequences.
 */
import * as tf from '@tensorflow/tfjs-core';
import { padBatch } from '../../data/batching/pad.js';
import { classificationLoss } from '../../model/losses.js';
import { paddingMask } from '../../saobp/masks.js';
import { trackAttention } from '../../train/tracking.js';
import type { Observation, StepContext } from '../../train/types.js';
import type { RunConfig } from '../config.js';
import type { TaskSetup } from '../task.js';
import { buildEncoder, coefficientOf } from './common.js';

export interface LabelledSequences {
  /** Token ids, each starting with [CLS]. */
  sequences: number[][];
  labels: number[];
  /** Optional group per example (e.g. `hops2`) for per-group accuracy. */
  groups?: string[];
}

export interface ClassificationData {
  vocabSize: number;
  numClasses: number;
  /** The training batch of update `step` (pure in the run seed and step). */
  trainBatch(step: number): LabelledSequences;
  heldOut: LabelledSequences;
}

const GROUP_METRICS = new Set(['gtd', 'latent_gtd', 'latent_gtd_uniform', 'normalized_entropy']);

interface Batch {
  ids: Int32Array;
  mask: Float32Array;
  labels: Int32Array;
  shape: [number, number];
}

function toBatch(data: LabelledSequences, seqLen: number, from = 0, to = data.labels.length): Batch {
  const padded = padBatch(data.sequences.slice(from, to), { maxLength: seqLen });
  return { ids: padded.ids, mask: padded.mask, labels: Int32Array.from(data.labels.slice(from, to)), shape: padded.shape };
}

function inputs(b: Batch) {
  return { ids: tf.tensor2d(b.ids, b.shape, 'int32'), padding: tf.tensor2d(b.mask, b.shape, 'float32') };
}

export function classificationTask(config: RunConfig, data: ClassificationData): TaskSetup {
  const model = buildEncoder(config, data.vocabSize, data.numClasses);
  const { heldOut } = data;
  const n = heldOut.labels.length;

  const loss = (batch: unknown, context: StepContext) =>
    tf.tidy(() => {
      const b = batch as Batch;
      const { logits } = model.forward(inputs(b), { training: true, dropoutSeed: context.dropoutSeed });
      return classificationLoss(logits as tf.Tensor2D, tf.tensor1d(b.labels, 'int32'));
    });

  const evaluate = (): Observation[] => {
    let lossSum = 0;
    const correct: boolean[] = [];
    for (let from = 0; from < n; from += config.probeSize) {
      const b = toBatch(heldOut, config.seqLen, from, Math.min(n, from + config.probeSize));
      const [batchLoss, argmax] = tf.tidy(() => {
        const { logits } = model.forward(inputs(b));
        return [classificationLoss(logits as tf.Tensor2D, tf.tensor1d(b.labels, 'int32')), tf.argMax(logits, -1)];
      });
      const predicted = argmax.dataSync();
      lossSum += batchLoss.dataSync()[0] * b.labels.length;
      tf.dispose([batchLoss, argmax]);
      b.labels.forEach((label, i) => correct.push(predicted[i] === label));
    }
    const rows: Observation[] = [
      { layer: null, head: null, metric: 'eval_loss', value: lossSum / n },
      { layer: null, head: null, metric: 'eval_accuracy', value: correct.filter(Boolean).length / n },
    ];
    if (heldOut.groups) {
      for (const group of [...new Set(heldOut.groups)].sort()) {
        const members = correct.filter((_, i) => heldOut.groups![i] === group);
        rows.push({ layer: null, head: null, metric: `eval_accuracy_${group}`, value: members.filter(Boolean).length / members.length });
      }
    }
    return [...rows, ...probeAttention(heldOut), ...probeGroups()];
  };

  /** Attention metrics on the first `probeSize` sequences of `data`. */
  const probeAttention = (data: LabelledSequences): Observation[] => {
    const probe = inputs(toBatch(data, config.seqLen, 0, Math.min(data.labels.length, config.probeSize)));
    const { logits, cache } = model.forward(probe, { cache: true });
    const mask = paddingMask(probe.padding);
    try {
      return trackAttention(cache!, { layers: model.config.layers, mask, queryValid: probe.padding, coefficient: coefficientOf(config.method) });
    } finally {
      tf.dispose([logits, mask, probe.ids, probe.padding, ...Object.values(cache!)]);
    }
  };

  /**
   * Per group (e.g. hop count), the layer means of the metrics that relate attention to
   * multi-hop structure, named `<metric>_<group>` (`latent_gtd_hops2`): GTD against hop count.
   */
  const probeGroups = (): Observation[] => {
    const groups = heldOut.groups;
    if (groups === undefined) return [];
    return [...new Set(groups)].sort().flatMap((group) => {
      const members = groups.flatMap((g, i) => (g === group ? [i] : []));
      const subset = { sequences: members.map((i) => heldOut.sequences[i]), labels: members.map((i) => heldOut.labels[i]) };
      return probeAttention(subset)
        .filter((o) => o.head === null && GROUP_METRICS.has(o.metric))
        .map((o) => ({ ...o, metric: `${o.metric}_${group}` }));
    });
  };

  return {
    // The MLM head takes no part in classification; training it would only decay it.
    params: model.params().filter((p) => !p.name.startsWith('mlm.')),
    batch: (step) => toBatch(data.trainBatch(step), config.seqLen),
    loss,
    // Real (unpadded) tokens of the first batch: lengths vary, and padding is not work done.
    tokensPerStep: data.trainBatch(0).sequences.reduce((sum, s) => sum + Math.min(s.length, config.seqLen), 0),
    evaluate,
    dispose: () => model.dispose(),
  };
}
