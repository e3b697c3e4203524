/**
 * Checkpoints as plain files, because the wasm backend has no IO handler:
 *
 *   <dir>/latest.json               { format, step, path }  (the commit point)
 *   <dir>/step-00000120/manifest.json  tensor table, byte count, sha256, JSON state
 *   <dir>/step-00000120/tensors.bin    every tensor as little-endian float32, back to back
 *
 * A step directory is written under a temp name and renamed into place; only then
 * is latest.json replaced (atomically), and only then are older steps removed. A
 * crash at any point leaves either the old or the new checkpoint readable.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { tempPath, writeFileAtomic } from './atomic.js';

export const CHECKPOINT_FORMAT = 'saobp-checkpoint/1';

export interface CheckpointData {
  step: number;
  tensors: Record<string, Float32Array>;
  /** JSON-serializable state: RNG positions, metric history, timings. */
  state: unknown;
}

interface TensorEntry {
  name: string;
  offset: number;
  length: number;
}

interface Manifest {
  format: string;
  step: number;
  bytes: number;
  sha256: string;
  tensors: TensorEntry[];
  state: unknown;
}

export class CheckpointError extends Error {
  constructor(dir: string, reason: string) {
    super(`corrupted checkpoint in ${dir}: ${reason}; delete that directory to restart the run from scratch`);
    this.name = 'CheckpointError';
  }
}

function stepDirName(step: number): string {
  return `step-${String(step).padStart(8, '0')}`;
}

function fsyncDir(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export function saveCheckpoint(dir: string, data: CheckpointData): void {
  fs.mkdirSync(dir, { recursive: true });
  const entries: TensorEntry[] = [];
  let offset = 0;
  for (const [name, values] of Object.entries(data.tensors)) {
    entries.push({ name, offset, length: values.length });
    offset += values.length * 4;
  }
  const bin = Buffer.alloc(offset);
  for (const entry of entries) {
    const values = data.tensors[entry.name];
    Buffer.from(values.buffer, values.byteOffset, values.byteLength).copy(bin, entry.offset);
  }
  const manifest: Manifest = {
    format: CHECKPOINT_FORMAT,
    step: data.step,
    bytes: bin.length,
    sha256: createHash('sha256').update(bin).digest('hex'),
    tensors: entries,
    state: data.state,
  };
  const name = stepDirName(data.step);
  const final = path.join(dir, name);
  const tmp = tempPath(final);
  fs.mkdirSync(tmp);
  writeFileAtomic(path.join(tmp, 'tensors.bin'), bin);
  writeFileAtomic(path.join(tmp, 'manifest.json'), JSON.stringify(manifest));
  fs.rmSync(final, { recursive: true, force: true });
  fs.renameSync(tmp, final);
  fsyncDir(dir);
  writeFileAtomic(path.join(dir, 'latest.json'), JSON.stringify({ format: CHECKPOINT_FORMAT, step: data.step, path: name }));
  for (const entry of fs.readdirSync(dir)) {
    if (entry !== name && (entry.startsWith('step-') || entry.startsWith('.step-'))) {
      fs.rmSync(path.join(dir, entry), { recursive: true, force: true });
    }
  }
}

function readJson(file: string, dir: string): any {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new CheckpointError(dir, `${path.basename(file)} is missing`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new CheckpointError(dir, `${path.basename(file)} is not valid JSON`);
  }
}

/** Whether `dir` holds a committed checkpoint (cheap: does not validate it). */
export function hasCheckpoint(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'latest.json'));
}

/** The latest checkpoint in `dir`, null when there is none; a damaged one throws CheckpointError. */
export function loadCheckpoint(dir: string): CheckpointData | null {
  if (!hasCheckpoint(dir)) return null;
  const latest = readJson(path.join(dir, 'latest.json'), dir);
  if (latest?.format !== CHECKPOINT_FORMAT || typeof latest.path !== 'string' || !/^step-\d{8}$/.test(latest.path)) {
    throw new CheckpointError(dir, `latest.json is not a ${CHECKPOINT_FORMAT} pointer`);
  }
  const stepDir = path.join(dir, latest.path);
  const manifest = readJson(path.join(stepDir, 'manifest.json'), dir) as Manifest;
  if (manifest?.format !== CHECKPOINT_FORMAT || manifest.step !== latest.step || !Array.isArray(manifest.tensors)) {
    throw new CheckpointError(dir, `${latest.path}/manifest.json does not match latest.json`);
  }
  let bin: Buffer;
  try {
    bin = fs.readFileSync(path.join(stepDir, 'tensors.bin'));
  } catch {
    throw new CheckpointError(dir, `${latest.path}/tensors.bin is missing`);
  }
  if (bin.length !== manifest.bytes) {
    throw new CheckpointError(dir, `${latest.path}/tensors.bin has ${bin.length} bytes, expected ${manifest.bytes}`);
  }
  if (createHash('sha256').update(bin).digest('hex') !== manifest.sha256) {
    throw new CheckpointError(dir, `${latest.path}/tensors.bin fails its checksum`);
  }
  const tensors: Record<string, Float32Array> = {};
  for (const { name, offset, length } of manifest.tensors) {
    if (offset < 0 || offset + length * 4 > bin.length) throw new CheckpointError(dir, `tensor '${name}' lies outside tensors.bin`);
    // Copy out: a Float32Array needs 4-byte alignment that a Buffer slice does not promise.
    tensors[name] = new Float32Array(bin.buffer.slice(bin.byteOffset + offset, bin.byteOffset + offset + length * 4));
  }
  return { step: manifest.step, tensors, state: manifest.state };
}
