/**
 * Names and units of the metrics that figures plot. The names are the tracker's
 * `metric` column; a figure takes any of them through its options, these are the
 * defaults and the one place to adjust when the tracker renames a metric.
 */
export const METRIC = {
  entropy: 'entropy',
  entropyNorm: 'normalized_entropy',
  top1: 'top1_mass',
  gtd: 'gtd',
  latentGtd: 'latent_gtd',
  /** Latent GTD of uniform attention under the run's mask: the reference GTD figures draw. */
  latentGtdUniform: 'latent_gtd_uniform',
  lambda: 'lambda',
  gamma: 'gamma',
  trainLoss: 'train_loss',
  evalLoss: 'eval_loss',
  accuracy: 'eval_accuracy',
  perplexity: 'eval_perplexity',
  stepMs: 'step_ms',
  memoryMiB: 'memory_mib',
} as const;

interface MetricInfo {
  label: string;
  unit: string;
}

const INFO: Record<string, MetricInfo> = {
  entropy: { label: 'attention entropy', unit: 'nats' },
  normalized_entropy: { label: 'normalized attention entropy', unit: 'H / log n, 0–1' },
  top1_mass: { label: 'top-1 attention mass', unit: 'probability' },
  effective_support: { label: 'effective support exp(H)', unit: 'tokens' },
  sparsity: { label: 'sparsity (rows with top-1 > 0.9)', unit: 'share of rows' },
  attention_distance: { label: 'attention distance', unit: 'tokens' },
  gtd: { label: 'GTD', unit: 'TV distance, 0–1' },
  latent_gtd: { label: 'latent GTD', unit: 'TV distance, 0–1' },
  latent_gtd_uniform: { label: 'latent GTD of uniform attention', unit: 'TV distance, 0–1' },
  lambda: { label: 'learned λ', unit: 'mixture weight, 0–1' },
  gamma: { label: 'learned γ', unit: 'coupling, > −1' },
  // Per token for language modelling, per sequence for classification: 'nats' covers both.
  train_loss: { label: 'training loss', unit: 'nats per prediction' },
  eval_loss: { label: 'held-out loss', unit: 'nats per prediction' },
  eval_accuracy: { label: 'held-out accuracy', unit: 'fraction correct' },
  eval_perplexity: { label: 'held-out perplexity', unit: 'exp(nats / token)' },
  step_ms: { label: 'step time', unit: 'ms' },
  memory_mib: { label: 'peak memory', unit: 'MiB' },
};

/** The tracker records every attention metric of SAOBP runs twice: on A~ (plain name) and on A (`_pre`). */
const PRE = '_pre';

export function metricInfo(metric: string): MetricInfo {
  if (metric.endsWith(PRE) && INFO[metric.slice(0, -PRE.length)]) {
    const base = INFO[metric.slice(0, -PRE.length)];
    return { label: `${base.label} of A (before refinement)`, unit: base.unit };
  }
  return INFO[metric] ?? { label: metric.replaceAll('_', ' '), unit: 'as recorded' };
}

/** "normalized attention entropy (H / log n, 0–1)": every value axis carries its unit. */
export function axisTitle(metric: string): string {
  const { label, unit } = metricInfo(metric);
  return `${label} (${unit})`;
}
