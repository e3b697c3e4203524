import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DataInputError } from '../errors.js';
import { GLUE_LAYOUTS, GLUE_TASKS, type GlueLayout, type GlueTask } from './layouts.js';

export interface GlueExample {
  textA: string;
  textB?: string;
  /** Class index (see `GLUE_LAYOUTS[task].classes`), or the 0–5 similarity score for STS-B. */
  label: number;
}

export interface GlueSplits {
  train: GlueExample[];
  validation: GlueExample[];
}

/**
 * Reads one GLUE task from the user's copy. `dir` is either the GLUE root
 * (holding SST-2/, CoLA/, ...) or the task's own folder. Both files are found
 * before either is read, and every row is checked before anything returns.
 * Fields are split on tabs only, never unquoted (as GLUE is written), so text
 * stays verbatim.
 */
export function loadGlueTask(dir: string, task: GlueTask): GlueSplits {
  if (!(GLUE_TASKS as readonly string[]).includes(task)) {
    throw new DataInputError(`unknown task ${JSON.stringify(task)}; expected one of ${GLUE_TASKS.join(' ')}`, { file: 'loadGlueTask task' });
  }
  const layout = GLUE_LAYOUTS[task];
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new DataInputError(`GLUE directory not found; pass the folder that holds ${layout.folder}/ (or ${layout.folder}/ itself)`, { file: dir });
  }
  const taskDir = [join(dir, layout.folder), join(dir, task), dir].find((d) => existsSync(join(d, layout.train))) ?? join(dir, layout.folder);
  const files = { train: join(taskDir, layout.train), validation: join(taskDir, layout.validation) };
  for (const file of Object.values(files)) {
    if (!existsSync(file)) throw new DataInputError(`${task} file missing; the GLUE release has ${layout.folder}/${layout.train} and ${layout.folder}/${layout.validation}`, { file });
  }
  return { train: readGlueFile(files.train, task, layout), validation: readGlueFile(files.validation, task, layout) };
}

function readGlueFile(file: string, task: GlueTask, layout: GlueLayout): GlueExample[] {
  const lines = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const fields = (i: number): string[] => lines[i].replace(/\r$/, '').split('\t');

  let count: number;
  let textA: number;
  let textB = -1;
  let label: number;
  let first = 0;
  if (layout.columns === null) {
    ({ count, textA, label } = layout.positions!);
  } else {
    if (lines.length === 0) throw new DataInputError(`empty file; expected a header row with ${Object.values(layout.columns).join(', ')}`, { file, line: 1 });
    const header = fields(0);
    const find = (name: string): number => {
      const at = header.indexOf(name);
      if (at < 0) throw new DataInputError(`header lacks column "${name}" of the GLUE ${task} layout; found: ${header.join(' | ')}`, { file, line: 1 });
      return at;
    };
    count = header.length;
    textA = find(layout.columns.textA);
    if (layout.columns.textB !== undefined) textB = find(layout.columns.textB);
    label = find(layout.columns.label);
    first = 1;
  }

  const examples: GlueExample[] = [];
  for (let i = first; i < lines.length; i++) {
    const row = fields(i);
    if (row.length !== count) {
      throw new DataInputError(`expected ${count} tab-separated columns for GLUE ${task}, found ${row.length}; fix or remove this row`, { file, line: i + 1 });
    }
    const example: GlueExample = { textA: row[textA], label: parseLabel(row[label], layout, file, i + 1) };
    if (textB >= 0) example.textB = row[textB];
    examples.push(example);
  }
  if (examples.length === 0) throw new DataInputError(`no examples; the file holds no data rows for GLUE ${task}`, { file });
  return examples;
}

function parseLabel(raw: string, layout: GlueLayout, file: string, line: number): number {
  const value = raw.trim();
  if (layout.classes === undefined) {
    const score = value === '' ? NaN : Number(value);
    if (!Number.isFinite(score) || score < 0 || score > 5) {
      throw new DataInputError(`label ${JSON.stringify(raw)} is not a similarity score in [0, 5]`, { file, line });
    }
    return score;
  }
  const index = layout.classes.indexOf(value);
  if (index < 0) throw new DataInputError(`label ${JSON.stringify(raw)} is not one of ${layout.classes.join(', ')}`, { file, line });
  return index;
}
