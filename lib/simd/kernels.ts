// AssemblyScript, compiled by `npm run build` (scripts/build-simd.mjs) into lib/simd/*.wasm.
// SIMD (f32x4) kernels that run on the tfjs wasm heap: the module imports tfjs's own memory,
// so pointers are tfjs tensors' memory offsets and nothing is copied. The module must hold no
// static data (a data segment would be written into tfjs's heap on instantiation): the build
// checks the binary for it. lib/wasm-simd.ts loads it; lib/wasm-fused.ts and
// lib/wasm-layout.ts call it.

// Constants live in mutable globals (constant initializers, so no start function): V8
// materializes a v128.const with several instructions at every use inside a loop, while a
// global is one load. `keepConstants` only keeps binaryen from
// folding them back into constants; nothing calls it.
let EXP_HI: v128 = f32x4(88.7, 88.7, 88.7, 88.7);
let EXP_LO: v128 = f32x4(-87.3, -87.3, -87.3, -87.3);
let LOG2E: v128 = f32x4(1.44269504088896341, 1.44269504088896341, 1.44269504088896341, 1.44269504088896341);
// 1.5 * 2^23: adding it rounds to an integer held in the low mantissa bits.
let ROUND_MAGIC: v128 = f32x4(12582912.0, 12582912.0, 12582912.0, 12582912.0);
let LN2_HI: v128 = f32x4(0.693359375, 0.693359375, 0.693359375, 0.693359375);
let LN2_LO: v128 = f32x4(-2.12194440e-4, -2.12194440e-4, -2.12194440e-4, -2.12194440e-4);
let EP0: v128 = f32x4(1.9875691500e-4, 1.9875691500e-4, 1.9875691500e-4, 1.9875691500e-4);
let EP1: v128 = f32x4(1.3981999507e-3, 1.3981999507e-3, 1.3981999507e-3, 1.3981999507e-3);
let EP2: v128 = f32x4(8.3334519073e-3, 8.3334519073e-3, 8.3334519073e-3, 8.3334519073e-3);
let EP3: v128 = f32x4(4.1665795894e-2, 4.1665795894e-2, 4.1665795894e-2, 4.1665795894e-2);
let EP4: v128 = f32x4(1.6666665459e-1, 1.6666665459e-1, 1.6666665459e-1, 1.6666665459e-1);
let EP5: v128 = f32x4(5.0000001201e-1, 5.0000001201e-1, 5.0000001201e-1, 5.0000001201e-1);
let ONE: v128 = f32x4(1.0, 1.0, 1.0, 1.0);
let TWO: v128 = f32x4(2.0, 2.0, 2.0, 2.0);
let HALF: v128 = f32x4(0.5, 0.5, 0.5, 0.5);
let ZERO: v128 = f32x4(0.0, 0.0, 0.0, 0.0);
// bits(ROUND_MAGIC) - 127: subtracted from bits(x * log2e + ROUND_MAGIC) leaves k + 127.
let EXP_BIAS: v128 = i32x4(0x4b400000 - 127, 0x4b400000 - 127, 0x4b400000 - 127, 0x4b400000 - 127);
let C0: v128 = f32x4(0.17087277, 0.17087277, 0.17087277, 0.17087277);
let C1: v128 = f32x4(-0.82215223, -0.82215223, -0.82215223, -0.82215223);
let C2: v128 = f32x4(1.48851587, 1.48851587, 1.48851587, 1.48851587);
let C3: v128 = f32x4(-1.13520398, -1.13520398, -1.13520398, -1.13520398);
let C4: v128 = f32x4(0.27886807, 0.27886807, 0.27886807, 0.27886807);
let C5: v128 = f32x4(-0.18628806, -0.18628806, -0.18628806, -0.18628806);
let C6: v128 = f32x4(0.09678418, 0.09678418, 0.09678418, 0.09678418);
let C7: v128 = f32x4(0.37409196, 0.37409196, 0.37409196, 0.37409196);
let C8: v128 = f32x4(1.00002368, 1.00002368, 1.00002368, 1.00002368);
let C9: v128 = f32x4(-1.26551223, -1.26551223, -1.26551223, -1.26551223);

