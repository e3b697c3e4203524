/**
 * Names and units of the metrics that figures plot. The names are the tracker's
 * `metric` column; a figure takes any of them through its options, these are the
 * defaults and the one place to adjust when the tracker renames a metric.
 */
export const METRIC = {
  entropy: 'entropy',
  entropyNorm: 'entropy_norm',
  gtd: 'gtd',
  latentGtd: 'latent_gtd',
  lambda: 'lambda',
  gamma: 'gamma',
  trainLoss: 'train_loss',
  evalLoss: 'eval_loss',
  accuracy: 'accuracy',
  perplexity: 'perplexity',
  stepMs: 'step_ms',
  memoryMiB: 'memory_mib',
} as const;

interface MetricInfo {
  label: string;
  unit: string;
}

const INFO: Record<string, MetricInfo> = {
  entropy: { label: 'attention entropy', unit: 'nats' },
  entropy_norm: { label: 'normalized attention entropy', unit: 'H / log n, 0–1' },
  top1: { label: 'top-1 attention mass', unit: 'probability' },
  distance: { label: 'attention distance', unit: 'tokens' },
  gtd: { label: 'GTD', unit: 'TV distance, 0–1' },
  latent_gtd: { label: 'latent GTD', unit: 'TV distance, 0–1' },
  lambda: { label: 'learned λ', unit: 'mixture weight, 0–1' },
  gamma: { label: 'learned γ', unit: 'coupling, > −1' },
  train_loss: { label: 'training loss', unit: 'nats / token' },
  eval_loss: { label: 'held-out loss', unit: 'nats / token' },
  accuracy: { label: 'accuracy', unit: 'fraction correct' },
  perplexity: { label: 'perplexity', unit: 'exp(nats / token)' },
  step_ms: { label: 'step time', unit: 'ms' },
  memory_mib: { label: 'peak memory', unit: 'MiB' },
};

export function metricInfo(metric: string): MetricInfo {
  return INFO[metric] ?? { label: metric.replaceAll('_', ' '), unit: 'as recorded' };
}

/** "normalized attention entropy (H / log n, 0–1)": every value axis carries its unit. */
export function axisTitle(metric: string): string {
  const { label, unit } = metricInfo(metric);
  return `${label} (${unit})`;
}
