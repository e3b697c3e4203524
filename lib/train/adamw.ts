/**
 * AdamW (Loshchilov & Hutter): Adam moments with weight decay decoupled from the
 * gradient, applied only to parameters whose `decay` flag is set (biases, norms
 * and the SAOBP coefficients opt out).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Param } from './types.js';
import { ADAMW, hasKernel, runFused } from '../wasm-fused.js';

export interface AdamWConfig {
  beta1?: number;
  beta2?: number;
  eps?: number;
  weightDecay?: number;
}

/** The optimizer's whole state as plain data: what a checkpoint stores. */
export interface AdamWState {
  /** Number of updates applied so far (Adam's bias-correction counter). */
  t: number;
  m: Record<string, Float32Array>;
  v: Record<string, Float32Array>;
}

export class AdamW {
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly weightDecay: number;
  private t = 0;
  private readonly m = new Map<string, tf.Variable>();
  private readonly v = new Map<string, tf.Variable>();

  constructor(private readonly params: Param[], config: AdamWConfig = {}) {
    this.beta1 = config.beta1 ?? 0.9;
    this.beta2 = config.beta2 ?? 0.95;
    this.eps = config.eps ?? 1e-8;
    this.weightDecay = config.weightDecay ?? 0.1;
    const names = new Set<string>();
    for (const p of params) {
      if (names.has(p.name)) throw new Error(`AdamW: duplicate parameter name '${p.name}'`);
      names.add(p.name);
      // Inside a tidy the zeros the variables start from are freed; dispose() frees the variables.
      this.m.set(p.name, tf.tidy(() => tf.variable(tf.zerosLike(p.variable), false)));
      this.v.set(p.name, tf.tidy(() => tf.variable(tf.zerosLike(p.variable), false)));
    }
  }

  /** Applies one update with learning rate `lr`; `grads` maps parameter names to gradients (not disposed here). */
  apply(grads: Record<string, tf.Tensor>, lr: number): void {
    this.t += 1;
    const { beta1, beta2, eps, t } = this;
    const bc1 = 1 - beta1 ** t;
    const bc2 = 1 - beta2 ** t;
    const fused = hasKernel(ADAMW);
    tf.tidy(() => {
      for (const p of this.params) {
        const g = grads[p.name];
        if (g === undefined) throw new Error(`AdamW: no gradient for parameter '${p.name}'`);
        const m = this.m.get(p.name)!;
        const v = this.v.get(p.name)!;
        if (fused) {
          // One pass over the parameter (lib/wasm-fused.ts) instead of eleven elementwise kernels.
          const wd = p.decay ? this.weightDecay : 0;
          const [pNext, mNext, vNext] = runFused(ADAMW, { param: p.variable, m, v, grad: g }, { lr, beta1, beta2, eps, bc1, bc2, wd });
          m.assign(mNext);
          v.assign(vNext);
          p.variable.assign(pNext);
          continue;
        }
        const mNext = tf.add(tf.mul(m, beta1), tf.mul(g, 1 - beta1));
        const vNext = tf.add(tf.mul(v, beta2), tf.mul(tf.square(g), 1 - beta2));
        m.assign(mNext);
        v.assign(vNext);
        const update = tf.div(tf.div(mNext, bc1), tf.add(tf.sqrt(tf.div(vNext, bc2)), eps));
        // Decoupled decay shrinks the weight itself, independently of the gradient's scale.
        const decayed = p.decay && this.weightDecay > 0 ? tf.mul(p.variable, 1 - lr * this.weightDecay) : p.variable;
        p.variable.assign(tf.sub(decayed, tf.mul(update, lr)));
      }
    });
  }

  getState(): AdamWState {
    const m: Record<string, Float32Array> = {};
    const v: Record<string, Float32Array> = {};
    for (const p of this.params) {
      m[p.name] = this.m.get(p.name)!.dataSync() as Float32Array;
      v[p.name] = this.v.get(p.name)!.dataSync() as Float32Array;
    }
    return { t: this.t, m, v };
  }

  setState(state: AdamWState): void {
    for (const p of this.params) {
      for (const [kind, store, values] of [['m', this.m, state.m], ['v', this.v, state.v]] as const) {
        const data = values[p.name];
        const target = store.get(p.name)!;
        if (data === undefined || data.length !== target.size) {
          throw new Error(`AdamW: state for '${p.name}' (${kind}) is missing or has the wrong size`);
        }
        tf.tidy(() => target.assign(tf.tensor(data, target.shape, 'float32')));
      }
    }
    this.t = state.t;
  }

  dispose(): void {
    for (const store of [this.m, this.v]) for (const variable of store.values()) variable.dispose();
    this.m.clear();
    this.v.clear();
  }
}
