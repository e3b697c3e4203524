/**
 * `npm run bench`: training-step time of the reference decoder (4 layers, width 128, 4 heads,
 * FF 512, batch 16, vocabulary 256, AdamW with decay 0 = Adam, no dropout as in the peer) in
 * this project and, where /usr/bin/python3 has torch, in the PyTorch peer (bench/torch_peer.py,
 * one thread), for baseline / saobp-mixture / saobp-product at each sequence length.
 * Each length runs here (methods round-robin) and then in the peer, so load drift hits both alike.
 * This project runs with its default XNNPACK threads (all cores, SAOBP_THREADS); at the reference
 * length the run also measures, side by side, this project on one thread (a child process with
 * SAOBP_THREADS=1) and the peer on as many threads as this project used, so that every ratio
 * is reported both ways.
 * Writes bench/results.json and the cost rows of data/results/bench/cost.json.
 * Usage: npm run bench -- [--steps 6] [--warmup 2] [--seqs 64,128,256] [--no-torch] [--json]
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../lib/backend.js';
import { Decoder, lmLoss, type SaobpOption } from '../lib/model/index.js';
import { AdamW } from '../lib/train/adamw.js';
import { wasmThreads } from '../lib/wasm-threads.js';
import { gitInfo } from '../lib/experiments/provenance.js';

const argv = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i < 0 ? fallback : argv[i + 1];
};
const STEPS = Number(flag('steps', '6'));
const WARMUP = Number(flag('warmup', '2'));
const SEQS = flag('seqs', '64,128,256').split(',').map(Number);
const JSON_OUT = argv.includes('--json');
const REF = { batch: 16, vocab: 256, layers: 4, width: 128, heads: 4, ff: 512, refSeq: 128 };
const PYTHON = '/usr/bin/python3';
const ROOT = path.resolve(import.meta.dirname, '..');
const METHODS: [string, string, false | SaobpOption][] = [
  ['baseline', 'baseline', false],
  ['saobp-mixture', 'mixture', { variant: 'mixture' }],
  ['saobp-product', 'product', { variant: 'product' }],
];

const log = (line: string) => (JSON_OUT ? process.stderr : process.stdout).write(line + '\n');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mib = (bytes: number) => bytes / 2 ** 20;

function torchAvailable(): string | null {
  if (argv.includes('--no-torch')) return null;
  try {
    return execFileSync(PYTHON, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

/** Median step times of the peer at one length, per method (its own warm-up and steps). */
function torchSteps(seq: number, methods = METHODS, threads = 1): Record<string, number> {
  const out = execFileSync(PYTHON, [path.join(ROOT, 'bench/torch_peer.py'), '--steps', String(STEPS), '--warmup', String(WARMUP),
    '--methods', methods.map(([, peer]) => peer).join(','), '--seqs', String(seq), '--batch', String(REF.batch),
    '--vocab', String(REF.vocab), '--threads', String(threads)], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!).stepMs;
}

/** This project's baseline step at one length on one XNNPACK thread, in a child process. */
function singleThreadStep(seq: number): number {
  const out = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--probe', '--seqs', String(seq),
    '--steps', String(STEPS), '--warmup', String(WARMUP)], { encoding: 'utf8', env: { ...process.env, SAOBP_THREADS: '1' }, cwd: ROOT });
  return JSON.parse(out.trim().split('\n').pop()!).stepMs;
}

interface Measured { stepMs: number; peakMiB: number; liveTensors: number; leakedTensors: number }

/**
 * The three methods at one length in this project, stepped round-robin (baseline, mixture,
 * product, baseline, ...) so that load drift hits their ratios least; median step times,
 * then one profiled step each for peak tensor memory.
 */
