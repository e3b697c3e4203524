/**
 * A plain nested-loop implementation of SAOBP.md for one head, over numbers (float64):
 * the reference the tensor code is checked against. No tensors, no vectorization.
 */
export type Matrix = number[][];

/** softmax_M(S): exact zeros on masked keys, an all-zero row when no key is allowed. */
export function loopMaskedSoftmax(S: Matrix, M: Matrix): Matrix {
  return S.map((row, i) => {
    let max = -Infinity;
    for (let j = 0; j < row.length; j++) if (M[i][j] === 1 && row[j] > max) max = row[j];
    const e = row.map((s, j) => (M[i][j] === 1 ? Math.exp(s - max) : 0));
    const z = e.reduce((a, b) => a + b, 0);
    return e.map((v) => (z > 0 ? v / z : 0));
  });
}

/** P = rownorm_M((A @ A) * M), rows with zero masked two-hop mass keep A. */
export function loopTwoHop(A: Matrix, M: Matrix): Matrix {
  const T = A.length;
  return A.map((row, i) => {
    const q: number[] = [];
    for (let j = 0; j < T; j++) {
      let sum = 0;
      for (let k = 0; k < T; k++) sum += row[k] * A[k][j];
      q.push(sum * M[i][j]);
    }
    const mass = q.reduce((a, b) => a + b, 0);
    return mass > 0 ? q.map((v) => v / mass) : [...row];
  });
}

/** A~ = (1 - lambda) A + lambda P. */
export function loopMixture(A: Matrix, M: Matrix, lambda: number): Matrix {
  const P = loopTwoHop(A, M);
  return A.map((row, i) => row.map((a, j) => (1 - lambda) * a + lambda * P[i][j]));
}

/** S~ = S + A_off @ log1p(gamma A). */
export function loopProductLogits(S: Matrix, A: Matrix, gamma: number): Matrix {
  const T = S.length;
  return S.map((row, i) =>
    row.map((s, j) => {
      let shift = 0;
      for (let k = 0; k < T; k++) if (k !== i) shift += A[i][k] * Math.log1p(gamma * A[k][j]);
      return s + shift;
    }),
  );
}

/** A~ = softmax_M(S~). */
export function loopProduct(S: Matrix, A: Matrix, M: Matrix, gamma: number): Matrix {
  return loopMaskedSoftmax(loopProductLogits(S, A, gamma), M);
}

/** Entropy of one row in nats, 0 log 0 = 0. */
export function loopEntropy(row: number[]): number {
  return row.reduce((h, p) => (p > 0 ? h - p * Math.log(p) : h), 0);
}
