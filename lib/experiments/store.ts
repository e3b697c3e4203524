/**
 * The results store: one JSON file per finished run under `<out>/<preset>/`,
 * checkpoints of unfinished runs under `<out>/<preset>/checkpoints/<run id>/`.
 * Nothing else belongs there, so a directory holding anything else is refused
 * rather than mixed into (or overwritten).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../train/atomic.js';
import type { MetricRow } from '../train/types.js';
import { ConfigError, runId, type PresetName, type RunConfig } from './config.js';

export const RUN_FORMAT = 'saobp-run/1';
const CHECKPOINTS = 'checkpoints';

/** What a results file holds. */
export interface RunFile {
  format: typeof RUN_FORMAT;
  id: string;
  config: RunConfig;
  seed: number;
  backend: string;
  tfjs: string;
  git: { commit: string | null; dirty: boolean | null };
  startedAt: string;
  finishedAt: string;
  /** Seconds of this process's work on the run (a resumed run counts only its last leg). */
  wallSeconds: number;
  /** Seconds spent in updates over every leg of the run. */
  trainSeconds: number;
  tokensPerSecond: number;
  resumedFrom: number | null;
  parameterCount: number;
  rows: MetricRow[];
}

export function presetDir(out: string, preset: PresetName): string {
  return path.join(out, preset);
}

export function runFilePath(dir: string, id: string): string {
  return path.join(dir, `${id}.json`);
}

export function checkpointDir(dir: string, id: string): string {
  return path.join(dir, CHECKPOINTS, id);
}

/** A leftover temp file of an interrupted atomic write: ours, harmless, never read. */
const isTemp = (name: string) => name.startsWith('.') && name.includes('.tmp-');

function parseRunFile(file: string): RunFile | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
    return parsed?.format === RUN_FORMAT && `${parsed.id}.json` === path.basename(file) ? (parsed as RunFile) : null;
  } catch {
    return null;
  }
}

function foreign(dir: string, entry: string, why: string): ConfigError {
  return new ConfigError(
    `output directory ${dir} holds '${entry}' (${why}), which this tool did not write; choose an empty directory or one holding only results with --out`,
  );
}

/**
 * Reads every run file of a preset directory after checking that the directory
 * holds nothing foreign; a missing directory holds no runs.
 */
export function readPresetDir(dir: string, preset: PresetName): Map<string, RunFile> {
  const runs = new Map<string, RunFile>();
  if (!fs.existsSync(dir)) return runs;
  if (!fs.statSync(dir).isDirectory()) throw new ConfigError(`output path ${dir} is a file, not a directory; choose another --out`);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (isTemp(entry.name)) continue;
    if (entry.name === CHECKPOINTS && entry.isDirectory()) continue;
    if (!entry.isFile() || !entry.name.endsWith('.json')) throw foreign(dir, entry.name, 'not a run file');
    const run = parseRunFile(path.join(dir, entry.name));
    if (run === null) throw foreign(dir, entry.name, `not a ${RUN_FORMAT} file`);
    if (run.config.preset !== preset) throw foreign(dir, entry.name, `a run of preset '${run.config.preset}', not '${preset}'`);
    runs.set(run.id, run);
  }
  return runs;
}

/** Ids of the runs that have a checkpoint directory (finished or not). */
export function checkpointedRuns(dir: string): string[] {
  const root = path.join(dir, CHECKPOINTS);
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root).filter((name) => !isTemp(name));
}

/** The settings a checkpoint was made with, so that a resume under changed settings is refused. */
export function writeCheckpointConfig(dir: string, config: RunConfig): void {
  writeFileAtomic(path.join(checkpointDir(dir, runId(config)), 'config.json'), JSON.stringify(config));
}

/** The settings stored beside a checkpoint; null when missing or unreadable (then the checkpoint cannot be trusted). */
export function readCheckpointConfig(dir: string, id: string): RunConfig | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(checkpointDir(dir, id), 'config.json'), 'utf8')) as RunConfig;
  } catch {
    return null;
  }
}

export function writeRunFile(dir: string, run: RunFile): void {
  if (run.id !== runId(run.config)) throw new Error(`run file id '${run.id}' does not match its config`);
  // One row per line: readable diffs of committed results at a fraction of indented JSON's size.
  const { rows, ...header } = run;
  const head = JSON.stringify(header, null, 1).replace(/\n}$/, '');
  writeFileAtomic(runFilePath(dir, run.id), `${head},\n "rows": [\n${rows.map((r) => JSON.stringify(r)).join(',\n')}\n ]\n}\n`);
}

/** A finished run no longer needs its checkpoint; removing it keeps committed results small. */
export function removeCheckpoint(dir: string, id: string): void {
  fs.rmSync(checkpointDir(dir, id), { recursive: true, force: true });
  const root = path.join(dir, CHECKPOINTS);
  if (fs.existsSync(root) && fs.readdirSync(root).length === 0) fs.rmdirSync(root);
}
