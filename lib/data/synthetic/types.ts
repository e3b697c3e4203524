/** One generated example: a prompt of task tokens and its single-token answer. */
export interface SyntheticExample {
  /** Prompt tokens, ending with the query (pointer chasing) or the closing bracket (ListOps). */
  tokens: string[];
  /** `tokens` as ids of the task's vocabulary (special tokens first, as in tokenizer/specials.ts). */
  ids: number[];
  answer: string;
  answerId: number;
  /** `tokens` joined by spaces, for character-level models. */
  text: string;
  /** Hops (pointer chasing) or nesting depth (ListOps): the x-axis of accuracy-by-difficulty figures. */
  difficulty: number;
}

export interface SyntheticTask {
  /** Token strings in id order: the special tokens, then the task's own. */
  vocabulary: string[];
  examples: SyntheticExample[];
}
