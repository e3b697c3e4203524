/** Learning-rate schedules: linear warmup, then cosine or linear decay to a floor. */

export type DecayShape = 'cosine' | 'linear' | 'constant';

export interface ScheduleConfig {
  /** Peak learning rate, reached at the end of warmup. */
  lr: number;
  /** Steps of linear warmup from lr/warmup to lr. */
  warmup: number;
  /** Total training steps; decay ends here. */
  steps: number;
  decay: DecayShape;
  /** Final learning rate as a fraction of the peak (0.1 as in nanoGPT). */
  minRatio?: number;
}

export type Schedule = (step: number) => number;

/** The learning rate applied in update `step` (0-based). */
export function makeSchedule(config: ScheduleConfig): Schedule {
  const { lr, warmup, steps, decay } = config;
  const minRatio = config.minRatio ?? 0.1;
  if (!(lr > 0) || !Number.isFinite(lr)) throw new Error(`schedule: lr must be a positive number, got ${lr}`);
  if (!Number.isInteger(warmup) || warmup < 0) throw new Error(`schedule: warmup must be a non-negative integer, got ${warmup}`);
  if (!Number.isInteger(steps) || steps < 1) throw new Error(`schedule: steps must be a positive integer, got ${steps}`);
  if (!(minRatio >= 0 && minRatio <= 1)) throw new Error(`schedule: minRatio must lie in [0, 1], got ${minRatio}`);
  const floor = lr * minRatio;
  return (step: number) => {
    // Warmup starts at lr/warmup rather than 0 so that the first update is not wasted.
    if (step < warmup) return (lr * (step + 1)) / warmup;
    if (decay === 'constant') return lr;
    const span = Math.max(1, steps - warmup);
    const progress = Math.min(1, (step - warmup) / span);
    const shape = decay === 'cosine' ? 0.5 * (1 + Math.cos(Math.PI * progress)) : 1 - progress;
    return floor + (lr - floor) * shape;
  };
}
