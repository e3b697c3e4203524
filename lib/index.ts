/** The public face of `saobp`: re-exports only. */
export { initBackend, nativeBinding, BACKEND_NAMES, type BackendName } from './backend.js';
export { registerWasmKernels } from './wasm-kernels.js';
export { activePreset, PRESET_NAMES, type PresetName } from './preset.js';
export { versions } from './versions.js';
export {
  saobpRefine, SAOBP_VARIANTS, type SaobpVariant, type SaobpOptions, type SaobpResult, type Coefficient,
  maskedSoftmax, causalMask, windowMask, paddingMask, causalPaddingMask,
  twoHopTarget, mixtureRefine, mixtureApply, productLogits, productRefine,
} from './saobp/index.js';
export {
  attentionEntropy, normalizedEntropy, allowedKeys, top1Mass, effectiveSupport, attentionDistance, SPARSITY_THRESHOLD,
  globalTokenDependency, latentGlobalTokenDependency, uniformAttention, uniformLatentGTD,
  summarizeAttention, type MetricRow, type AttentionSummaryInput,
} from './metrics/index.js';
export * from './data/index.js';