export function keepConstants(): void {
  EXP_HI = EXP_HI; EXP_LO = EXP_LO; LOG2E = LOG2E; ROUND_MAGIC = ROUND_MAGIC; LN2_HI = LN2_HI; LN2_LO = LN2_LO;
  EP0 = EP0; EP1 = EP1; EP2 = EP2; EP3 = EP3; EP4 = EP4; EP5 = EP5; ONE = ONE; TWO = TWO; HALF = HALF; ZERO = ZERO;
  EXP_BIAS = EXP_BIAS; C0 = C0; C1 = C1; C2 = C2; C3 = C3; C4 = C4; C5 = C5; C6 = C6; C7 = C7; C8 = C8; C9 = C9;
}

// exp(x) for f32x4 (Cephes expf): x = k ln2 + r, |r| <= ln2/2, e^r by a degree-7 polynomial,
// 2^k through the exponent bits. Relative error ~1e-7; inputs clamped to [-87.3, 88.7]
// (pmin/pmax: no NaN propagation, which costs V8 several instructions per min/max).
// @ts-ignore: decorator
@inline
function exp4(x: v128): v128 {
  x = f32x4.pmax(f32x4.pmin(x, EXP_HI), EXP_LO);
  const biased = f32x4.add(f32x4.mul(x, LOG2E), ROUND_MAGIC);
  const k = f32x4.sub(biased, ROUND_MAGIC);
  let r = f32x4.sub(x, f32x4.mul(k, LN2_HI));
  r = f32x4.sub(r, f32x4.mul(k, LN2_LO));
  let p = f32x4.add(f32x4.mul(EP0, r), EP1);
  p = f32x4.add(f32x4.mul(p, r), EP2);
  p = f32x4.add(f32x4.mul(p, r), EP3);
  p = f32x4.add(f32x4.mul(p, r), EP4);
  p = f32x4.add(f32x4.mul(p, r), EP5);
  p = f32x4.add(f32x4.add(f32x4.mul(f32x4.mul(p, r), r), r), ONE);
  const scale = i32x4.shl(i32x4.sub(biased, EXP_BIAS), 23);
  return f32x4.mul(p, scale);
}

// erfc(x) for f32x4 (Numerical Recipes' Chebyshev fit, relative error < 1.2e-7 in exact
// arithmetic; float32 evaluation adds a few ulp).
// @ts-ignore: decorator
@inline
function erfc4(x: v128): v128 {
  const z = f32x4.abs(x);
  const t = f32x4.div(ONE, f32x4.add(ONE, f32x4.mul(HALF, z)));
  let p = f32x4.add(f32x4.mul(C0, t), C1);
  p = f32x4.add(f32x4.mul(p, t), C2);
  p = f32x4.add(f32x4.mul(p, t), C3);
  p = f32x4.add(f32x4.mul(p, t), C4);
  p = f32x4.add(f32x4.mul(p, t), C5);
  p = f32x4.add(f32x4.mul(p, t), C6);
  p = f32x4.add(f32x4.mul(p, t), C7);
  p = f32x4.add(f32x4.mul(p, t), C8);
  p = f32x4.add(f32x4.mul(p, t), C9);
  const r = f32x4.mul(t, exp4(f32x4.sub(p, f32x4.mul(z, z))));
  // x < 0: erfc(x) = 2 - erfc(-x)
  return v128.bitselect(f32x4.sub(TWO, r), r, f32x4.lt(x, ZERO));
}

// @ts-ignore: decorator
@inline
function hsum(v: v128): f32 {
  return f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3);
}

// @ts-ignore: decorator
@inline
function hmax(v: v128): f32 {
  return max(max(f32x4.extract_lane(v, 0), f32x4.extract_lane(v, 1)), max(f32x4.extract_lane(v, 2), f32x4.extract_lane(v, 3)));
}

