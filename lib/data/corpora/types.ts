/** Shapes shared by every corpus loader. */
export interface TextDocument {
  /** Stable id of the source document (chapter, address, mail), unique within the corpus. */
  id: string;
  text: string;
}

export interface LabelledText extends TextDocument {
  /** Class index into `LabelledCorpus.labels`. */
  label: number;
}

/** Splits are disjoint by source document: no document contributes to two splits. */
export interface CorpusSplits<T> {
  train: T[];
  validation: T[];
  test: T[];
}

export interface LabelledCorpus extends CorpusSplits<LabelledText> {
  /** Class names, indexed by `label`. */
  labels: string[];
}
