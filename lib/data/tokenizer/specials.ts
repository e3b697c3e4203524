/**
 * Special tokens, with fixed ids 0..6 in every tokenizer of this project, so
 * that batching and models can use the constants without the tokenizer at hand.
 */
export const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]', '[BOS]', '[EOS]'] as const;
export type SpecialToken = (typeof SPECIAL_TOKENS)[number];

export const PAD_ID = 0;
export const UNK_ID = 1;
export const CLS_ID = 2;
export const SEP_ID = 3;
export const MASK_ID = 4;
/** Begin of text. */
export const BOS_ID = 5;
/** End of text. */
export const EOS_ID = 6;
