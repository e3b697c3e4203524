/**
 * Named trainable variables: seeded creation from specs, the list a trainer iterates,
 * and weights in and out as named Float32Arrays (checkpoints, PyTorch fixtures).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ParamSpec } from './specs.js';
import { mulberry32 } from '../random.js';
import { normalArray, streamSeed } from './random.js';

/** One trainable variable as a trainer sees it. */
export interface NamedParam {
  name: string;
  variable: tf.Variable;
  decay: boolean;
}

/** Named Float32Arrays keyed by parameter name (row-major, shapes as in `params()`). */
export type NamedWeights = Record<string, Float32Array>;

function initialValues(spec: ParamSpec, seed: number): Float32Array {
  const size = spec.shape.reduce((a, b) => a * b, 1);
  if (spec.init.kind === 'constant') return new Float32Array(size).fill(spec.init.value);
  return normalArray(size, spec.init.std, mulberry32(streamSeed(seed, spec.name)));
}

export class ParamStore {
  private readonly entries: NamedParam[];
  private readonly byName = new Map<string, NamedParam>();

  /** Each parameter draws from its own stream (seed, name): adding one never shifts the others. */
  constructor(specs: ParamSpec[], seed: number) {
    this.entries = specs.map((spec) => {
      // tidy frees the initial tensor; the variable keeps its own reference to the data.
      const variable = tf.tidy(() => tf.variable(tf.tensor(initialValues(spec, seed), spec.shape, 'float32'), true));
      return { name: spec.name, variable, decay: spec.decay };
    });
    for (const e of this.entries) this.byName.set(e.name, e);
  }

  list(): NamedParam[] {
    return [...this.entries];
  }

  get(name: string): tf.Variable {
    const entry = this.byName.get(name);
    if (entry === undefined) throw new Error(`no parameter named '${name}'`);
    return entry.variable;
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  getWeights(): NamedWeights {
    const out: NamedWeights = {};
    for (const e of this.entries) out[e.name] = e.variable.dataSync() as Float32Array;
    return out;
  }

  /**
   * Assigns every parameter from `weights`. Missing names, extra names and wrong sizes are
   * errors (listed), checked before anything is assigned, so a bad file changes nothing.
   */
  setWeights(weights: NamedWeights | Record<string, ArrayLike<number>>): void {
    const problems: string[] = [];
    for (const e of this.entries) {
      const w = weights[e.name];
      if (w === undefined) problems.push(`missing '${e.name}'`);
      else if (w.length !== e.variable.size) problems.push(`'${e.name}' has ${w.length} values, expected ${e.variable.size} [${e.variable.shape}]`);
    }
    for (const name of Object.keys(weights)) if (!this.byName.has(name)) problems.push(`unknown '${name}'`);
    if (problems.length > 0) throw new Error(`setWeights: ${problems.join('; ')}`);
    for (const e of this.entries) {
      tf.tidy(() => e.variable.assign(tf.tensor(Float32Array.from(weights[e.name]), e.variable.shape, 'float32')));
    }
  }

  dispose(): void {
    for (const e of this.entries) e.variable.dispose();
  }
}
