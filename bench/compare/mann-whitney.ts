// Mann-Whitney U (Wilcoxon rank-sum) test with the Hodges-Lehmann shift and its
// distribution-free confidence interval, computed the way R's wilcox.test(conf.int = TRUE) does.
// Chosen over Welch's t-test because the per-repeat figures of a benchmark are not normal:
// one disturbed repeat (a GC storm, another process) is an outlier that inflates a variance
// and hides a real change, while ranks give it no more weight than any other repeat.
import jstatModule from 'jstat';
import { median } from '../../core/stats.js';

const { jStat } = jstatModule;

export interface MannWhitneyResult {
  medianA: number;
  medianB: number;
  /** the number of pairs (a, b) with b > a, ties counted as half */
  u: number;
  /** Hodges-Lehmann estimate of the shift b - a: the median of all pairwise differences */
  shift: number;
  /** confidence interval of the shift at `level` */
  ci: [number, number];
  /**
   * the interval's coverage: at least 1 - alpha, except where the samples are too small to
   * reach it (3 against 3 at alpha 0.01 reaches 0.90), which R warns of and callers must check
   */
  level: number;
  /** two-sided p-value */
  p: number;
  /** exact null distribution (no ties, small samples) or the normal approximation */
  method: 'exact' | 'normal';
}

/** Above this many values in all, the exact distribution gives way to the normal approximation. */
const EXACT_LIMIT = 100;

/** counts[u] = how many of the C(n+m, n) orderings give U = u (no ties). */
function uCounts(n: number, m: number): Float64Array {
  // f(i, j, u) = f(i-1, j, u - j) + f(i, j-1, u): the largest value belongs to b or to a.
  let prev: Float64Array[] = Array.from({ length: m + 1 }, () => Float64Array.of(1));
  for (let i = 1; i <= n; i++) {
    const row: Float64Array[] = [Float64Array.of(1)];
    for (let j = 1; j <= m; j++) {
      const cell = new Float64Array(i * j + 1);
      const left = row[j - 1]!;
      const up = prev[j]!;
      for (let u = 0; u < left.length; u++) cell[u]! += left[u]!;
      for (let u = 0; u < up.length; u++) cell[u + j]! += up[u]!;
      row.push(cell);
    }
    prev = row;
  }
  return prev[m]!;
}

/** P(U <= k) under no change, exactly, for samples of n and m without ties. */
function exactCdf(n: number, m: number): (k: number) => number {
  const cdf = cumulative(uCounts(n, m));
  return (k) => (k < 0 ? 0 : cdf[Math.min(k, cdf.length - 1)]!);
}

function cumulative(counts: Float64Array): Float64Array {
  const total = counts.reduce((s, c) => s + c, 0);
  const cdf = new Float64Array(counts.length);
  let running = 0;
  counts.forEach((c, u) => { running += c; cdf[u] = running / total; });
  return cdf;
}

/**
 * What the exact test at these sample sizes really spends: `size`, the chance under no change
 * that p < alpha (the largest p it can give below alpha), and `tail`, the chance that the
 * 1 - 2 x equivalenceAlpha interval misses the shift on one side. Small samples reach only a
 * few levels, so both can be well below the nominal rates (5 against 5: 0.0079 of 0.01, 0.0476
 * of 0.05). Beyond the exact limit, the nominal rates.
 */
export function exactLevels(n: number, m: number, alpha: number, equivalenceAlpha: number): { size: number; tail: number } {
  if (n < 2 || m < 2 || n + m > EXACT_LIMIT) return { size: alpha, tail: equivalenceAlpha };
  const at = exactCdf(n, m);
  // p = 2 P(U <= u) for u below the middle: the largest such p under alpha is the size
  let size = 0;
  for (let u = 0; 2 * at(u) < alpha && u <= (n * m) / 2; u++) size = 2 * at(u);
  // the interval's lower end is D(qu), qu the smallest k with P(U <= k) >= equivalenceAlpha (as mannWhitney)
  let qu = 0;
  while (at(qu) < equivalenceAlpha) qu += 1;
  return { size: Math.min(size, alpha), tail: at(Math.max(qu, 1) - 1) };
}

export function mannWhitney(a: readonly number[], b: readonly number[], alpha: number): MannWhitneyResult | null {
  const n = a.length;
  const m = b.length;
  if (n < 2 || m < 2) return null;
  let u = 0;
  const diffs: number[] = [];
  for (const x of a) {
    for (const y of b) {
      if (y > x) u += 1;
      else if (y === x) u += 0.5;
      diffs.push(y - x);
    }
  }
  diffs.sort((x, y) => x - y);
  const nm = n * m;
  const shift = median(diffs);
  const all = [...a, ...b].sort((x, y) => x - y);
  const hasTies = all.some((v, i) => i > 0 && v === all[i - 1]);
  const base = { medianA: median(a)!, medianB: median(b)!, u, shift: shift! };

  if (!hasTies && n + m <= EXACT_LIMIT) {
    const at = exactCdf(n, m);
    const p = Math.min(1, 2 * Math.min(at(u), 1 - at(u - 1)));
    // R: qu = qwilcox(alpha/2), the smallest k with P(U <= k) >= alpha/2; the interval is
    // [D(qu), D(nm - qu + 1)] in 1-based order statistics of the pairwise differences.
    let qu = 0;
    while (at(qu) < alpha / 2) qu += 1;
    if (qu === 0) qu = 1;
    return { ...base, ci: [diffs[qu - 1]!, diffs[nm - qu]!], level: 1 - 2 * at(qu - 1), p, method: 'exact' };
  }

  const N = n + m;
  let tieTerm = 0;
  for (let i = 0; i < N;) {
    let j = i;
    while (j + 1 < N && all[j + 1] === all[i]) j += 1;
    const t = j - i + 1;
    tieTerm += t ** 3 - t;
    i = j + 1;
  }
  const sigma = Math.sqrt((nm / 12) * ((N + 1) - tieTerm / (N * (N - 1))));
  const z = sigma === 0 ? 0 : (Math.abs(u - nm / 2) - 0.5) / sigma;
  const p = sigma === 0 ? 1 : Math.min(1, 2 * (1 - jStat.normal.cdf(Math.max(0, z), 0, 1)));
  // The same order statistics, with the quantile of U from the normal approximation.
  const k = Math.max(1, Math.floor(nm / 2 - jStat.normal.inv(1 - alpha / 2, 0, 1) * sigma));
  return { ...base, ci: [diffs[Math.min(k, nm) - 1]!, diffs[Math.max(nm - k, 0)]!], level: 1 - alpha, p, method: 'normal' };
}
