/**
 * `npm run experiments -- --preset <name> [--only <filter>] [--shard k/n] [--out <dir>] [--resume]`
 * Trains a preset's runs and writes one results file per run under <out>/<preset>/.
 * A thin wrapper: everything it does lives in lib/experiments.
 */
import { parseArgs } from 'node:util';
import * as aq from 'arquero';
import { initBackend } from '../lib/backend.js';
import { wasmThreads, wasmThreadsFromEnv } from '../lib/wasm-threads.js';
import { activePreset, PRESET_NAMES, type PresetName } from '../lib/preset.js';
import { checkName, finalRows, mergeResults, parseShard, planSweep, presetDir, readPresetDir, rowsTable, runId, runSweep } from '../lib/experiments/index.js';
import { TASKS } from '../lib/experiments/tasks/index.js';

const HELP = `Usage: npm run experiments -- [options]

Trains the runs of a preset and writes one JSON file per run to <out>/<preset>/.

Options:
  --preset <name>    smoke | quick | paper (default: $SAOBP_PRESET, else quick)
  --only <filter>    comma-separated terms a run must all match: task=, size=,
                     method=, seed=, or a substring of the run id
                     (e.g. --only task=moby-lm,method=baseline)
  --shard <k/n>      train only the k-th of n deterministic parts of the runs
  --out <dir>        output directory (default: data/results)
  --resume           keep finished runs, continue checkpointed ones
  --merge <dirs>     comma-separated output directories of shards to join into
                     --out (no training)
  --list             print the selected runs and what would happen, then exit
  -h, --help         this text

Runs are named <task>.<size>.<method>.seed<k>. Tasks: moby-lm, spam-cls,
pointer-chase; sizes: tiny, mini, small; methods: baseline, saobp-mixture,
saobp-product.

Shards are a fixed partition; any scheduler runs them. Two cores, one machine:
  npm run experiments -- --preset paper --shard 1/2 --resume &
  npm run experiments -- --preset paper --shard 2/2 --resume; wait
GNU parallel:
  parallel npm run experiments -- --preset paper --resume --shard {}/4 ::: 1 2 3 4
Slurm array (one shard per task; --resume makes requeued tasks continue):
  sbatch --array=1-8 --wrap 'npm run experiments -- --preset paper --resume --shard $SLURM_ARRAY_TASK_ID/8'
Shards writing to different --out directories are joined with --merge:
  npm run experiments -- --preset paper --merge out-1,out-2 --out data/results

Threads: the wasm backend runs on SAOBP_THREADS threads; unset, a run takes
all cores, and a --shard k/n run takes cores/n of them (at least 1), assuming the n
shards share this machine. Set SAOBP_THREADS when they do not (e.g. one per node).
`;

function fail(message: string): never {
  console.error(`experiments: ${message}`);
  process.exit(2);
}

/** Errors that describe bad input (names, files, settings) get one line; anything else keeps its stack. */
const USER_ERRORS = new Set(['ConfigError', 'CheckpointError', 'DataInputError', 'ModelConfigError']);

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: {
        preset: { type: 'string' },
        only: { type: 'string' },
        shard: { type: 'string' },
        out: { type: 'string', default: 'data/results' },
        resume: { type: 'boolean', default: false },
        merge: { type: 'string' },
        list: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    fail(`${(error as Error).message}; see --help`);
  }
  if (args.help) {
    process.stdout.write(HELP);
    return;
  }
  let preset: PresetName;
  try {
    preset = checkName('preset', args.preset ?? activePreset('quick'), PRESET_NAMES);
  } catch (error) {
    fail((error as Error).message);
  }
  const out = args.out!;

  if (args.merge !== undefined) {
    const ids = mergeResults(args.merge.split(',').filter(Boolean), out, preset);
    console.log(`merged ${ids.length} runs into ${presetDir(out, preset)}`);
    return;
  }

  const request = { preset, only: args.only, shard: args.shard, out, resume: args.resume };
  const plan = planSweep(request);
  console.log(
    `preset ${preset}: ${plan.selected.length} runs selected, ${plan.finished.length} finished, ${plan.pending.length} to train -> ${plan.dir}`,
  );
  if (args.list) {
    for (const { config, from } of plan.pending) console.log(`  ${runId(config)}${from > 0 ? ` (resumes at step ${from})` : ''}`);
    return;
  }
  // Shards usually run side by side, one per core: each takes its share of the cores as
  // threads (two processes of one thread beat one process of two: 2x against 1.7x here).
  const shards = args.shard === undefined ? 1 : parseShard(args.shard).count;
  const backend = await initBackend(undefined, { threads: wasmThreadsFromEnv(process.env, shards) });
  const started = Date.now();
  await runSweep({
    ...request,
    tasks: TASKS,
    onRun: (i, n, id) => console.log(`[${i}/${n}] ${id} (backend ${backend}${backend === 'wasm' ? `, ${wasmThreads()} thread(s)` : ''})`),
  });
  console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  summarize(plan.dir, preset, plan.selected.map(runId));
}

/** Final held-out metrics of the selected runs, one line each. */
function summarize(dir: string, preset: PresetName, ids: string[]): void {
  const runs = [...readPresetDir(dir, preset).values()].filter((r) => ids.includes(r.id));
  const finals = finalRows(rowsTable(runs))
    .filter((d: any) => d.layer === null && (d.metric === 'eval_loss' || d.metric === 'eval_accuracy' || d.metric === 'eval_perplexity'))
    .groupby('run')
    .pivot('metric', 'value')
    .orderby('run');
  const speed = aq.from(runs.map((r) => ({ run: r.id, tok_s: Math.round(r.tokensPerSecond) })));
  console.log(finals.join(speed, 'run').toMarkdown({ format: Object.fromEntries(['eval_loss', 'eval_accuracy', 'eval_perplexity'].map((m) => [m, (v: unknown) => (typeof v === 'number' ? v.toFixed(4) : '')])) }));
}

// Exit here rather than rethrow: the wasm backend's uncaughtException hook would print its whole minified source.
main().catch((error: Error) => {
  if (USER_ERRORS.has(error.name)) fail(error.message);
  console.error(error.stack ?? error);
  process.exit(1);
});
