/**
 * The named presets and their training settings. Every number a run uses is here
 * (and in its results file), so a reader can see exactly what was trained.
 *
 * | preset | runs                                                             | updates (moby-lm / spam-cls / pointer-chase) | batch x len | lr (tiny/mini/small) |
 * |--------|------------------------------------------------------------------|----------------------------------------------|-------------|----------------------|
 * | smoke  | 3 tasks x tiny x {baseline, mixture, product} x seed 0           | 8 each                                       | 4 x 16      | 3e-3                 |
 * | quick  | {moby-lm, pointer-chase} x mini x {baseline, mixture} x seeds 0-1| 400 / - / 800                                | 16 x 64     | 2e-3                 |
 * | paper  | 3 tasks x {tiny, mini, small} x {baseline, mixture} x seeds 0-2  | 200 / 100 / 500                              | 16 x 64     | 3e-3 / 2e-3 / 1e-3   |
 * |        | + 3 tasks x mini x product x seeds 0-2                           |                                              |             |                      |
 *
 * Warmup is a tenth of the updates, then cosine decay; evaluation every 50 / 25 / 100
 * updates in paper, 50 / - / 100 in quick (smoke: every 4). Cost, measured on this 2-core machine while other work
 * shared it (wasm backend, ms per update at 16 x 64, tiny / mini / small): moby-lm
 * 270 / 570 / 2300, spam-cls 100 / 400 / 1500, pointer-chase 70 / 220 / 650; SAOBP
 * within about +-25% of the baseline. So quick is ~30 core-minutes (~15 minutes as two
 * shards) and paper ~2.5 core-hours (~80 minutes as two shards). Budgets are small,
 * far from convergence for the larger sizes: the presets compare methods at equal
 * budgets, and report what they measure.
 *
 * All presets: AdamW (beta 0.9/0.95, eps 1e-8), weight decay 0.1 on matrices only,
 * gradient-norm clip 1.0, dropout 0.1 (0 in smoke, whose runs are too short for it
 * to matter), attention tracked on a probe batch of 8 fixed held-out sequences
 * (4 in smoke), held-out loss and accuracy on 128 fixed sequences (8 in smoke),
 * the same for every run of a task.
 */
import { ConfigError, PRESET_NAMES, checkName, runId, validateRunConfig, type MethodName, type PresetName, type RunConfig, type SizeName, type TaskName } from './config.js';

const COMMON = { decay: 'cosine', weightDecay: 0.1, clipNorm: 1, dropout: 0.1, probeSize: 8, evalSize: 128 } as const;

const LR: Record<SizeName, number> = { tiny: 3e-3, mini: 2e-3, small: 1e-3, medium: 1e-3 };

interface Grid {
  tasks: TaskName[];
  sizes: SizeName[];
  methods: MethodName[];
  seeds: number[];
  settings: Omit<RunConfig, 'preset' | 'task' | 'size' | 'method' | 'seed' | 'lr'> & { lr?: number };
}

/**
 * Seed outermost and method innermost: a shard's round-robin then mixes tasks,
 * sizes and methods, and an interrupted sweep holds complete pairs per seed.
 */
function expand(preset: PresetName, grid: Grid): RunConfig[] {
  const runs: RunConfig[] = [];
  for (const seed of grid.seeds)
    for (const task of grid.tasks)
      for (const size of grid.sizes)
        for (const method of grid.methods) {
          runs.push(validateRunConfig({ preset, task, size, method, seed, lr: LR[size], ...grid.settings }));
        }
  return runs;
}

const TASKS: TaskName[] = ['moby-lm', 'spam-cls', 'pointer-chase'];

function smoke(): RunConfig[] {
  return expand('smoke', {
    tasks: TASKS,
    sizes: ['tiny'],
    methods: ['baseline', 'saobp-mixture', 'saobp-product'],
    seeds: [0],
    settings: { ...COMMON, dropout: 0, probeSize: 4, evalSize: 8, steps: 8, batchSize: 4, seqLen: 16, warmup: 2, evalEvery: 4, checkpointEvery: 4 },
  });
}

/**
 * Per-task budgets (updates, warmup, evaluation period). Pointer chasing has short
 * sequences (about 25 tokens) and needs more updates to leave chance; classification
 * of spam learns fastest.
 */
type TaskBudget = Pick<RunConfig, 'steps' | 'warmup' | 'evalEvery' | 'checkpointEvery'>;

function budget(steps: number, evalEvery: number): TaskBudget {
  return { steps, warmup: Math.round(steps / 10), evalEvery, checkpointEvery: evalEvery };
}

function byTask(preset: PresetName, budgets: Partial<Record<TaskName, TaskBudget>>, grid: Omit<Grid, 'tasks' | 'settings'>): RunConfig[] {
  const runs = Object.entries(budgets).flatMap(([task, b]) =>
    expand(preset, { ...grid, tasks: [task as TaskName], settings: { ...COMMON, batchSize: 16, seqLen: 64, ...b! } }));
  // Seed outermost, as in `expand`, so a shard mixes tasks and an interrupted sweep holds complete pairs per seed.
  return runs.sort((a, b) => a.seed - b.seed);
}

function quick(): RunConfig[] {
  return byTask('quick', { 'moby-lm': budget(400, 50), 'pointer-chase': budget(800, 100) }, {
    sizes: ['mini'],
    methods: ['baseline', 'saobp-mixture'],
    seeds: [0, 1],
  });
}

const PAPER_BUDGETS: Record<TaskName, TaskBudget> = {
  'moby-lm': budget(200, 50),
  'spam-cls': budget(100, 25),
  'pointer-chase': budget(500, 100),
};

function paper(): RunConfig[] {
  const main = byTask('paper', PAPER_BUDGETS, { sizes: ['tiny', 'mini', 'small'], methods: ['baseline', 'saobp-mixture'], seeds: [0, 1, 2] });
  const product = byTask('paper', PAPER_BUDGETS, { sizes: ['mini'], methods: ['saobp-product'], seeds: [0, 1, 2] });
  return [...main, ...product];
}

const PRESETS: Record<PresetName, () => RunConfig[]> = { smoke, quick, paper };

/** The runs of a preset, in their canonical order (the order shards partition). */
export function presetRuns(name: string): RunConfig[] {
  const preset = checkName('preset', name, PRESET_NAMES);
  const runs = PRESETS[preset]();
  const ids = new Set(runs.map(runId));
  if (ids.size !== runs.length) throw new ConfigError(`preset ${preset} lists a run twice`);
  return runs;
}