async function tfjsSteps(seq: number, methods = METHODS): Promise<Measured[]> {
  const before = tf.memory().numTensors;
  const ids = tf.randomUniform([REF.batch, seq], 0, REF.vocab, 'int32', 1) as tf.Tensor2D;
  const setups = methods.map(([, , saobp]) => {
    const model = new Decoder({ layers: REF.layers, width: REF.width, heads: REF.heads, ff: REF.ff, vocabSize: REF.vocab, maxLen: seq, dropout: 0, saobp });
    const params = model.params();
    const opt = new AdamW(params, { weightDecay: 0 });
    const step = () => {
      const { value, grads } = tf.variableGrads(() => lmLoss(model.forward({ ids }, { training: true }).logits, ids), params.map((p) => p.variable));
      opt.apply(Object.fromEntries(params.map((p) => [p.name, grads[p.variable.name]])), 1e-3);
      value.dataSync();
      tf.dispose([value, ...Object.values(grads)]);
    };
    return { model, opt, step, ms: [] as number[] };
  });
  for (let i = 0; i < WARMUP; i++) for (const s of setups) s.step();
  const live = tf.memory().numTensors;
  for (let i = 0; i < STEPS; i++) {
    for (const s of setups) {
      const t0 = performance.now();
      s.step();
      s.ms.push(performance.now() - t0);
    }
  }
  const leaked = tf.memory().numTensors - live;
  const measured: Measured[] = [];
  for (const s of setups) {
    const { peakBytes } = await tf.profile(() => s.step());
    measured.push({ stepMs: median(s.ms), peakMiB: mib(peakBytes), liveTensors: 0, leakedTensors: leaked });
  }
  const liveAll = live - before;
  for (const s of setups) {
    s.opt.dispose();
    s.model.dispose();
  }
  ids.dispose();
  if (tf.memory().numTensors !== before) throw new Error(`bench: ${tf.memory().numTensors - before} tensors left behind`);
  return measured.map((m) => ({ ...m, liveTensors: liveAll }));
}

/** Bytes of the wasm heap (it grows to the peak and never shrinks). */
function wasmHeapBytes(): number | null {
  const backend = tf.backend() as unknown as { wasm?: { HEAPU8?: Uint8Array } };
  return backend.wasm?.HEAPU8?.buffer.byteLength ?? null;
}

// The commit of the measured code, read before this run writes its results into the tree.
const git = gitInfo(ROOT);
const backend = await initBackend();
if (argv.includes('--probe')) {
  // Child of singleThreadStep: the baseline at one length, one JSON line.
  const [m] = await tfjsSteps(SEQS[0], METHODS.slice(0, 1));
  console.log(JSON.stringify({ stepMs: m.stepMs, threads: wasmThreads() }));
  process.exit(0);
}
const threads = backend === 'wasm' ? wasmThreads() : null;
const torchVersion = torchAvailable();
log(`decoder L${REF.layers} D${REF.width} H${REF.heads} FF${REF.ff}, batch ${REF.batch}, vocab ${REF.vocab}; ` +
  `tfjs ${tf.version_core} on ${backend}${threads ? ` (${threads} thread${threads > 1 ? 's' : ''})` : ''}` +
  (torchVersion ? ` vs PyTorch ${torchVersion} (1 thread)` : ' (no PyTorch peer)') +
  `; median of ${STEPS} steps after ${WARMUP} warm-up; ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)}`);

interface Row { method: string; seqLen: number; tfjsMs: number; torchMs: number | null; peakMiB: number; liveTensors: number; leakedTensors: number }
const rows: Row[] = [];
for (const seq of SEQS) {
  const mine = await tfjsSteps(seq);
  const peer = torchVersion ? torchSteps(seq) : null;
  METHODS.forEach(([method, peerName], i) => {
    const m = mine[i];
    const torchMs = peer ? peer[`${peerName}@${seq}`] : null;
    rows.push({ method, seqLen: seq, tfjsMs: m.stepMs, torchMs, peakMiB: m.peakMiB, liveTensors: m.liveTensors, leakedTensors: m.leakedTensors });
    const tokens = (REF.batch * seq) / (m.stepMs / 1000);
    log(`T=${String(seq).padStart(3)} ${method.padEnd(13)} tfjs ${m.stepMs.toFixed(0).padStart(5)} ms (${tokens.toFixed(0).padStart(6)} tok/s)` +
      (torchMs !== null ? `  torch ${torchMs.toFixed(0).padStart(5)} ms  ratio ${(m.stepMs / torchMs).toFixed(2)}` : '') +
      `  peak ${m.peakMiB.toFixed(0)} MiB`);
  });
  log(`T=${String(seq).padStart(3)} ${mine[0].liveTensors} live tensors while training all three, ${mine[0].leakedTensors} leaked over ${STEPS} rounds`);
}

// At the reference length, both sides on equal threads: this project on one, the peer on ours.
const refSeq = SEQS.includes(REF.refSeq) ? REF.refSeq : SEQS[0];
const tfjsSingleThreadMs = backend === 'wasm' && threads !== null && threads > 1 ? singleThreadStep(refSeq) : null;
const torchSameThreadsMs = torchVersion && threads !== null && threads > 1 ? torchSteps(refSeq, METHODS.slice(0, 1), threads)[`baseline@${refSeq}`] : null;

