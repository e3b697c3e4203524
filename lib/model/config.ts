/**
 * Model configuration: size presets (the compact BERT family, scaled for CPU), defaults,
 * and validation that stops on the first bad field with one line naming it.
 */
import { SAOBP_VARIANTS, type SaobpVariant } from '../saobp/index.js';

/** Presets: the compact BERT family (Turc et al. 2019) at half its width, FF = 4 x width. */
export const SIZE_PRESETS = {
  tiny: { layers: 2, width: 64, heads: 2 },
  mini: { layers: 4, width: 128, heads: 4 },
  small: { layers: 4, width: 256, heads: 4 },
  medium: { layers: 8, width: 256, heads: 4 },
} as const;
export type SizeName = keyof typeof SIZE_PRESETS;
export const SIZE_NAMES = Object.keys(SIZE_PRESETS) as SizeName[];

export const MODEL_KINDS = ['encoder', 'decoder'] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];


/** SAOBP as an option of the attention module; `layers` defaults to every layer. */
export interface SaobpOption {
  variant: SaobpVariant;
  layers?: number[];
}

/** What a user writes. A `size` fills layers / width / heads / ff; explicit fields override it. */
export interface ModelConfig {
  kind: ModelKind;
  vocabSize: number;
  size?: SizeName;
  layers?: number;
  width?: number;
  heads?: number;
  /** MLP hidden width; default 4 x width. */
  ff?: number;
  /** Longest sequence (learned positional embeddings); default 128. */
  maxLen?: number;
  /** Dropout on embeddings, attention output, MLP output and the pooled features; default 0.1. */
  dropout?: number;
  saobp?: false | SaobpOption;
  /** Output projection shares the token embedding (decoder LM head, encoder MLM head); default true. */
  tieEmbeddings?: boolean;
  /** Encoder classification head outputs; default 2. */
  numClasses?: number;
  /** Seed of the weight initialisation; default 0. */
  seed?: number;
  layerNormEps?: number;
}

/** What the model classes take: the class fixes `kind`, so it may be left out. */
export type ModelConfigInput = Omit<ModelConfig, 'kind'> & { kind?: ModelKind };

/** Every field filled in and checked. `saobpLayers` lists the layers that refine attention. */
export interface ResolvedModelConfig {
  kind: ModelKind;
  vocabSize: number;
  layers: number;
  width: number;
  heads: number;
  ff: number;
  maxLen: number;
  dropout: number;
  saobp: false | { variant: SaobpVariant; layers: number[] };
  tieEmbeddings: boolean;
  numClasses: number;
  seed: number;
  layerNormEps: number;
}

/** Thrown for a bad config value; the message names the field. */
export class ModelConfigError extends Error {
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`model config '${field}': ${problem}`);
    this.name = 'ModelConfigError';
  }
}

function positiveInt(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new ModelConfigError(field, `must be a positive integer, got ${JSON.stringify(value)}`);
  }
  return value;
}

function oneOf<T extends string>(field: string, value: unknown, valid: readonly T[]): T {
  if (!(valid as readonly unknown[]).includes(value)) {
    throw new ModelConfigError(field, `unknown value ${JSON.stringify(value)}; valid: ${valid.join(', ')}`);
  }
  return value as T;
}

function resolveSaobp(value: ModelConfig['saobp'], layers: number): ResolvedModelConfig['saobp'] {
  if (value === undefined || value === false) return false;
  if (typeof value !== 'object' || value === null) {
    throw new ModelConfigError('saobp', `must be false or { variant, layers? }, got ${JSON.stringify(value)}`);
  }
  const variant = oneOf('saobp.variant', value.variant, SAOBP_VARIANTS);
  const all = Array.from({ length: layers }, (_, l) => l);
  const chosen = value.layers ?? all;
  if (!Array.isArray(chosen)) throw new ModelConfigError('saobp.layers', 'must be an array of layer indices');
  for (const l of chosen) {
    if (!Number.isInteger(l) || l < 0 || l >= layers) {
      throw new ModelConfigError('saobp.layers', `layer ${JSON.stringify(l)} is out of range [0, ${layers - 1}]`);
    }
  }
  return { variant, layers: [...new Set(chosen)].sort((a, b) => a - b) };
}

/** Fills defaults and validates; throws `ModelConfigError` naming the first bad field. */
export function resolveModelConfig(config: ModelConfig): ResolvedModelConfig {
  const kind = oneOf('kind', config.kind, MODEL_KINDS);
  const preset = config.size === undefined ? undefined : SIZE_PRESETS[oneOf('size', config.size, SIZE_NAMES)];
  const pick = (field: 'layers' | 'width' | 'heads'): number => {
    const value = config[field] ?? preset?.[field];
    if (value === undefined) throw new ModelConfigError(field, 'missing: give it or a size preset');
    return positiveInt(field, value);
  };
  const layers = pick('layers');
  const width = pick('width');
  const heads = pick('heads');
  if (width % heads !== 0) throw new ModelConfigError('heads', `width ${width} is not divisible by heads ${heads}`);
  const dropout = config.dropout ?? 0.1;
  if (typeof dropout !== 'number' || !(dropout >= 0 && dropout < 1)) {
    throw new ModelConfigError('dropout', `must be in [0, 1), got ${JSON.stringify(dropout)}`);
  }
  const seed = config.seed ?? 0;
  if (!Number.isInteger(seed)) throw new ModelConfigError('seed', `must be an integer, got ${JSON.stringify(seed)}`);
  const eps = config.layerNormEps ?? 1e-5;
  if (typeof eps !== 'number' || !(eps > 0)) throw new ModelConfigError('layerNormEps', `must be > 0, got ${eps}`);
  return {
    kind,
    vocabSize: positiveInt('vocabSize', config.vocabSize),
    layers,
    width,
    heads,
    ff: positiveInt('ff', config.ff ?? 4 * width),
    maxLen: positiveInt('maxLen', config.maxLen ?? 128),
    dropout,
    saobp: resolveSaobp(config.saobp, layers),
    tieEmbeddings: config.tieEmbeddings ?? true,
    numClasses: positiveInt('numClasses', config.numClasses ?? 2),
    seed,
    layerNormEps: eps,
  };
}
