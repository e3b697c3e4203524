import { CLS_ID, SEP_ID } from '../tokenizer/specials.js';
import type { Tokenizer } from '../tokenizer/types.js';

/** Token ids and segment ids of `[CLS] A [SEP]` or `[CLS] A [SEP] B [SEP]`. */
export interface EncodedPair {
  ids: number[];
  /** 0 for [CLS], A and its [SEP]; 1 for B and its [SEP]. */
  segments: number[];
}

/**
 * The BERT input for classification, truncated to `maxLength` by trimming the
 * longer text first, so both texts keep a share.
 */
export function encodeTextPair(tokenizer: Tokenizer, textA: string, textB: string | undefined, maxLength: number): EncodedPair {
  const a = tokenizer.encode(textA);
  const b = textB === undefined ? [] : tokenizer.encode(textB);
  const room = maxLength - (textB === undefined ? 2 : 3);
  if (room < 1) throw new Error(`encodeTextPair: maxLength ${maxLength} leaves no room for text after [CLS]/[SEP]`);
  while (a.length + b.length > room) (a.length >= b.length ? a : b).pop();
  const ids = [CLS_ID, ...a, SEP_ID];
  const segments = new Array<number>(ids.length).fill(0);
  if (textB !== undefined) {
    ids.push(...b, SEP_ID);
    segments.push(...new Array<number>(b.length + 1).fill(1));
  }
  return { ids, segments };
}
