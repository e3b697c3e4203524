/** A pre-LayerNorm transformer block: x + Attn(LN(x)), then + MLP(LN(x)), on [N, D]. */
import * as tf from '@tensorflow/tfjs-core';
import { selfAttention, type AttentionCache, type AttentionShape } from './attention.js';
import { gelu, layerNorm, type DropoutContext } from './layers.js';
import { linear } from './linear.js';
import type { ParamStore } from './params.js';

/** x [N, D] -> [N, D]. Reads the parameters `blocks.{layer}.*` from the store. */
export function transformerBlock(
  x: tf.Tensor2D,
  store: ParamStore,
  layer: number,
  shape: AttentionShape,
  eps: number,
  dropout: DropoutContext,
  cache?: AttentionCache,
): tf.Tensor2D {
  const p = (name: string) => store.get(`blocks.${layer}.${name}`);
  const attn = selfAttention(
    layerNorm(x, p('ln1.weight'), p('ln1.bias'), eps),
    {
      qkvWeight: p('attn.qkv.weight'),
      qkvBias: p('attn.qkv.bias'),
      outWeight: p('attn.out.weight'),
      outBias: p('attn.out.bias'),
      theta: store.has(`blocks.${layer}.attn.theta`) ? p('attn.theta') : undefined,
    },
    shape,
    cache,
    `blocks.${layer}.attn`,
  );
  const h = tf.add(x, dropout.apply(attn)) as tf.Tensor2D;
  const hidden = gelu(linear(layerNorm(h, p('ln2.weight'), p('ln2.bias'), eps), p('mlp.fc.weight'), p('mlp.fc.bias')));
  return tf.add(h, dropout.apply(linear(hidden, p('mlp.proj.weight'), p('mlp.proj.bias')))) as tf.Tensor2D;
}
