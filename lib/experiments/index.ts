/** Experiments: run configs, presets, the sweep runner, the results store, shards, merging, aggregation. */
export * from './config.js';
export { presetRuns } from './presets.js';
export { parseFilter } from './filter.js';
export { parseShard, shardRuns, type Shard } from './shard.js';
export { RUN_FORMAT, presetDir, readPresetDir, runFilePath, checkpointDir, type RunFile } from './store.js';
export { mergeResults } from './merge.js';
export { rowsTable, finalRows, seedSummary, layerMeans } from './aggregate.js';
export { pairedTTest, studentTwoSidedP, compareMethods, type PairedTest, type MethodSummary, type MethodComparison } from './paired-test.js';
export { gitInfo, type GitInfo } from './provenance.js';
export type { TaskSetup, TaskFactory, TaskRegistry } from './task.js';
export { planSweep, runSweep, executeRun, type SweepOptions, type SweepPlan } from './runner.js';
export { TASKS } from './tasks/index.js';
export { loadResults, checkClaim, describeComparison, comparisonDirection, type LoadedResults } from './report.js';
