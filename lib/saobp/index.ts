/** SAOBP refinement math (SAOBP.md): pure functions on tensors. */
export { saobpRefine, SAOBP_VARIANTS, type SaobpVariant, type SaobpOptions, type SaobpResult } from './refine.js';
export { maskedSoftmax } from './masked-softmax.js';
export { causalMask, windowMask, paddingMask, causalPaddingMask } from './masks.js';
export { twoHopTarget, mixtureRefine, mixtureApply, type Coefficient } from './mixture.js';
export { productLogits, productRefine } from './product.js';