// One softmax row over the allowed keys: x, out [t] f32; mask m with stride mStride (1: a row of
// t values; 0: one value for the whole row); nonzero = allowed. Masked entries and rows with no
// allowed key come out 0. t must be a multiple of 4 (the caller handles other lengths in JS).
export function maskedSoftmaxRow(x: usize, m: usize, out: usize, t: i32, mStride: i32): void {
  const negInf = f32x4.splat(-Infinity);
  const zero = f32x4.splat(0.0);
  let vmax = negInf;
  for (let j = 0; j < t; j += 4) {
    const off = <usize>j << 2;
    const mv = mStride == 1 ? v128.load(m + off) : f32x4.splat(load<f32>(m));
    const allowed = f32x4.ne(mv, zero);
    vmax = f32x4.max(vmax, v128.bitselect(v128.load(x + off), negInf, allowed));
  }
  const rowMax = hmax(vmax);
  if (rowMax == -Infinity) {
    for (let j = 0; j < t; j += 4) v128.store(out + (<usize>j << 2), zero);
    return;
  }
  const vm = f32x4.splat(rowMax);
  let vsum = zero;
  for (let j = 0; j < t; j += 4) {
    const off = <usize>j << 2;
    const mv = mStride == 1 ? v128.load(m + off) : f32x4.splat(load<f32>(m));
    const e = v128.and(exp4(f32x4.sub(v128.load(x + off), vm)), f32x4.ne(mv, zero));
    v128.store(out + off, e);
    vsum = f32x4.add(vsum, e);
  }
  const inv = f32x4.splat(<f32>1.0 / hsum(vsum));
  for (let j = 0; j < t; j += 4) {
    const off = <usize>j << 2;
    v128.store(out + off, f32x4.mul(v128.load(out + off), inv));
  }
}

// rows x t (t a multiple of 4): out = a * (dy - rowsum(dy * a)).
export function maskedSoftmaxGrad(a: usize, dy: usize, out: usize, rows: i32, t: i32): void {
  for (let i = 0; i < rows; i++) {
    const base = <usize>(i * t) << 2;
    let vdot = f32x4.splat(0.0);
    for (let j = 0; j < t; j += 4) {
      const off = base + (<usize>j << 2);
      vdot = f32x4.add(vdot, f32x4.mul(v128.load(a + off), v128.load(dy + off)));
    }
    const dot = f32x4.splat(hsum(vdot));
    for (let j = 0; j < t; j += 4) {
      const off = base + (<usize>j << 2);
      v128.store(out + off, f32x4.mul(v128.load(a + off), f32x4.sub(v128.load(dy + off), dot)));
    }
  }
}

// n values (a multiple of 4): out = x * Phi(x), Phi(x) = erfc(-x / sqrt 2) / 2.
export function gelu(x: usize, out: usize, n: i32): void {
  const c = f32x4.splat(-0.70710678118654752);
  const half = f32x4.splat(0.5);
  for (let i = 0; i < n; i += 4) {
    const off = <usize>i << 2;
    const v = v128.load(x + off);
    v128.store(out + off, f32x4.mul(v, f32x4.mul(half, erfc4(f32x4.mul(v, c)))));
  }
}

// n values (a multiple of 4): out = dy * (Phi(x) + x phi(x)), phi(x) = exp(-x^2 / 2) / sqrt(2 pi).
export function geluGrad(x: usize, dy: usize, out: usize, n: i32): void {
  const c = f32x4.splat(-0.70710678118654752);
  const half = f32x4.splat(0.5);
  const invSqrt2Pi = f32x4.splat(0.39894228040143268);
  for (let i = 0; i < n; i += 4) {
    const off = <usize>i << 2;
    const v = v128.load(x + off);
    const cdf = f32x4.mul(half, erfc4(f32x4.mul(v, c)));
    const pdf = f32x4.mul(invSqrt2Pi, exp4(f32x4.mul(f32x4.splat(-0.5), f32x4.mul(v, v))));
    v128.store(out + off, f32x4.mul(v128.load(dy + off), f32x4.add(cdf, f32x4.mul(v, pdf))));
  }
}

