/**
 * Seeded, backend-independent random numbers for weight initialisation: the same seed gives
 * bit-identical weights on every backend and machine.
 */

/** FNV-1a hash of a string, mixed with a seed: one independent stream per parameter name. */
export function streamSeed(seed: number, name: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}


/** `n` draws from N(0, std^2) by Box-Muller. */
export function normalArray(n: number, std: number, uniform: () => number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - uniform()));
    const phi = 2 * Math.PI * uniform();
    out[i] = std * r * Math.cos(phi);
    if (i + 1 < n) out[i + 1] = std * r * Math.sin(phi);
  }
  return out;
}
