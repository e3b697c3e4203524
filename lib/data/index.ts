/** lib/data: corpora, tokenizers, synthetic tasks, GLUE-format TSV, batching. Re-exports only. */
export { DataInputError } from './errors.js';
export { createRng, type Rng } from './rng.js';
export { writeFileAtomic } from './atomic-write.js';
export { defaultCacheDir, projectRoot } from './paths.js';

export type { TextDocument, LabelledText, CorpusSplits, LabelledCorpus } from './corpora/types.js';
export { loadMobyDick, type MobyDickOptions } from './corpora/moby-dick.js';
export { loadSotu } from './corpora/sotu.js';
export { loadSotuParty, SOTU_PARTIES, type SotuPartyOptions } from './corpora/sotu-party.js';
export { loadSpamAssassin, SPAM_LABELS, type SpamOptions } from './corpora/spam.js';
export { splitPassages } from './corpora/passages.js';
export { CORPORA, type CorpusName } from './corpora/registry.js';

export { SPECIAL_TOKENS, PAD_ID, UNK_ID, CLS_ID, SEP_ID, MASK_ID, BOS_ID, EOS_ID, type SpecialToken } from './tokenizer/specials.js';
export type { Tokenizer, TokenizerJSON } from './tokenizer/types.js';
export { CharTokenizer, trainCharTokenizer } from './tokenizer/char-tokenizer.js';
export { BpeTokenizer } from './tokenizer/bpe-tokenizer.js';
export { trainBpe, DEFAULT_VOCAB_SIZE, type BpeTrainOptions } from './tokenizer/bpe-train.js';
export { pretokenize } from './tokenizer/pretokenize.js';
export { saveTokenizer, loadTokenizer, tokenizerFromJSON } from './tokenizer/serialize.js';
export { cachedTokenizer, type CachedTokenizerOptions } from './tokenizer/cached.js';
export { corpusTokenizer } from './tokenizer/for-corpus.js';

export type { SyntheticExample, SyntheticTask } from './synthetic/types.js';
export {
  generatePointerChasing, solvePointerChasing, curriculumHops, variableName, POINTER_CHASING_DEFAULTS, type PointerChasingOptions,
} from './synthetic/pointer-chasing.js';
export {
  generateListOps, evaluateListOps, applyListOp, LISTOPS_OPERATORS, LISTOPS_DEFAULTS, type ListOpsOptions, type ListOpsOperator,
} from './synthetic/listops.js';

export { loadGlueTask, type GlueExample, type GlueSplits } from './glue/load.js';
export { GLUE_TASKS, GLUE_LAYOUTS, type GlueTask, type GlueLayout } from './glue/layouts.js';

export { padBatch, type PaddedBatch, type PadOptions } from './batching/pad.js';
export { maskForMlm, type MlmBatch, type MlmOptions } from './batching/mlm.js';
export { causalWindows, takeWindows, shuffledBatches, type CausalWindows } from './batching/causal.js';
export { bucketByLength, type BucketOptions } from './batching/buckets.js';
export { encodeTextPair, type EncodedPair } from './batching/pair-encoding.js';
export { batchToTensors } from './batching/tensors.js';
