/**
 * A bidirectional encoder (BERT-style): key-padding mask, a classification head on the
 * pooled first token ([CLS]), and an MLM head.
 */
import * as tf from '@tensorflow/tfjs-core';
import { paddingMask } from '../saobp/index.js';
import type { ModelConfigInput } from './config.js';
import { gelu, layerNorm } from './layers.js';
import { linear } from './linear.js';
import { Transformer, type ForwardOptions, type ForwardResult, type ModelInput } from './transformer.js';

export class Encoder extends Transformer {
  constructor(config: ModelConfigInput) {
    super(config, 'encoder');
  }

  protected attentionMask(_length: number, padding?: tf.Tensor2D): tf.Tensor | undefined {
    return padding === undefined ? undefined : paddingMask(padding);
  }

  /** Classification logits [B, C] from the first token: tanh pooler (BERT), dropout, linear. */
  forward(input: ModelInput, opts: ForwardOptions = {}): ForwardResult {
    const [batch, length] = input.ids.shape;
    const p = (name: string) => this.store.get(name);
    return this.run(input, opts, (h, dropout) => {
      const first = tf.reshape(tf.slice(tf.reshape(h, [batch, length, -1]), [0, 0, 0], [batch, 1, -1]), [batch, -1]) as tf.Tensor2D;
      const pooled = tf.tanh(linear(first, p('pooler.weight'), p('pooler.bias')));
      return linear(dropout.apply(pooled), p('classifier.weight'), p('classifier.bias'));
    });
  }

  /** Masked-LM logits [B, T, V]: dense, GELU, LayerNorm, then the (tied) vocabulary projection. */
  forwardMlm(input: ModelInput, opts: ForwardOptions = {}): ForwardResult {
    const [batch, length] = input.ids.shape;
    const p = (name: string) => this.store.get(name);
    return this.run(input, opts, (h) => {
      const m = layerNorm(gelu(linear(h, p('mlm.dense.weight'), p('mlm.dense.bias'))), p('mlm.ln.weight'), p('mlm.ln.bias'), this.config.layerNormEps);
      const logits = linear(m, this.outputWeight('mlm.decoder.weight'), p('mlm.bias'));
      return tf.reshape(logits, [batch, length, this.config.vocabSize]);
    });
  }
}
