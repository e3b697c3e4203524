/** lib/model: attention (baseline and SAOBP, one module), encoder, decoder, heads, size presets. */
export {
  SIZE_PRESETS,
  SIZE_NAMES,
  MODEL_KINDS,
  ModelConfigError,
  resolveModelConfig,
  type SizeName,
  type ModelKind,
  type ModelConfig,
  type ModelConfigInput,
  type ResolvedModelConfig,
  type SaobpOption,
} from './config.js';
export { parameterCount, parameterSpecs, MIXTURE_THETA_INIT, PRODUCT_THETA_INIT, type ParamSpec } from './specs.js';
export type { NamedParam, NamedWeights } from './params.js';
export { selfAttention, saobpCoefficient, type AttentionCache } from './attention.js';
export { layerNorm, gelu } from './layers.js';
export { Transformer, type ModelInput, type ForwardOptions, type ForwardResult } from './transformer.js';
export { Encoder } from './encoder.js';
export { Decoder } from './decoder.js';
export { lmLoss, classificationLoss, mlmLoss, tokenCrossEntropy, IGNORE_INDEX } from './losses.js';