// LayerNorm over rows of d values (d a multiple of 4): mean and rstd = 1 / sqrt(var + eps) per
// row (two passes, biased variance), out = (x - mean) * rstd * w + b.
export function layerNormRows(x: usize, w: usize, b: usize, out: usize, mean: usize, rstd: usize, rows: i32, d: i32, eps: f32): void {
  const inv = <f32>1.0 / <f32>d;
  for (let i = 0; i < rows; i++) {
    const base = <usize>(i * d) << 2;
    let vs = ZERO;
    for (let j = 0; j < d; j += 4) vs = f32x4.add(vs, v128.load(x + base + (<usize>j << 2)));
    const m = hsum(vs) * inv;
    const vm = f32x4.splat(m);
    let vq = ZERO;
    for (let j = 0; j < d; j += 4) {
      const c = f32x4.sub(v128.load(x + base + (<usize>j << 2)), vm);
      vq = f32x4.add(vq, f32x4.mul(c, c));
    }
    const r = <f32>1.0 / Mathf.sqrt(hsum(vq) * inv + eps);
    store<f32>(mean + (<usize>i << 2), m);
    store<f32>(rstd + (<usize>i << 2), r);
    const vr = f32x4.splat(r);
    for (let j = 0; j < d; j += 4) {
      const off = <usize>j << 2;
      const xhat = f32x4.mul(f32x4.sub(v128.load(x + base + off), vm), vr);
      v128.store(out + base + off, f32x4.add(f32x4.mul(xhat, v128.load(w + off)), v128.load(b + off)));
    }
  }
}

// Its gradient: with xhat = (x - mean) rstd and g = dy w,
// dx = rstd (g - mean(g) - xhat mean(g xhat)); dw = sum over rows of dy xhat, db = sum of dy
// (dw, db are overwritten).
export function layerNormGradRows(x: usize, w: usize, mean: usize, rstd: usize, dy: usize, dx: usize, dw: usize, db: usize, rows: i32, d: i32): void {
  for (let j = 0; j < d; j += 4) {
    v128.store(dw + (<usize>j << 2), ZERO);
    v128.store(db + (<usize>j << 2), ZERO);
  }
  const inv = <f32>1.0 / <f32>d;
  for (let i = 0; i < rows; i++) {
    const base = <usize>(i * d) << 2;
    const vm = f32x4.splat(load<f32>(mean + (<usize>i << 2)));
    const r = load<f32>(rstd + (<usize>i << 2));
    const vr = f32x4.splat(r);
    let vg = ZERO;
    let vgx = ZERO;
    for (let j = 0; j < d; j += 4) {
      const off = <usize>j << 2;
      const xhat = f32x4.mul(f32x4.sub(v128.load(x + base + off), vm), vr);
      const dyv = v128.load(dy + base + off);
      const g = f32x4.mul(dyv, v128.load(w + off));
      vg = f32x4.add(vg, g);
      vgx = f32x4.add(vgx, f32x4.mul(g, xhat));
      v128.store(dw + off, f32x4.add(v128.load(dw + off), f32x4.mul(dyv, xhat)));
      v128.store(db + off, f32x4.add(v128.load(db + off), dyv));
    }
    const meanG = f32x4.splat(hsum(vg) * inv);
    const meanGX = f32x4.splat(hsum(vgx) * inv);
    for (let j = 0; j < d; j += 4) {
      const off = <usize>j << 2;
      const xhat = f32x4.mul(f32x4.sub(v128.load(x + base + off), vm), vr);
      const g = f32x4.mul(v128.load(dy + base + off), v128.load(w + off));
      v128.store(dx + base + off, f32x4.mul(vr, f32x4.sub(f32x4.sub(g, meanG), f32x4.mul(xhat, meanGX))));
    }
  }
}

// Column sums of a rows x cols matrix (cols a multiple of 4): out[j] = sum_i x[i, j].
export function sumRows(x: usize, out: usize, rows: i32, cols: i32): void {
  for (let j = 0; j < cols; j += 4) v128.store(out + (<usize>j << 2), ZERO);
  for (let i = 0; i < rows; i++) {
    const base = x + (<usize>(i * cols) << 2);
    for (let j = 0; j < cols; j += 4) {
      const off = <usize>j << 2;
      v128.store(out + off, f32x4.add(v128.load(out + off), v128.load(base + off)));
    }
  }
}

