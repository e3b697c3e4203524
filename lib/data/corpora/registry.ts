import { loadMobyDick } from './moby-dick.js';
import { loadSotuParty } from './sotu-party.js';
import { loadSotu } from './sotu.js';
import { loadSpamAssassin } from './spam.js';
import type { CorpusSplits, TextDocument } from './types.js';

/** The packaged corpora by name, each with its default split. */
export const CORPORA = {
  'moby-dick': (): CorpusSplits<TextDocument> => loadMobyDick(),
  sotu: (): CorpusSplits<TextDocument> => loadSotu(),
  'sotu-party': (): CorpusSplits<TextDocument> => loadSotuParty(),
  spam: (): CorpusSplits<TextDocument> => loadSpamAssassin(),
} as const;
export type CorpusName = keyof typeof CORPORA;
