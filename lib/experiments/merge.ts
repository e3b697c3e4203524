/**
 * Joins the results of shards that ran into different output directories (one
 * per cluster node, say) into one preset directory. The same run found twice must
 * carry identical metrics; anything else is a conflict, refused before writing.
 */
import { isDeepStrictEqual } from 'node:util';
import { ConfigError, type PresetName } from './config.js';
import { presetDir, readPresetDir, writeRunFile, type RunFile } from './store.js';

/** Merges `<source>/<preset>` of every source into `<target>/<preset>`; returns the merged run ids. */
export function mergeResults(sources: string[], target: string, preset: PresetName): string[] {
  const targetDir = presetDir(target, preset);
  const merged = readPresetDir(targetDir, preset);
  const toWrite: RunFile[] = [];
  for (const source of sources) {
    for (const [id, run] of readPresetDir(presetDir(source, preset), preset)) {
      const existing = merged.get(id);
      if (existing === undefined) {
        merged.set(id, run);
        toWrite.push(run);
      } else if (!isDeepStrictEqual(existing.rows, run.rows) || !isDeepStrictEqual(existing.config, run.config)) {
        throw new ConfigError(`merge conflict: run ${id} appears twice with different configs or metrics (one in ${source})`);
      }
    }
  }
  for (const run of toWrite) writeRunFile(targetDir, run);
  return [...merged.keys()].sort();
}
