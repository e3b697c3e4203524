/**
 * The parameter list of a model, derived from its resolved config: names, shapes, initial
 * values and weight-decay flags. Models build their variables from it and `parameterCount`
 * sums it, so the documented counts cannot drift from the code.
 */
import { resolveModelConfig, type ModelConfig, type ResolvedModelConfig } from './config.js';

/** How a parameter starts: N(0, std^2), or a constant (zeros, ones, SAOBP theta). */
export type ParamInit = { kind: 'normal'; std: number } | { kind: 'constant'; value: number };

export interface ParamSpec {
  name: string;
  shape: number[];
  init: ParamInit;
  /** False for biases, LayerNorm and SAOBP theta: weight decay would pull them to meaningless values. */
  decay: boolean;
}

/** GPT-2's initialisation scale. */
const INIT_STD = 0.02;

/** theta with sigmoid(theta) = 0.1: the mixture starts at lambda = 0.1 (SAOBP.md). */
export const MIXTURE_THETA_INIT = Math.log(0.1 / 0.9);
/** theta with exp(theta) - 1 = 0: the product variant starts as the baseline. */
export const PRODUCT_THETA_INIT = 0;

const normal = (std: number): ParamInit => ({ kind: 'normal', std });
const constant = (value: number): ParamInit => ({ kind: 'constant', value });

function linear(name: string, fanIn: number, fanOut: number, std = INIT_STD): ParamSpec[] {
  return [
    { name: `${name}.weight`, shape: [fanIn, fanOut], init: normal(std), decay: true },
    { name: `${name}.bias`, shape: [fanOut], init: constant(0), decay: false },
  ];
}

function layerNorm(name: string, width: number): ParamSpec[] {
  return [
    { name: `${name}.weight`, shape: [width], init: constant(1), decay: false },
    { name: `${name}.bias`, shape: [width], init: constant(0), decay: false },
  ];
}

/** True when layer `l` refines its attention with SAOBP. */
export function usesSaobp(cfg: ResolvedModelConfig, l: number): boolean {
  return cfg.saobp !== false && cfg.saobp.layers.includes(l);
}

function block(cfg: ResolvedModelConfig, l: number): ParamSpec[] {
  const { width: d, ff } = cfg;
  // Residual projections scaled by 1/sqrt(2L) (GPT-2) so the residual stream's variance does not grow with depth.
  const residualStd = INIT_STD / Math.sqrt(2 * cfg.layers);
  const p = `blocks.${l}`;
  const specs = [...layerNorm(`${p}.ln1`, d), ...linear(`${p}.attn.qkv`, d, 3 * d), ...linear(`${p}.attn.out`, d, d, residualStd)];
  if (cfg.saobp !== false && cfg.saobp.layers.includes(l)) {
    const value = cfg.saobp.variant === 'mixture' ? MIXTURE_THETA_INIT : PRODUCT_THETA_INIT;
    specs.push({ name: `${p}.attn.theta`, shape: [cfg.heads], init: constant(value), decay: false });
  }
  specs.push(...layerNorm(`${p}.ln2`, d), ...linear(`${p}.mlp.fc`, d, ff), ...linear(`${p}.mlp.proj`, ff, d, residualStd));
  return specs;
}

function heads(cfg: ResolvedModelConfig): ParamSpec[] {
  const { width: d, vocabSize: v } = cfg;
  const untiedOut = (name: string): ParamSpec[] =>
    cfg.tieEmbeddings ? [] : [{ name, shape: [d, v], init: normal(INIT_STD), decay: true }];
  if (cfg.kind === 'decoder') return untiedOut('lm_head.weight');
  return [
    ...linear('pooler', d, d),
    ...linear('classifier', d, cfg.numClasses),
    ...linear('mlm.dense', d, d),
    ...layerNorm('mlm.ln', d),
    ...untiedOut('mlm.decoder.weight'),
    { name: 'mlm.bias', shape: [v], init: constant(0), decay: false },
  ];
}

/** Every trainable parameter, in a stable order. */
export function parameterSpecs(cfg: ResolvedModelConfig): ParamSpec[] {
  return [
    { name: 'embed.token.weight', shape: [cfg.vocabSize, cfg.width], init: normal(INIT_STD), decay: true },
    { name: 'embed.position.weight', shape: [cfg.maxLen, cfg.width], init: normal(INIT_STD), decay: true },
    ...Array.from({ length: cfg.layers }, (_, l) => block(cfg, l)).flat(),
    ...layerNorm('ln_final', cfg.width),
    ...heads(cfg),
  ];
}

/** Number of trainable scalars of the model a config describes (validates the config). */
export function parameterCount(config: ModelConfig | ResolvedModelConfig): number {
  const cfg = resolveModelConfig(config as ModelConfig);
  return parameterSpecs(cfg).reduce((n, s) => n + s.shape.reduce((a, b) => a * b, 1), 0);
}
