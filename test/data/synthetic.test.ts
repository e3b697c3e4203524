import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  curriculumHops, DataInputError, evaluateListOps, generateListOps, generatePointerChasing, solvePointerChasing, SPECIAL_TOKENS, variableName,
} from '../../lib/data/index.js';

test('pointer chasing: the generated answer matches the independent solver, and the example from the issue', () => {
  assert.equal(solvePointerChasing('a = b ; b = c ; c = d ; a ?'.split(' ')), 'd');
  for (const hops of [1, 2, 3, 4]) {
    const task = generatePointerChasing({ count: 200, seed: hops, hops, distractors: 3, numVariables: 12 });
    for (const ex of task.examples) {
      assert.equal(ex.answer, solvePointerChasing(ex.tokens));
      assert.equal(ex.difficulty, hops);
      assert.equal(ex.tokens.length, 4 * (hops + 3) + 2);
      assert.deepEqual(ex.ids.map((id) => task.vocabulary[id]), ex.tokens);
      assert.equal(task.vocabulary[ex.answerId], ex.answer);
      assert.notEqual(ex.answer, ex.tokens[ex.tokens.length - 2]);
    }
  }
});

test('pointer chasing: seeded, with knobs for gap, link order, hop range and curriculum', () => {
  const a = generatePointerChasing({ count: 50, seed: 7 });
  assert.deepEqual(generatePointerChasing({ count: 50, seed: 7 }), a);
  assert.notDeepEqual(generatePointerChasing({ count: 50, seed: 8 }).examples, a.examples);
  assert.deepEqual(a.vocabulary.slice(0, SPECIAL_TOKENS.length), [...SPECIAL_TOKENS]);

  // gap 2, forward: consecutive links are exactly 2 statements apart.
  const gapped = generatePointerChasing({ count: 50, seed: 1, hops: 3, distractors: 5, gap: 2, linkOrder: 'forward', numVariables: 10 });
  for (const ex of gapped.examples) {
    const statements = [];
    for (let i = 0; i < ex.tokens.length - 2; i += 4) statements.push(ex.tokens.slice(i, i + 4));
    const lhs = statements.map((s) => s[0]);
    let at = lhs.indexOf(ex.tokens[ex.tokens.length - 2]);
    for (let hop = 1; hop < 3; hop++) {
      const next = lhs.indexOf(statements[at][2]);
      assert.equal(next - at, 3);
      at = next;
    }
    assert.equal(ex.answer, solvePointerChasing(ex.tokens));
  }
  const mixed = generatePointerChasing({ count: 300, seed: 2, hops: [1, 4], numVariables: 10 });
  assert.deepEqual([...new Set(mixed.examples.map((e) => e.difficulty))].sort(), [1, 2, 3, 4]);
  assert.deepEqual([0, 0.3, 0.6, 0.99, 1].map((p) => curriculumHops(p, 1, 4)), [1, 2, 3, 4, 4]);
  assert.deepEqual([0, 25, 26, 27].map(variableName), ['a', 'z', 'aa', 'ab']);
});

test('pointer chasing: impossible settings fail with one clear message', () => {
  assert.throws(() => generatePointerChasing({ numVariables: 4, hops: 3, distractors: 2 }), (e: Error) => e instanceof DataInputError && /pass at least 6/.test(e.message));
  assert.throws(() => generatePointerChasing({ hops: 3, distractors: 1, gap: 1, numVariables: 10 }), /gap 1 needs distractors >= gap \* \(hops - 1\) = 2/);
  assert.throws(() => generatePointerChasing({ hops: 0 }), /hops 0/);
  assert.throws(() => solvePointerChasing('a = b ; b = a ; a ?'.split(' ')), /cycle/);
});

test('ListOps: evaluator on hand-checked expressions', () => {
  assert.equal(evaluateListOps('[MAX 2 9 [MIN 4 7 ] 0 ]'), 9);
  assert.equal(evaluateListOps('[MIN 3 [MAX 5 8 ] ]'), 3);
  assert.equal(evaluateListOps('[MED 1 9 3 7 ]'), 7);
  assert.equal(evaluateListOps('[MED 4 1 2 ]'), 2);
  assert.equal(evaluateListOps('[SM 8 [SM 5 9 ] 3 ]'), 5);
  assert.throws(() => evaluateListOps('[MAX 2 3'), /unterminated/);
  assert.throws(() => evaluateListOps('[MAX 2 3 ] ]'), /after the end/);
  assert.throws(() => evaluateListOps('[FOO 2 ]'), /unknown operator/);
});

test('ListOps: generated answers match the evaluator; depth and length knobs hold', () => {
  const task = generateListOps({ count: 500, seed: 3 });
  const answers = new Set<string>();
  for (const ex of task.examples) {
    assert.equal(Number(ex.answer), evaluateListOps(ex.tokens));
    assert.ok(ex.tokens.length <= 64 && ex.difficulty >= 1 && ex.difficulty <= 3);
    assert.equal(task.vocabulary[ex.answerId], ex.answer);
    answers.add(ex.answer);
  }
  assert.equal(answers.size, 10);
  assert.ok(new Set(task.examples.map((e) => e.difficulty)).size === 3);
  const deep = generateListOps({ count: 100, seed: 4, minDepth: 4, maxDepth: 5, nestProbability: 0.5, maxTokens: 200 });
  for (const ex of deep.examples) {
    assert.ok(ex.difficulty >= 4);
    assert.equal(Number(ex.answer), evaluateListOps(ex.text));
  }
  assert.deepEqual(generateListOps({ count: 20, seed: 9 }), generateListOps({ count: 20, seed: 9 }));
  assert.throws(() => generateListOps({ minDepth: 3, maxDepth: 2 }), /minDepth/);
  assert.throws(() => generateListOps({ minDepth: 3, maxTokens: 5, count: 1 }), /raise maxTokens/);
});
