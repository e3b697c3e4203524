/**
 * The latent GTD of uniform attention under a mask: the share of "multi-hop
 * structure" that the mask alone produces (SAOBP.md, Metrics). GTD figures plot
 * it beside the measured values, and their excess over it, so that a causal
 * mask's built-in ~0.36 is not read as something a model learned.
 */
export type MaskKind = 'causal' | 'bidirectional';

/**
 * Mean over the T rows of TV(P_i, A_i) for uniform A. Bidirectional: A @ A = A, so 0.
 * Causal: A_i is uniform on 0..i and P_ij = (1 / (i+1)) * sum_{k=j..i} 1/(k+1), so a
 * running harmonic sum gives every row in O(T) and the whole value in O(T^2).
 */
export function uniformLatentGtd(seqLen: number, mask: MaskKind): number {
  if (!Number.isInteger(seqLen) || seqLen < 1) throw new Error(`uniformLatentGtd: seqLen must be a positive integer, got ${seqLen}`);
  if (mask === 'bidirectional') return 0;
  let total = 0;
  for (let i = 0; i < seqLen; i++) {
    const a = 1 / (i + 1);
    let tail = 0;
    let tv = 0;
    for (let j = i; j >= 0; j--) {
      tail += 1 / (j + 1);
      tv += Math.abs(a * tail - a);
    }
    total += tv / 2;
  }
  return total / seqLen;
}
