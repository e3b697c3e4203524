/** The public face of `saobp`: re-exports only. */
export { initBackend, nativeBinding, BACKEND_NAMES, type BackendName, type InitBackendOptions } from './backend.js';
export { wasmThreads, wasmThreadsFallback, wasmThreadsFromEnv, MAX_WASM_THREADS } from './wasm-threads.js';
export { simdFailure } from './wasm-simd.js';
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
  globalTokenDependency, latentGlobalTokenDependency, uniformAttention, uniformLatentGTD, uniformCausalLatentGTD,
  summarizeAttention, type MetricRow, type AttentionSummaryInput,
} from './metrics/index.js';
export * from './data/index.js';
export {
  AdamW, makeSchedule, clipByGlobalNorm, dropoutSeed, mixSeed, Trainer, trackAttention,
  saveCheckpoint, loadCheckpoint, hasCheckpoint, CheckpointError, CHECKPOINT_FORMAT,
  progressReporter, silentProgress, formatDuration,
  type Param, type RunMeta, type Observation, type MetricRow as TidyRow, type StepContext, type StatefulRng,
  type AdamWConfig, type AdamWState, type Schedule, type ScheduleConfig, type DecayShape, type CheckpointData,
  type ProgressSink, type ProgressUpdate, type ProgressOptions, type TrainerOptions, type TrainResult, type TrackingOptions,
} from './train/index.js';
export {
  TASK_NAMES, METHOD_NAMES, SIZE_NAMES, runId, validateRunConfig, ConfigError, presetRuns, parseFilter, parseShard, shardRuns,
  RUN_FORMAT, presetDir, readPresetDir, runFilePath, checkpointDir, mergeResults, rowsTable, finalRows, seedSummary, layerMeans,
  pairedTTest, studentTwoSidedP, compareMethods, loadResults, checkClaim, describeComparison, comparisonDirection,
  gitInfo, planSweep, runSweep, executeRun, TASKS,
  type TaskName, type MethodName, type SizeName, type RunConfig, type Shard, type RunFile, type GitInfo,
  type TaskSetup, type TaskFactory, type TaskRegistry, type SweepOptions, type SweepPlan, type PairedTest,
  type MethodSummary, type MethodComparison, type LoadedResults,
} from './experiments/index.js';
export * from './viz/index.js';
export {
  Encoder, Decoder, Transformer, SIZE_PRESETS, MODEL_KINDS, ModelConfigError, resolveModelConfig, parameterCount, parameterSpecs,
  MIXTURE_THETA_INIT, PRODUCT_THETA_INIT, selfAttention, saobpCoefficient, layerNorm, gelu,
  lmLoss, classificationLoss, mlmLoss, tokenCrossEntropy, IGNORE_INDEX,
  type ModelKind, type ModelConfig, type ModelConfigInput, type ResolvedModelConfig, type SaobpOption, type ParamSpec,
  type NamedParam, type NamedWeights, type AttentionCache, type ModelInput, type ForwardOptions, type ForwardResult,
} from './model/index.js';
