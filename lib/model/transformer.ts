/**
 * What the encoder and decoder share: parameters, embeddings, the block stack, the final
 * LayerNorm, input checks, and weights in and out.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { AttentionCache } from './attention.js';
import { transformerBlock } from './block.js';
import { resolveModelConfig, type ModelConfigInput, type ResolvedModelConfig } from './config.js';
import { DropoutContext, layerNorm } from './layers.js';
import { ParamStore, type NamedParam, type NamedWeights } from './params.js';
import { parameterSpecs } from './specs.js';

export interface ModelInput {
  /** Token ids, int32 [B, T]. */
  ids: tf.Tensor2D;
  /** [B, T], 1 = real token, 0 = padding; default all real. */
  padding?: tf.Tensor2D;
}

export interface ForwardOptions {
  /** Dropout on; default false. */
  training?: boolean;
  /** Makes training-mode dropout reproducible. */
  dropoutSeed?: number;
  /** Return every layer's attention pattern, refined map and coefficients. */
  cache?: boolean;
}

export interface ForwardResult {
  logits: tf.Tensor;
  cache?: AttentionCache;
}

export abstract class Transformer {
  readonly config: ResolvedModelConfig;
  protected readonly store: ParamStore;

  /** A config whose `kind` names the other class is an error, not silently overridden. */
  constructor(config: ModelConfigInput, kind: ResolvedModelConfig['kind']) {
    this.config = resolveModelConfig({ ...config, kind: config.kind ?? kind });
    if (this.config.kind !== kind) {
      throw new Error(`model config 'kind': '${this.config.kind}' given to the ${kind} class`);
    }
    this.store = new ParamStore(parameterSpecs(this.config), this.config.seed);
  }

  /** Every trainable variable, stable names, decay false for biases, LayerNorm and SAOBP theta. */
  params(): NamedParam[] {
    return this.store.list();
  }

  getWeights(): NamedWeights {
    return this.store.getWeights();
  }

  /** Loads named weights (all of them, exact sizes) or throws before changing anything. */
  setWeights(weights: NamedWeights | Record<string, ArrayLike<number>>): void {
    this.store.setWeights(weights);
  }

  dispose(): void {
    this.store.dispose();
  }

  /** The attention mask of this kind of model, broadcastable to [B, H, T, T]; undefined = all allowed. */
  protected abstract attentionMask(length: number, padding?: tf.Tensor2D): tf.Tensor | undefined;

  /** Shapes, dtype, length and id range are checked before any work; one clear error each. */
  private checkInput({ ids, padding }: ModelInput): void {
    if (!(ids instanceof tf.Tensor) || ids.rank !== 2) throw new Error(`forward: ids must be an int32 tensor [B, T]`);
    if (ids.dtype !== 'int32') throw new Error(`forward: ids must be int32; got ${ids.dtype}`);
    const [, length] = ids.shape;
    if (length > this.config.maxLen) throw new Error(`forward: sequence length ${length} exceeds maxLen ${this.config.maxLen}`);
    if (padding !== undefined && (padding.rank !== 2 || padding.shape.join() !== ids.shape.join())) {
      throw new Error(`forward: padding shape [${padding.shape}] must equal ids shape [${ids.shape}]`);
    }
    const [lo, hi] = tf.tidy(() => [tf.min(ids).dataSync()[0], tf.max(ids).dataSync()[0]]);
    if (lo < 0 || hi >= this.config.vocabSize) {
      throw new Error(`forward: token ids must lie in [0, ${this.config.vocabSize - 1}]; got range [${lo}, ${hi}]`);
    }
  }

  /**
   * Embeddings -> blocks -> final LayerNorm. ids [B, T] -> hidden [B*T, D]. Call inside a
   * tidy; cache entries are added to `cache` when given.
   */
  protected trunk(input: ModelInput, dropout: DropoutContext, cache?: AttentionCache): tf.Tensor2D {
    this.checkInput(input);
    const { ids, padding } = input;
    const [batch, length] = ids.shape;
    const { width, heads, layerNormEps: eps } = this.config;
    const tokens = tf.gather(this.store.get('embed.token.weight'), tf.reshape(ids, [batch * length]));
    const positions = tf.slice(this.store.get('embed.position.weight'), [0, 0], [length, width]);
    let x = tf.reshape(tf.add(tf.reshape(tokens, [batch, length, width]), positions), [batch * length, width]) as tf.Tensor2D;
    x = dropout.apply(x);
    const mask = this.attentionMask(length, padding);
    for (let l = 0; l < this.config.layers; l++) {
      const saobp = this.config.saobp !== false && this.config.saobp.layers.includes(l) ? this.config.saobp.variant : false;
      x = transformerBlock(x, this.store, l, { batch, length, heads, mask, saobp }, eps, dropout, cache);
    }
    return layerNorm(x, this.store.get('ln_final.weight'), this.store.get('ln_final.bias'), eps);
  }

  /** Runs `head` on the trunk's output inside one tidy; the cache comes from the same pass. */
  protected run(input: ModelInput, opts: ForwardOptions, head: (h: tf.Tensor2D, dropout: DropoutContext) => tf.Tensor): ForwardResult {
    const dropout = new DropoutContext(this.config.dropout, opts.training ?? false, opts.dropoutSeed);
    return tf.tidy(() => {
      const cache: AttentionCache | undefined = opts.cache ? {} : undefined;
      const logits = head(this.trunk(input, dropout, cache), dropout);
      return cache ? { logits, cache } : { logits };
    });
  }

  /** The output projection: the token embedding transposed when tied (an explicit transpose keeps the matMul flag-free). [D, V] */
  protected outputWeight(untiedName: string): tf.Tensor {
    return this.config.tieEmbeddings ? tf.transpose(this.store.get('embed.token.weight')) : this.store.get(untiedName);
  }
}
