/** Seeds derived from a run seed: stateless, so a resumed run derives exactly the same ones. */

/** A 32-bit mix of integers (murmur3's finalizer chained over the inputs); distinct inputs give unrelated outputs. */
export function mixSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    h = Math.imul(h ^ (part >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** The dropout seed of one training step. */
export function dropoutSeed(runSeed: number, step: number): number {
  return mixSeed(runSeed, step, 0x64726f70);
}
