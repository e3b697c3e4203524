/** Attention metrics (SAOBP.md, Metrics): per-row statistics and their summaries over valid rows. */
export {
  attentionEntropy, normalizedEntropy, allowedKeys, top1Mass, effectiveSupport, attentionDistance, SPARSITY_THRESHOLD,
} from './row-metrics.js';
export { globalTokenDependency, latentGlobalTokenDependency, uniformAttention, uniformLatentGTD } from './gtd.js';
export { summarizeAttention, type MetricRow, type AttentionSummaryInput } from './summary.js';
export { uniformCausalLatentGTD } from './uniform-causal.js';