const at = (method: string, seq: number) => rows.find((r) => r.method === method && r.seqLen === seq);
const summary = (seq: number) => {
  const [base, mix, prod] = METHODS.map(([m]) => at(m, seq));
  if (!base || !mix || !prod) return null;
  return {
    seqLen: seq,
    tfjsMs: base.tfjsMs,
    tokensPerS: (REF.batch * seq) / (base.tfjsMs / 1000),
    torchMs: base.torchMs,
    ratioVsPytorch: base.torchMs ? base.tfjsMs / base.torchMs : null,
    saobpMixtureOverhead: mix.tfjsMs / base.tfjsMs,
    saobpProductOverhead: prod.tfjsMs / base.tfjsMs,
    torchMixtureOverhead: base.torchMs && mix.torchMs ? mix.torchMs / base.torchMs : null,
    torchProductOverhead: base.torchMs && prod.torchMs ? prod.torchMs / base.torchMs : null,
  };
};
const base = summary(refSeq)!;
const ref = {
  ...base,
  threads,
  tfjsSingleThreadMs,
  ratioSingleThreadVsPytorch: tfjsSingleThreadMs !== null && base.torchMs ? tfjsSingleThreadMs / base.torchMs : null,
  torchSameThreadsMs,
  ratioVsPytorchSameThreads: torchSameThreadsMs !== null ? base.tfjsMs / torchSameThreadsMs : null,
};
const heap = wasmHeapBytes();
const result = {
  ...ref,
  backend,
  git,
  torch: torchVersion,
  steps: STEPS,
  warmup: WARMUP,
  wasmHeapMiB: heap === null ? null : mib(heap),
  maxRssMiB: process.resourceUsage().maxRSS / 1024,
  liveTensors: tf.memory().numTensors,
  rows,
  date: new Date().toISOString(),
};
for (const seq of SEQS) {
  const s = summary(seq);
  if (s) log(`T=${seq}: mixture x${s.saobpMixtureOverhead.toFixed(2)}, product x${s.saobpProductOverhead.toFixed(2)}` +
    (s.torchMixtureOverhead ? ` (torch x${s.torchMixtureOverhead.toFixed(2)}, x${s.torchProductOverhead!.toFixed(2)})` : ''));
}
if (threads !== null && threads > 1) {
  log(`T=${refSeq} baseline, equal threads: tfjs on 1 thread ${tfjsSingleThreadMs!.toFixed(0)} ms` +
    (base.torchMs ? ` (ratio ${ref.ratioSingleThreadVsPytorch!.toFixed(2)} vs PyTorch on 1)` : '') +
    (torchSameThreadsMs !== null ? `; PyTorch on ${threads} threads ${torchSameThreadsMs.toFixed(0)} ms (ratio ${ref.ratioVsPytorchSameThreads!.toFixed(2)} vs tfjs on ${threads})` : ''));
}
log(`wasm heap ${result.wasmHeapMiB?.toFixed(0) ?? '-'} MiB, max RSS ${result.maxRssMiB.toFixed(0)} MiB, ${result.liveTensors} live tensors at exit`);

writeFileSync(path.join(ROOT, 'bench/results.json'), JSON.stringify(result, null, 2) + '\n');
const costDir = path.join(ROOT, 'data/results/bench');
mkdirSync(costDir, { recursive: true });
// Tidy rows in the shape lib/viz's cost figure reads (one run, seed 0, whole-model metrics).
const size = `L${REF.layers}-D${REF.width}`;
const costRows = rows.flatMap((r) => [['step_ms', r.tfjsMs], ['memory_mib', r.peakMiB]].map(([metric, value]) => ({
  run: `bench-${r.method}`, task: 'bench', size, method: r.method, seed: 0, layer: null, head: null, step: 0,
  metric, value, seqLen: r.seqLen, backend,
})));
writeFileSync(path.join(costDir, 'cost.json'), JSON.stringify({ config: { ...REF, backend, threads, steps: STEPS, date: result.date, git }, rows: costRows }, null, 2) + '\n');
if (JSON_OUT) console.log(JSON.stringify({ ...ref, backend, torch: torchVersion, wasmHeapMiB: result.wasmHeapMiB, maxRssMiB: result.maxRssMiB, liveTensors: result.liveTensors }));
