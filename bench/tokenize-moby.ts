/**
 * Times tokenizing all of Moby-Dick (every chapter, all splits) with the
 * default 4096-token BPE trained on its training split.
 * Run: npx tsx bench/tokenize-moby.ts
 */
import { loadMobyDick, trainBpe } from '../lib/data/index.js';

const moby = loadMobyDick();
const texts = [...moby.train, ...moby.validation, ...moby.test].map((d) => d.text);

let start = performance.now();
const bpe = trainBpe(moby.train.map((d) => d.text));
const trainMs = performance.now() - start;

start = performance.now();
let tokens = 0;
for (const text of texts) tokens += bpe.encode(text).length;
const encodeMs = performance.now() - start;

const chars = texts.reduce((n, t) => n + t.length, 0);
console.log(`Moby-Dick: ${texts.length} chapters, ${chars} characters -> ${tokens} tokens (vocab ${bpe.vocabSize})`);
console.log(`train BPE: ${(trainMs / 1000).toFixed(2)} s; tokenize all (cold word cache): ${(encodeMs / 1000).toFixed(2)} s`);
