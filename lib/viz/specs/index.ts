/** Figure specs: pure functions from tidy rows (or one attention map) to a plotly { data, layout }. */
export { entropyByLayer, type EntropyByLayerOptions } from './entropy-by-layer.js';
export { entropyOverTraining, type EntropyOverTrainingOptions } from './entropy-over-training.js';
export { gtdByLayer, type GtdByLayerOptions } from './gtd-by-layer.js';
export { metricByHops, type ByHopsOptions } from './by-hops.js';
export { coefficientHeatmap, type CoefficientOptions } from './coefficients.js';
export { variantsSideBySide, type VariantsOptions } from './variants.js';
export { convergence, type ConvergenceOptions } from './convergence.js';
export { costBySeqLen, type CostOptions } from './cost.js';
export { attentionMaps, type AttentionMapInput } from './attention-map.js';
