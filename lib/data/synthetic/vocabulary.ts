import { SPECIAL_TOKENS } from '../tokenizer/specials.js';
import type { SyntheticExample } from './types.js';

/** The specials keep ids 0..6, so batching helpers work on synthetic tasks unchanged. */
export function taskVocabulary(taskTokens: readonly string[]): string[] {
  return [...SPECIAL_TOKENS, ...taskTokens];
}

export function makeExample(vocabulary: readonly string[], tokens: string[], answer: string, difficulty: number): SyntheticExample {
  const idOf = new Map(vocabulary.map((t, i) => [t, i]));
  const id = (t: string): number => {
    const found = idOf.get(t);
    if (found === undefined) throw new Error(`synthetic token ${JSON.stringify(t)} missing from the task vocabulary`);
    return found;
  };
  return { tokens, ids: tokens.map(id), answer, answerId: id(answer), text: tokens.join(' '), difficulty };
}