// Rows r0..r1-1 of a masked softmax over x [B, H, Tq, t] (t a multiple of 4) with a mask
// broadcast against it: mask element strides sB, sH, sT along B, H, Tq (0 where the mask has
// size 1 there) and mStride along the keys (1, or 0 for one value per row).
export function maskedSoftmaxRows(x: usize, m: usize, out: usize, r0: i32, r1: i32, heads: i32, tq: i32, t: i32,
  sB: i32, sH: i32, sT: i32, mStride: i32): void {
  for (let r = r0; r < r1; r++) {
    const q = r % tq;
    const bh = r / tq;
    const moff = <usize>((bh / heads) * sB + (bh % heads) * sH + q * sT) << 2;
    const off = <usize>(r * t) << 2;
    maskedSoftmaxRow(x + off, m + moff, out + off, t, mStride);
  }
}

// C [rows, n] = A' B: A'[r][p] at a + r * aRow + p * aP (bytes; aRow = 4k, aP = 4 for a row-major
// A [rows, k]; aRow = 4, aP = 4m for A stored transposed, [k, m]), B row-major [k, n], C row-major.
// Register blocks of 4 rows x 8 columns (eight f32x4 accumulators), then 4 x 4, then single
// rows and columns for the remainders. The k axis runs in chunks whose slice of B (kc x n)
// stays in L2 while every row block passes over it (a weight gradient's B is 2048 x 512); a
// block resumes from the partial sums it stored, so every C element is one dot product
// accumulated over p in order, whichever block, chunk or thread computes it.
export function matmul(a: usize, aRow: usize, aP: usize, b: usize, c: usize, rows: i32, k: i32, n: i32): void {
  const rowB = <usize>n << 2;
  const rows4 = rows & ~3;
  const kc = max(64, 65536 / max(n, 1));
  for (let p0 = 0; p0 < k; p0 += kc) {
    const p1 = min(k, p0 + kc);
    const resume = p0 > 0;
    for (let i = 0; i < rows4; i += 4) {
      const a0 = a + <usize>i * aRow + <usize>p0 * aP;
      const a1 = a0 + aRow;
      const a2 = a1 + aRow;
      const a3 = a2 + aRow;
      const c0 = c + <usize>i * rowB;
      let j = 0;
      for (; j + 8 <= n; j += 8) {
        const cp = c0 + (<usize>j << 2);
        let c00 = ZERO, c01 = ZERO, c10 = ZERO, c11 = ZERO, c20 = ZERO, c21 = ZERO, c30 = ZERO, c31 = ZERO;
        if (resume) {
          c00 = v128.load(cp); c01 = v128.load(cp, 16);
          c10 = v128.load(cp + rowB); c11 = v128.load(cp + rowB, 16);
          c20 = v128.load(cp + 2 * rowB); c21 = v128.load(cp + 2 * rowB, 16);
          c30 = v128.load(cp + 3 * rowB); c31 = v128.load(cp + 3 * rowB, 16);
        }
        let bp = b + <usize>p0 * rowB + (<usize>j << 2);
        let off: usize = 0;
        for (let p = p0; p < p1; p++) {
          const b0 = v128.load(bp);
          const b1 = v128.load(bp, 16);
          let x = v128.load32_splat(a0 + off);
          c00 = f32x4.add(c00, f32x4.mul(x, b0));
          c01 = f32x4.add(c01, f32x4.mul(x, b1));
          x = v128.load32_splat(a1 + off);
          c10 = f32x4.add(c10, f32x4.mul(x, b0));
          c11 = f32x4.add(c11, f32x4.mul(x, b1));
          x = v128.load32_splat(a2 + off);
          c20 = f32x4.add(c20, f32x4.mul(x, b0));
          c21 = f32x4.add(c21, f32x4.mul(x, b1));
          x = v128.load32_splat(a3 + off);
          c30 = f32x4.add(c30, f32x4.mul(x, b0));
          c31 = f32x4.add(c31, f32x4.mul(x, b1));
          bp += rowB;
          off += aP;
        }
        v128.store(cp, c00);
        v128.store(cp, c01, 16);
        v128.store(cp + rowB, c10);
        v128.store(cp + rowB, c11, 16);
        v128.store(cp + 2 * rowB, c20);
        v128.store(cp + 2 * rowB, c21, 16);
        v128.store(cp + 3 * rowB, c30);
        v128.store(cp + 3 * rowB, c31, 16);
      }
      for (; j + 4 <= n; j += 4) {
        const cp = c0 + (<usize>j << 2);
        let c00 = ZERO, c10 = ZERO, c20 = ZERO, c30 = ZERO;
        if (resume) {
          c00 = v128.load(cp);
          c10 = v128.load(cp + rowB);
          c20 = v128.load(cp + 2 * rowB);
          c30 = v128.load(cp + 3 * rowB);
        }
        let bp = b + <usize>p0 * rowB + (<usize>j << 2);
        let off: usize = 0;
        for (let p = p0; p < p1; p++) {
          const b0 = v128.load(bp);
          c00 = f32x4.add(c00, f32x4.mul(v128.load32_splat(a0 + off), b0));
          c10 = f32x4.add(c10, f32x4.mul(v128.load32_splat(a1 + off), b0));
          c20 = f32x4.add(c20, f32x4.mul(v128.load32_splat(a2 + off), b0));
          c30 = f32x4.add(c30, f32x4.mul(v128.load32_splat(a3 + off), b0));
          bp += rowB;
          off += aP;
        }
        v128.store(cp, c00);
        v128.store(cp + rowB, c10);
        v128.store(cp + 2 * rowB, c20);
        v128.store(cp + 3 * rowB, c30);
      }
    }
  }
  // Columns past the last multiple of 4, for the row blocks; then the rows past rows4.
  const n4 = n & ~3;
  for (let i = 0; i < rows4; i++) {
    for (let j = n4; j < n; j++) {
      store<f32>(c + <usize>i * rowB + (<usize>j << 2), dotColumn(a + <usize>i * aRow, aP, b + (<usize>j << 2), rowB, k));
    }
  }
  for (let i = rows4; i < rows; i++) {
    const ar = a + <usize>i * aRow;
    const cr = c + <usize>i * rowB;
    let j = 0;
    for (; j + 4 <= n; j += 4) {
      let acc = ZERO;
      let bp = b + (<usize>j << 2);
      let off: usize = 0;
      for (let p = 0; p < k; p++) {
        acc = f32x4.add(acc, f32x4.mul(v128.load32_splat(ar + off), v128.load(bp)));
        bp += rowB;
        off += aP;
      }
      v128.store(cr + (<usize>j << 2), acc);
    }
    for (; j < n; j++) store<f32>(cr + (<usize>j << 2), dotColumn(ar, aP, b + (<usize>j << 2), rowB, k));
  }
}

// sum over p of A'[r][p] B[p][j], in the order of the vector blocks (scalar f32 arithmetic).
// @ts-ignore: decorator
@inline
function dotColumn(ar: usize, aP: usize, bj: usize, rowB: usize, k: i32): f32 {
  let acc: f32 = 0;
  for (let p = 0; p < k; p++) acc += load<f32>(ar + <usize>p * aP) * load<f32>(bj + <usize>p * rowB);
  return acc;
}

// Slices s0..s1-1 of a batched product: slice s reads A' at a + s * aBatch and B at b + s * bBatch
// (a batch stride of 0 broadcasts that operand) and writes C at c + s * 4 * rows * n.
export function batchedMatmul(a: usize, aRow: usize, aP: usize, aBatch: usize, b: usize, bBatch: usize, c: usize,
  s0: i32, s1: i32, rows: i32, k: i32, n: i32): void {
  const cBatch = <usize>(rows * n) << 2;
  for (let s = s0; s < s1; s++) {
    matmul(a + <usize>s * aBatch, aRow, aP, b + <usize>s * bBatch, c + <usize>s * cBatch, rows, k, n);
  }
}
