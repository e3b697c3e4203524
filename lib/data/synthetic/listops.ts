import { DataInputError } from '../errors.js';
import { createRng, type Rng } from '../rng.js';
import type { SyntheticTask } from './types.js';
import { makeExample, taskVocabulary } from './vocabulary.js';

export const LISTOPS_OPERATORS = ['MIN', 'MAX', 'MED', 'SM'] as const;
export type ListOpsOperator = (typeof LISTOPS_OPERATORS)[number];

export interface ListOpsOptions {
  /** Examples to generate. Default 1000. */
  count?: number;
  seed?: number;
  /** Deepest nesting; the root operator is depth 1. Default 3. */
  maxDepth?: number;
  /** Resample until the expression is at least this deep. Default 1. */
  minDepth?: number;
  /** Arguments per operator, drawn uniformly in [minArgs, maxArgs]. Defaults 2 and 4. */
  minArgs?: number;
  maxArgs?: number;
  /** Chance that an argument is a sub-expression (while below maxDepth). Default 0.3. */
  nestProbability?: number;
  /** Resample expressions longer than this many tokens. Default 64. */
  maxTokens?: number;
  operators?: readonly ListOpsOperator[];
}

export const LISTOPS_DEFAULTS = {
  count: 1000, seed: 0, maxDepth: 3, minDepth: 1, minArgs: 2, maxArgs: 4, nestProbability: 0.3, maxTokens: 64, operators: LISTOPS_OPERATORS,
} as const satisfies Required<ListOpsOptions>;

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** Value of one operator on digits: MED is the upper median (sorted[n >> 1]); SM is the sum mod 10. */
export function applyListOp(op: ListOpsOperator, values: number[]): number {
  if (values.length === 0) throw new Error(`ListOps ${op} needs at least one argument`);
  switch (op) {
    case 'MIN': return Math.min(...values);
    case 'MAX': return Math.max(...values);
    case 'MED': return [...values].sort((a, b) => a - b)[values.length >> 1];
    case 'SM': return values.reduce((a, b) => a + b, 0) % 10;
  }
}

interface Generated { tokens: string[]; value: number; depth: number }

function generateExpression(rng: Rng, o: Required<ListOpsOptions>, depth: number): Generated {
  const op = o.operators[rng.int(o.operators.length)];
  const n = o.minArgs + rng.int(o.maxArgs - o.minArgs + 1);
  const tokens = [`[${op}`];
  const values: number[] = [];
  let deepest = depth;
  for (let i = 0; i < n; i++) {
    if (depth < o.maxDepth && rng.next() < o.nestProbability) {
      const sub = generateExpression(rng, o, depth + 1);
      tokens.push(...sub.tokens);
      values.push(sub.value);
      deepest = Math.max(deepest, sub.depth);
    } else {
      const digit = rng.int(10);
      tokens.push(DIGITS[digit]);
      values.push(digit);
    }
  }
  tokens.push(']');
  return { tokens, value: applyListOp(op, values), depth: deepest };
}

/** ListOps-style nested expressions, e.g. `[MAX 2 9 [MIN 4 7 ] 0 ]` -> `9`; the answer is one digit (chance 10%). */
export function generateListOps(options: ListOpsOptions = {}): SyntheticTask {
  const o: Required<ListOpsOptions> = { ...LISTOPS_DEFAULTS, ...options };
  const where = { file: 'generateListOps options' };
  if (!Number.isInteger(o.maxDepth) || o.maxDepth < 1 || o.minDepth > o.maxDepth) throw new DataInputError(`need 1 <= minDepth (${o.minDepth}) <= maxDepth (${o.maxDepth})`, where);
  if (!Number.isInteger(o.minArgs) || o.minArgs < 1 || o.maxArgs < o.minArgs) throw new DataInputError(`need 1 <= minArgs (${o.minArgs}) <= maxArgs (${o.maxArgs})`, where);
  if (o.operators.length === 0 || !o.operators.every((op) => (LISTOPS_OPERATORS as readonly string[]).includes(op))) {
    throw new DataInputError(`operators must be a non-empty subset of ${LISTOPS_OPERATORS.join(' ')}`, where);
  }
  if (o.minDepth > 1 && o.nestProbability <= 0) throw new DataInputError(`minDepth ${o.minDepth} needs nestProbability > 0`, where);
  const vocabulary = taskVocabulary([...LISTOPS_OPERATORS.map((op) => `[${op}`), ']', ...DIGITS]);
  const rng = createRng(o.seed);
  const examples = Array.from({ length: o.count }, () => {
    for (let attempt = 0; attempt < 1000; attempt++) {
      const g = generateExpression(rng, o, 1);
      if (g.tokens.length <= o.maxTokens && g.depth >= o.minDepth) return makeExample(vocabulary, g.tokens, DIGITS[g.value], g.depth);
    }
    throw new DataInputError(`no expression of depth >= ${o.minDepth} fits in maxTokens ${o.maxTokens} after 1000 tries; raise maxTokens or nestProbability, or lower maxArgs`, where);
  });
  return { vocabulary, examples };
}

/** The checked evaluator, independent of the generator: parses the token list with a stack. */
export function evaluateListOps(tokens: readonly string[] | string): number {
  const list = typeof tokens === 'string' ? tokens.trim().split(/\s+/) : tokens;
  const stack: { op: ListOpsOperator; values: number[] }[] = [];
  let result: number | undefined;
  for (const [i, token] of list.entries()) {
    if (result !== undefined) throw new Error(`ListOps: token ${i} (${token}) after the end of the expression`);
    if (token.startsWith('[')) {
      const op = token.slice(1) as ListOpsOperator;
      if (!(LISTOPS_OPERATORS as readonly string[]).includes(op)) throw new Error(`ListOps: unknown operator ${token} at token ${i}`);
      stack.push({ op, values: [] });
    } else if (token === ']') {
      const frame = stack.pop();
      if (frame === undefined) throw new Error(`ListOps: unmatched ] at token ${i}`);
      const value = applyListOp(frame.op, frame.values);
      if (stack.length === 0) result = value;
      else stack[stack.length - 1].values.push(value);
    } else if (/^[0-9]$/.test(token) && stack.length > 0) {
      stack[stack.length - 1].values.push(Number(token));
    } else {
      throw new Error(`ListOps: unexpected token ${JSON.stringify(token)} at ${i}`);
    }
  }
  if (result === undefined) throw new Error('ListOps: unterminated expression');
  return result;
}
