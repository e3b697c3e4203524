import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataInputError, GLUE_LAYOUTS, GLUE_TASKS, loadGlueTask, type GlueExample, type GlueTask } from '../../lib/data/index.js';

/** Two rows per file in each task's real GLUE layout (headers and column order as released). */
const FIXTURES: Record<GlueTask, { header?: string[]; rows: string[][]; expected: GlueExample[] }> = {
  sst2: {
    header: ['sentence', 'label'],
    rows: [['it \'s a charming and often affecting journey . ', '1'], ['"unflinchingly bleak" — désespéré ', '0']],
    expected: [{ textA: 'it \'s a charming and often affecting journey . ', label: 1 }, { textA: '"unflinchingly bleak" — désespéré ', label: 0 }],
  },
  cola: {
    rows: [['gj04', '1', '', 'Our friends won\'t buy this analysis, let alone the next one we propose.'], ['gj04', '0', '*', 'They drank the pub.']],
    expected: [{ textA: 'Our friends won\'t buy this analysis, let alone the next one we propose.', label: 1 }, { textA: 'They drank the pub.', label: 0 }],
  },
  mrpc: {
    header: ['Quality', '#1 ID', '#2 ID', '#1 String', '#2 String'],
    rows: [['1', '702876', '702977', 'Amrozi accused his brother , whom he called " the witness " .', 'Referring to him as only " the witness " , Amrozi accused his brother .'], ['0', '2108705', '2108831', 'Yucaipa owned Dominick \'s .', 'Yucaipa bought Dominick \'s in 1995 .']],
    expected: [
      { textA: 'Amrozi accused his brother , whom he called " the witness " .', textB: 'Referring to him as only " the witness " , Amrozi accused his brother .', label: 1 },
      { textA: 'Yucaipa owned Dominick \'s .', textB: 'Yucaipa bought Dominick \'s in 1995 .', label: 0 },
    ],
  },
  qqp: {
    header: ['id', 'qid1', 'qid2', 'question1', 'question2', 'is_duplicate'],
    rows: [['133273', '213221', '213222', 'How is the life of a math student?', 'Which level of prepration is enough?', '0'], ['402555', '536040', '536041', 'How do I control my horny emotions?', 'How do you control your horniness?', '1']],
    expected: [
      { textA: 'How is the life of a math student?', textB: 'Which level of prepration is enough?', label: 0 },
      { textA: 'How do I control my horny emotions?', textB: 'How do you control your horniness?', label: 1 },
    ],
  },
  stsb: {
    header: ['index', 'genre', 'filename', 'year', 'old_index', 'source1', 'source2', 'sentence1', 'sentence2', 'score'],
    rows: [['0', 'main-captions', 'MSRvid', '2012test', '0001', 'none', 'none', 'A plane is taking off.', 'An air plane is taking off.', '5.000'], ['1', 'main-captions', 'MSRvid', '2012test', '0004', 'none', 'none', 'A man is playing a flute.', 'A man is playing a large flute.', '3.800']],
    expected: [
      { textA: 'A plane is taking off.', textB: 'An air plane is taking off.', label: 5 },
      { textA: 'A man is playing a flute.', textB: 'A man is playing a large flute.', label: 3.8 },
    ],
  },
  mnli: {
    header: ['index', 'promptID', 'pairID', 'genre', 'sentence1_binary_parse', 'sentence2_binary_parse', 'sentence1_parse', 'sentence2_parse', 'sentence1', 'sentence2', 'label1', 'gold_label'],
    rows: [['0', '31193', '31193n', 'government', '( ( Conceptually ...', '( ( ( Product ...', '(ROOT ...)', '(ROOT ...)', 'Conceptually cream skimming has two basic dimensions - product and geography.', 'Product and geography are what make cream skimming work. ', 'neutral', 'neutral'], ['1', '101457', '101457e', 'telephone', '( you ...', '( You ...', '(ROOT ...)', '(ROOT ...)', 'you know during the season and i guess at at your level uh you lose them', 'You lose the things to the following level if the people recall.', 'entailment', 'entailment']],
    expected: [
      { textA: 'Conceptually cream skimming has two basic dimensions - product and geography.', textB: 'Product and geography are what make cream skimming work. ', label: 1 },
      { textA: 'you know during the season and i guess at at your level uh you lose them', textB: 'You lose the things to the following level if the people recall.', label: 0 },
    ],
  },
  qnli: {
    header: ['index', 'question', 'sentence', 'label'],
    rows: [['0', 'When did the third Digimon series begin?', 'Unlike the two seasons before it, Digimon Tamers takes a darker approach.', 'not_entailment'], ['1', 'Which missile batteries often have individual launchers?', 'When MANPADS is operated by specialists, batteries may have several dozen teams.', 'entailment']],
    expected: [
      { textA: 'When did the third Digimon series begin?', textB: 'Unlike the two seasons before it, Digimon Tamers takes a darker approach.', label: 1 },
      { textA: 'Which missile batteries often have individual launchers?', textB: 'When MANPADS is operated by specialists, batteries may have several dozen teams.', label: 0 },
    ],
  },
  rte: {
    header: ['index', 'sentence1', 'sentence2', 'label'],
    rows: [['0', 'No Weapons of Mass Destruction Found in Iraq Yet.', 'Weapons of Mass Destruction Found in Iraq.', 'not_entailment'], ['1', 'A place of sorrow, after Pope John Paul II died, became a place of celebration.', 'Pope Benedict XVI is the new leader of the Roman Catholic Church.', 'entailment']],
    expected: [
      { textA: 'No Weapons of Mass Destruction Found in Iraq Yet.', textB: 'Weapons of Mass Destruction Found in Iraq.', label: 1 },
      { textA: 'A place of sorrow, after Pope John Paul II died, became a place of celebration.', textB: 'Pope Benedict XVI is the new leader of the Roman Catholic Church.', label: 0 },
    ],
  },
};

