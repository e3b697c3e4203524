/**
 * The TSV layouts of the GLUE release (as its download script lays them out):
 * folder, files, header, and which columns hold the texts and the label.
 * Files with a header are read by column *name*; CoLA has no header, so by
 * position.
 */
export const GLUE_TASKS = ['sst2', 'cola', 'mrpc', 'qqp', 'stsb', 'mnli', 'qnli', 'rte'] as const;
export type GlueTask = (typeof GLUE_TASKS)[number];

export interface GlueLayout {
  /** Folder name in the GLUE release. */
  folder: string;
  train: string;
  validation: string;
  /** Header names of the text and label columns; null: no header, use `positions`. */
  columns: { textA: string; textB?: string; label: string } | null;
  /** CoLA: column count and positions (no header). */
  positions?: { count: number; textA: number; label: number };
  /** Class names in label-index order; undefined for the STS-B regression score. */
  classes?: readonly string[];
}

/** Binary tasks whose file labels are already 0/1. */
const BINARY = ['0', '1'] as const;
/** Label order as in the HF `glue` dataset, so indices agree with published checkpoints. */
const NLI3 = ['entailment', 'neutral', 'contradiction'] as const;
const NLI2 = ['entailment', 'not_entailment'] as const;

export const GLUE_LAYOUTS: Record<GlueTask, GlueLayout> = {
  sst2: { folder: 'SST-2', train: 'train.tsv', validation: 'dev.tsv', columns: { textA: 'sentence', label: 'label' }, classes: BINARY },
  cola: { folder: 'CoLA', train: 'train.tsv', validation: 'dev.tsv', columns: null, positions: { count: 4, textA: 3, label: 1 }, classes: BINARY },
  mrpc: {
    folder: 'MRPC', train: 'train.tsv', validation: 'dev.tsv',
    columns: { textA: '#1 String', textB: '#2 String', label: 'Quality' }, classes: BINARY,
  },
  qqp: {
    folder: 'QQP', train: 'train.tsv', validation: 'dev.tsv',
    columns: { textA: 'question1', textB: 'question2', label: 'is_duplicate' }, classes: BINARY,
  },
  stsb: { folder: 'STS-B', train: 'train.tsv', validation: 'dev.tsv', columns: { textA: 'sentence1', textB: 'sentence2', label: 'score' } },
  mnli: {
    folder: 'MNLI', train: 'train.tsv', validation: 'dev_matched.tsv',
    columns: { textA: 'sentence1', textB: 'sentence2', label: 'gold_label' }, classes: NLI3,
  },
  qnli: { folder: 'QNLI', train: 'train.tsv', validation: 'dev.tsv', columns: { textA: 'question', textB: 'sentence', label: 'label' }, classes: NLI2 },
  rte: { folder: 'RTE', train: 'train.tsv', validation: 'dev.tsv', columns: { textA: 'sentence1', textB: 'sentence2', label: 'label' }, classes: NLI2 },
};
