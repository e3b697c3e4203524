/**
 * The latent GTD of uniform causal attention in closed form: the share of multi-hop structure
 * that a causal mask alone produces (SAOBP.md, Metrics), for any T without a T^3 product.
 * `uniformLatentGTD(mask)` computes the same from a mask tensor, for any mask.
 *
 * Mean over the T rows of TV(P_i, A_i) with A_i uniform on 0..i and
 * P_ij = (1 / (i+1)) * sum_{k=j..i} 1/(k+1): a running harmonic sum gives each row in O(T).
 * About 0.355 at T = 128, tending to 1/e; 0 at T = 1.
 */
export function uniformCausalLatentGTD(seqLen: number): number {
  if (!Number.isInteger(seqLen) || seqLen < 1) throw new Error(`uniformCausalLatentGTD: seqLen must be a positive integer, got ${seqLen}`);
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
