/** Training: optimizer, schedules, clipping, checkpoints, progress, the loop, attention tracking. */
export * from './types.js';
export { mixSeed, dropoutSeed } from './seeds.js';
export { makeSchedule, type Schedule, type ScheduleConfig, type DecayShape } from './schedule.js';
export { AdamW, type AdamWConfig, type AdamWState } from './adamw.js';
export { clipByGlobalNorm } from './clip.js';
export { saveCheckpoint, loadCheckpoint, hasCheckpoint, CheckpointError, CHECKPOINT_FORMAT, type CheckpointData } from './checkpoint.js';
export { progressReporter, silentProgress, formatDuration, type ProgressSink, type ProgressUpdate, type ProgressOptions } from './progress.js';
export { Trainer, type TrainerOptions, type TrainResult } from './trainer.js';
export { trackAttention, type TrackingOptions } from './tracking.js';