const tsv = (header: string[] | undefined, rows: string[][], eol = '\n'): string =>
  [...(header ? [header] : []), ...rows].map((r) => r.join('\t')).join(eol) + eol;

/** A GLUE root in a temp dir holding `task`'s two files (MNLI's 16-column dev_matched.tsv included). */
function writeTask(task: GlueTask, overrides: { train?: string; validation?: string } = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'saobp-glue-'));
  const layout = GLUE_LAYOUTS[task];
  const { header, rows } = FIXTURES[task];
  mkdirSync(join(root, layout.folder));
  let devHeader = header;
  let devRows = rows;
  if (task === 'mnli') {
    devHeader = [...header!.slice(0, 11), 'label2', 'label3', 'label4', 'label5', 'gold_label'];
    devRows = rows.map((r) => [...r.slice(0, 11), r[10], r[10], r[10], r[10], r[11]]);
  }
  writeFileSync(join(root, layout.folder, layout.train), overrides.train ?? tsv(header, rows));
  writeFileSync(join(root, layout.folder, layout.validation), overrides.validation ?? tsv(devHeader, devRows, '\r\n'));
  return root;
}

for (const task of GLUE_TASKS) {
  test(`GLUE ${task}: reads the release layout, text verbatim`, () => {
    const root = writeTask(task);
    const { train, validation } = loadGlueTask(root, task);
    assert.deepEqual(train, FIXTURES[task].expected);
    assert.deepEqual(validation, FIXTURES[task].expected, 'dev file (CRLF line ends) reads the same');
    assert.deepEqual(loadGlueTask(join(root, GLUE_LAYOUTS[task].folder), task), { train, validation }, 'task folder itself');
  });
}

const errorAt = (file: string, line?: number) => (e: Error): boolean =>
  e instanceof DataInputError && e.file === file && e.line === line && e.message.startsWith(line ? `${file}:${line}: ` : `${file}: `);

test('GLUE bad input: missing directory or file, wrong column count, unparsable label, empty file', () => {
  const missing = join(tmpdir(), 'saobp-no-such-glue-dir');
  assert.throws(() => loadGlueTask(missing, 'sst2'), errorAt(missing));
  assert.throws(() => loadGlueTask(missing, 'sst2'), /GLUE directory not found/);

  const noDev = writeTask('rte');
  const devPath = join(noDev, 'RTE', 'dev.tsv');
  writeFileSync(join(noDev, 'RTE', 'train.tsv'), 'garbage that would fail if read\n');
  rmSync(devPath);
  assert.throws(() => loadGlueTask(noDev, 'rte'), (e: Error) => errorAt(devPath)(e) && /file missing/.test(e.message), 'missing file found before any parsing');

  const badColumns = writeTask('mrpc', { train: tsv(FIXTURES.mrpc.header, [FIXTURES.mrpc.rows[0], FIXTURES.mrpc.rows[1].slice(0, 4)]) });
  assert.throws(() => loadGlueTask(badColumns, 'mrpc'), (e: Error) => errorAt(join(badColumns, 'MRPC', 'train.tsv'), 3)(e) && /expected 5 .* found 4/.test(e.message));

  const colaColumns = writeTask('cola', { validation: 'gj04\t1\t\tfine\ngj04\t1\tbroken row\n' });
  assert.throws(() => loadGlueTask(colaColumns, 'cola'), errorAt(join(colaColumns, 'CoLA', 'dev.tsv'), 2));

  const badLabel = writeTask('sst2', { train: 'sentence\tlabel\ngood\t1\nbad\tpositive\n' });
  assert.throws(() => loadGlueTask(badLabel, 'sst2'), (e: Error) => errorAt(join(badLabel, 'SST-2', 'train.tsv'), 3)(e) && /label "positive" is not one of 0, 1/.test(e.message));

  const badScore = writeTask('stsb', { validation: tsv(FIXTURES.stsb.header, [[...FIXTURES.stsb.rows[0].slice(0, 9), 'n/a']]) });
  assert.throws(() => loadGlueTask(badScore, 'stsb'), errorAt(join(badScore, 'STS-B', 'dev.tsv'), 2));

  const badNli = writeTask('mnli', { train: tsv(FIXTURES.mnli.header, [[...FIXTURES.mnli.rows[0].slice(0, 11), 'maybe']]) });
  assert.throws(() => loadGlueTask(badNli, 'mnli'), /train\.tsv:2: label "maybe" is not one of entailment, neutral, contradiction/);

  const headerOnly = writeTask('qnli', { train: 'index\tquestion\tsentence\tlabel\n' });
  assert.throws(() => loadGlueTask(headerOnly, 'qnli'), (e: Error) => errorAt(join(headerOnly, 'QNLI', 'train.tsv'))(e) && /no examples/.test(e.message));

  const wrongHeader = writeTask('qqp', { train: 'id\tq1\tq2\tlabel\n1\ta\tb\t0\n' });
  assert.throws(() => loadGlueTask(wrongHeader, 'qqp'), (e: Error) => errorAt(join(wrongHeader, 'QQP', 'train.tsv'), 1)(e) && /lacks column "question1"/.test(e.message));

  assert.throws(() => loadGlueTask(writeTask('sst2'), 'wnli' as GlueTask), /unknown task "wnli"/);
});
