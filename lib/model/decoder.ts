/** A causal language model: token + position embeddings, pre-LN blocks, LM head. */
import * as tf from '@tensorflow/tfjs-core';
import { causalMask, causalPaddingMask } from '../saobp/index.js';
import type { ModelConfigInput } from './config.js';
import { linear } from './linear.js';
import { Transformer, type ForwardOptions, type ForwardResult, type ModelInput } from './transformer.js';

export class Decoder extends Transformer {
  constructor(config: ModelConfigInput) {
    super(config, 'decoder');
  }

  protected attentionMask(length: number, padding?: tf.Tensor2D): tf.Tensor {
    return padding === undefined ? causalMask(length) : causalPaddingMask(padding);
  }

  /** Next-token logits [B, T, V] (position t predicts token t + 1). */
  forward(input: ModelInput, opts: ForwardOptions = {}): ForwardResult {
    const [batch, length] = input.ids.shape;
    return this.run(input, opts, (h) =>
      tf.reshape(linear(h, this.outputWeight('lm_head.weight')), [batch, length, this.config.vocabSize]),
    );
  }
}
