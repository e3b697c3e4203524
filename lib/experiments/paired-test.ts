/**
 * The paired t-test across seeds. Runs of two methods with the same seed see the same
 * batches and the same evaluation set, so the per-seed difference is the unit of the test.
 */
import type { MetricRow } from '../train/types.js';

export interface PairedTest {
  /** Pairs (seeds). */
  n: number;
  /** Mean of b − a. */
  meanDiff: number;
  /** Sample standard deviation of b − a (n − 1); 0 for one pair. */
  sdDiff: number;
  /** t statistic; null below two pairs, where there is no test. */
  t: number | null;
  df: number;
  /** Two-sided p-value; null below two pairs. */
  p: number | null;
}

/** Lanczos approximation of log Gamma (x > 0), accurate to ~1e-15 relative. */
function logGamma(x: number): number {
  const g = [676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
    -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  let a = 0.99999999999980993;
  const z = x - 1;
  g.forEach((c, i) => { a += c / (z + i + 1); });
  const t = z + g.length - 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction of the incomplete beta function (modified Lentz). */
function betaFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  d = 1 / (Math.abs(d) < tiny ? tiny : d);
  let h = d;
  for (let m = 1; m <= 300; m++) {
    for (const num of [(m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m)), (-(a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1))]) {
      d = 1 + num * d;
      d = 1 / (Math.abs(d) < tiny ? tiny : d);
      c = 1 + num / c;
      if (Math.abs(c) < tiny) c = tiny;
      h *= d * c;
    }
    if (Math.abs(d * c - 1) < 1e-15) break;
  }
  return h;
}

/** Regularized incomplete beta I_x(a, b). */
function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2) ? (front * betaFraction(a, b, x)) / a : 1 - (front * betaFraction(b, a, 1 - x)) / b;
}

/** Two-sided tail probability P(|T| >= |t|) of Student's t with df degrees of freedom. */
export function studentTwoSidedP(t: number, df: number): number {
  if (!(df > 0)) throw new Error(`studentTwoSidedP: df must be > 0, got ${df}`);
  if (!Number.isFinite(t)) return Number.isNaN(t) ? NaN : 0;
  return incompleteBeta(df / (df + t * t), df / 2, 0.5);
}

/**
 * Paired two-sided t-test of b − a (b[i] and a[i] from the same seed). With every
 * difference equal the spread is 0: p is 1 when they are all 0, else 0.
 */
export function pairedTTest(a: readonly number[], b: readonly number[]): PairedTest {
  if (a.length !== b.length) throw new Error(`pairedTTest: need one b per a (same seeds); got ${a.length} and ${b.length} values`);
  if (![...a, ...b].every(Number.isFinite)) throw new Error('pairedTTest: every value must be finite');
  const n = a.length;
  const diff = b.map((v, i) => v - a[i]);
  const meanDiff = n === 0 ? NaN : diff.reduce((s, v) => s + v, 0) / n;
  const sdDiff = n < 2 ? 0 : Math.sqrt(diff.reduce((s, v) => s + (v - meanDiff) ** 2, 0) / (n - 1));
  const df = Math.max(n - 1, 0);
  if (n < 2) return { n, meanDiff, sdDiff, t: null, df, p: null };
  if (sdDiff === 0) return { n, meanDiff, sdDiff, t: meanDiff === 0 ? 0 : Math.sign(meanDiff) * Infinity, df, p: meanDiff === 0 ? 1 : 0 };
  const t = meanDiff / (sdDiff / Math.sqrt(n));
  return { n, meanDiff, sdDiff, t, df, p: studentTwoSidedP(t, df) };
}

/** Mean and sample standard deviation of one method's values over its seeds. */
export interface MethodSummary {
  method: string;
  mean: number;
  /** Sample standard deviation (n − 1); 0 for one seed. */
  sd: number;
  n: number;
}

export interface MethodComparison {
  a: MethodSummary;
  b: MethodSummary;
  /** Paired test of b − a over the seeds both methods ran. */
  test: PairedTest;
  seeds: number[];
}

function summarize(method: string, values: number[]): MethodSummary {
  const n = values.length;
  const mean = n === 0 ? NaN : values.reduce((s, v) => s + v, 0) / n;
  const sd = n < 2 ? 0 : Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
  return { method, mean, sd, n };
}

/**
 * Compares methods a and b on one quantity: among rows holding one value per run (e.g. each
 * run's last step, see finalRows), those matching every field of `where`, paired by seed.
 * Two matching rows of one run mean `where` is not specific enough, and are an error.
 */
export function compareMethods(rows: readonly MetricRow[], where: Partial<MetricRow>, a: string, b: string): MethodComparison {
  const keys = Object.entries(where) as Array<[keyof MetricRow, unknown]>;
  const values = new Map<string, Map<number, number>>([[a, new Map()], [b, new Map()]]);
  const seen = new Set<string>();
  for (const row of rows) {
    const bySeed = values.get(row.method);
    if (bySeed === undefined || !keys.every(([k, v]) => row[k] === v)) continue;
    // Keyed by method too, so that rows relabelled as methods (e.g. layers of one run) can be compared.
    const key = `${row.method}\u0000${row.run}`;
    if (seen.has(key)) {
      throw new Error(`compareMethods: run ${row.run} has several ${row.method} rows matching ${JSON.stringify(where)}; fix step, layer, head and metric, or pass each run's final rows`);
    }
    seen.add(key);
    bySeed.set(row.seed, row.value);
  }
  const [va, vb] = [values.get(a)!, values.get(b)!];
  const seeds = [...va.keys()].filter((s) => vb.has(s)).sort((x, y) => x - y);
  return {
    a: summarize(a, [...va.values()]),
    b: summarize(b, [...vb.values()]),
    test: pairedTTest(seeds.map((s) => va.get(s)!), seeds.map((s) => vb.get(s)!)),
    seeds,
  };
}
