import { DataInputError } from '../errors.js';
import { createRng, type Rng } from '../rng.js';
import type { SyntheticTask } from './types.js';
import { makeExample, taskVocabulary } from './vocabulary.js';

export interface PointerChasingOptions {
  /** Examples to generate. Default 1000. */
  count?: number;
  seed?: number;
  /** Size of the variable-name pool (a, b, ..., z, ba, bb, ...). Default 8. */
  numVariables?: number;
  /** Links in the queried chain; a [min, max] range draws per example (mixed difficulty). Default 2. */
  hops?: number | [number, number];
  /** Statements that are not on the queried chain. Default 2. */
  distractors?: number;
  /**
   * Distractor statements between consecutive links of the chain: a number
   * (needs distractors >= gap * (hops - 1)) or 'random' (links and distractors
   * in random positions). Default 'random'.
   */
  gap?: number | 'random';
  /** Order of the chain's own statements: as followed, reversed, or shuffled. Default 'shuffled'. */
  linkOrder?: 'forward' | 'backward' | 'shuffled';
}

export const POINTER_CHASING_DEFAULTS = {
  count: 1000, seed: 0, numVariables: 8, hops: 2, distractors: 2, gap: 'random', linkOrder: 'shuffled',
} as const satisfies Required<PointerChasingOptions>;

/** Bijective base 26 (0 -> a, 25 -> z, 26 -> aa): names never repeat and stay short. */
export function variableName(index: number): string {
  let name = '';
  let n = index + 1;
  while (n > 0) {
    n -= 1;
    name = String.fromCharCode(97 + (n % 26)) + name;
    n = Math.floor(n / 26);
  }
  return name;
}

/** Hops for a curriculum: linear from `min` at progress 0 to `max` at progress 1. */
export function curriculumHops(progress: number, min: number, max: number): number {
  const p = Math.min(1, Math.max(0, progress));
  return Math.min(max, min + Math.floor(p * (max - min + 1)));
}

/**
 * k-hop pointer chasing: `a = b ; b = c ; c = d ; a ?` -> `d`. Every variable
 * is assigned at most once and the chain's end is never assigned, so the
 * answer is unique; distractors assign other variables (their right-hand
 * side may name a chain variable, which does not change the answer).
 */
export function generatePointerChasing(options: PointerChasingOptions = {}): SyntheticTask {
  const o = { ...POINTER_CHASING_DEFAULTS, ...options };
  const [minHops, maxHops] = typeof o.hops === 'number' ? [o.hops, o.hops] : o.hops;
  const where = { file: 'generatePointerChasing options' };
  if (!Number.isInteger(minHops) || !Number.isInteger(maxHops) || minHops < 1 || maxHops < minHops) {
    throw new DataInputError(`hops ${JSON.stringify(o.hops)} must be a positive integer or a [min, max] range`, where);
  }
  if (!Number.isInteger(o.distractors) || o.distractors < 0) throw new DataInputError(`distractors ${o.distractors} must be an integer >= 0`, where);
  if (!Number.isInteger(o.numVariables) || o.numVariables < maxHops + 1 + o.distractors) {
    throw new DataInputError(`numVariables ${o.numVariables} is too few for ${maxHops} hops and ${o.distractors} distractors; pass at least ${maxHops + 1 + o.distractors}`, where);
  }
  if (o.gap !== 'random' && (!Number.isInteger(o.gap) || o.gap < 0 || o.gap * (maxHops - 1) > o.distractors)) {
    throw new DataInputError(`gap ${o.gap} needs distractors >= gap * (hops - 1) = ${Number(o.gap) * (maxHops - 1)}; raise distractors or lower gap`, where);
  }
  const names = Array.from({ length: o.numVariables }, (_, i) => variableName(i));
  const vocabulary = taskVocabulary(['=', ';', '?', ...names]);
  const rng = createRng(o.seed);
  const examples = Array.from({ length: o.count }, () => {
    const hops = minHops + rng.int(maxHops - minHops + 1);
    const { tokens, answer } = chaseTokens(rng, names, hops, o.distractors, o.gap, o.linkOrder);
    return makeExample(vocabulary, tokens, answer, hops);
  });
  return { vocabulary, examples };
}

type Statement = [string, string];

function chaseTokens(rng: Rng, names: string[], hops: number, distractors: number, gap: number | 'random', linkOrder: PointerChasingOptions['linkOrder']): { tokens: string[]; answer: string } {
  const vars = rng.shuffle([...names]);
  const chain = vars.slice(0, hops + 1);
  const free = vars.slice(hops + 1);
  let links: Statement[] = chain.slice(0, hops).map((v, i) => [v, chain[i + 1]]);
  if (linkOrder === 'backward') links.reverse();
  else if (linkOrder === 'shuffled') links = rng.shuffle(links);
  const others: Statement[] = free.slice(0, distractors).map((lhs) => {
    const targets = names.filter((n) => n !== lhs);
    return [lhs, targets[rng.int(targets.length)]];
  });
  let statements: Statement[];
  if (gap === 'random') {
    statements = rng.shuffle([...links, ...others]);
  } else {
    const between = others.splice(0, gap * (hops - 1));
    const cut = rng.int(others.length + 1);
    statements = others.slice(0, cut);
    links.forEach((link, i) => {
      statements.push(link);
      if (i < links.length - 1) statements.push(...between.slice(i * gap, (i + 1) * gap));
    });
    statements.push(...others.slice(cut));
  }
  return { tokens: [...statements.flatMap(([lhs, rhs]) => [lhs, '=', rhs, ';']), chain[0], '?'], answer: chain[hops] };
}

/**
 * The checked evaluator, independent of the generator: parses
 * `x = y ; ... q ?` and follows the bindings from q. Throws on a malformed
 * prompt, a variable assigned twice, or a cycle.
 */
export function solvePointerChasing(tokens: readonly string[]): string {
  if (tokens.length < 2 || tokens[tokens.length - 1] !== '?') throw new Error('pointer-chasing prompt must end with "<variable> ?"');
  const binding = new Map<string, string>();
  for (let i = 0; i < tokens.length - 2; i += 4) {
    const [lhs, eq, rhs, semi] = tokens.slice(i, i + 4);
    if (eq !== '=' || semi !== ';' || rhs === undefined) throw new Error(`malformed statement at token ${i}: ${tokens.slice(i, i + 4).join(' ')}`);
    if (binding.has(lhs)) throw new Error(`variable ${lhs} is assigned twice`);
    binding.set(lhs, rhs);
  }
  let current = tokens[tokens.length - 2];
  for (let steps = 0; binding.has(current); steps++) {
    if (steps > binding.size) throw new Error(`cycle through ${current}`);
    current = binding.get(current)!;
  }
  return current;
}
