// E-divisive means (Matteson & James, "A Nonparametric Approach for Multiple Change Point
// Analysis of Multivariate Data", JASA 2014), as MongoDB's performance CI and Hunter use it:
// split a series where the energy distance between the part before and the part after, scaled
// by their sizes, is largest; keep the split if a permutation test says a split that large
// is rare in shuffled data; repeat inside the parts until a split is not significant.
// Written here because no maintained JavaScript implementation exists on npm (docs/history.md).
//
// Each segment's statistic for every split is computed in one O(m log m) pass with Fenwick
// trees over the values' ranks (the sum of distances from a value to those already seen), not
// O(m²) pairwise, so a permutation test of a 1,000-run series stays cheap. Univariate, alpha = 1.

export interface EDivisiveOptions {
  /** significance level of the permutation test (default 0.01) */
  alpha?: number;
  /** permutations per test (default 199: p can reach 0.005) */
  permutations?: number;
  /** fewest points a segment may have (default 3) */
  minSize?: number;
  /** uniform [0, 1) random numbers; seed it for repeatable results (seededRandom) */
  random?: () => number;
}

export interface EDivisiveChange {
  /** the first index of the new level: the run where the series moved */
  index: number;
  /** the split's statistic, Q̂ */
  q: number;
  /** the permutation test's p: (permuted splits at least as large + 1) / (permutations + 1) */
  p: number;
}

/** A small seeded generator (mulberry32): the same seed gives the same permutations. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seed from a string (FNV-1a), so each series gets its own repeatable permutations. */
export function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Reusable Fenwick trees for segments of at most `capacity` values. */
class Scratch {
  readonly count: Int32Array;
  readonly sum: Float64Array;
  constructor(capacity: number) {
    this.count = new Int32Array(capacity + 1);
    this.sum = new Float64Array(capacity + 1);
  }
}

/** A segment's values in ascending order, summed: S[r] is the sum of the r smallest. Shared by its permutations (the same values). */
function sortedSums(values: Float64Array, ranks: Int32Array, m: number): Float64Array {
  const sorted = new Float64Array(m);
  for (let i = 0; i < m; i++) sorted[ranks[i]!] = values[i]!;
  const sums = new Float64Array(m + 1);
  for (let r = 0; r < m; r++) sums[r + 1] = sums[r]! + sorted[r]!;
  return sums;
}

/**
 * The best split of one segment: its statistic and where (the first index of the second part,
 * relative). One pass in order: a Fenwick tree over ranks gives each value's distance to those
 * before it (their count and sum below its rank), the sorted sums its distance to all, and
 * from those the within sums of both parts and the cross sum at every split.
 */
function bestSplit(values: Float64Array, ranks: Int32Array, sums: Float64Array, m: number, minSize: number, s: Scratch): { tau: number; q: number } {
  s.count.fill(0, 0, m + 1);
  s.sum.fill(0, 0, m + 1);
  const total = sums[m]!;
  // every pair's distance once: the value of rank r is above r others and below m - 1 - r
  let all = 0;
  for (let r = 0; r < m; r++) all += (2 * r - m + 1) * (sums[r + 1]! - sums[r]!);
  let seen = 0; // sum of the values before k
  let wa = 0; // distances among the values before k
  let toAll = 0; // distances from the values before k to every value
  let best = { tau: -1, q: -Infinity };
  for (let k = 0; k < m; k++) {
    const v = values[k]!;
    const r = ranks[k]!;
    let c = 0;
    let below = 0;
    for (let j = r + 1; j > 0; j -= j & -j) { c += s.count[j]!; below += s.sum[j]!; }
    wa += v * c - below + (seen - below) - v * (k - c);
    toAll += v * r - sums[r]! + (total - sums[r + 1]!) - v * (m - 1 - r);
    for (let j = r + 1; j <= m; j += j & -j) { s.count[j]! += 1; s.sum[j]! += v; }
    seen += v;
    const a = k + 1;
    if (a < minSize || a > m - minSize) continue;
    const b = m - a;
    const cross = toAll - 2 * wa;
    const wb = all - wa - cross;
    // Ê = 2/(ab)·Σ|x−y| − (a choose 2)⁻¹·Σ|x−x'| − (b choose 2)⁻¹·Σ|y−y'|; a part of one point has no within term
    const e = (2 * cross) / (a * b) - (a > 1 ? (2 * wa) / (a * (a - 1)) : 0) - (b > 1 ? (2 * wb) / (b * (b - 1)) : 0);
    const q = ((a * b) / m) * e;
    if (q > best.q) best = { tau: a, q };
  }
  return best;
}

/** Ranks of a segment's values (ties get distinct ranks; equal values are at distance 0 either way). */
function ranksOf(values: Float64Array, m: number): Int32Array {
  const order = Array.from({ length: m }, (_, i) => i).sort((x, y) => values[x]! - values[y]!);
  const ranks = new Int32Array(m);
  order.forEach((i, r) => { ranks[i] = r; });
  return ranks;
}

interface Segment { start: number; end: number; tau: number; q: number; ranks: Int32Array | null; sums: Float64Array | null }

/** The change points of `series`, in index order, each with its statistic and permutation p. */
export function eDivisive(series: readonly number[], options: EDivisiveOptions = {}): EDivisiveChange[] {
  const alpha = options.alpha ?? 0.01;
  const permutations = options.permutations ?? 199;
  const minSize = Math.max(1, options.minSize ?? 3);
  const random = options.random ?? seededRandom(1);
  const n = series.length;
  const scratch = new Scratch(n);
  const values = Float64Array.from(series);
  const evaluate = (start: number, end: number): Segment => {
    const m = end - start;
    if (m < 2 * minSize) return { start, end, tau: -1, q: -Infinity, ranks: null, sums: null };
    const v = values.subarray(start, end);
    const ranks = ranksOf(v, m);
    const sums = sortedSums(v, ranks, m);
    const best = bestSplit(v, ranks, sums, m, minSize, scratch);
    return { start, end, tau: best.tau < 0 ? -1 : start + best.tau, q: best.q, ranks, sums };
  };
  let segments: Segment[] = [evaluate(0, n)];
  const found: EDivisiveChange[] = [];
  // A shuffled copy of a segment: values and their ranks move together, so no sort per permutation.
  const v = new Float64Array(n);
  const r = new Int32Array(n);
  const shuffledBest = (seg: Segment): number => {
    const m = seg.end - seg.start;
    if (seg.ranks === null || seg.sums === null) return -Infinity;
    v.set(values.subarray(seg.start, seg.end));
    r.set(seg.ranks);
    for (let i = m - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const tv = v[i]!; v[i] = v[j]!; v[j] = tv;
      const tr = r[i]!; r[i] = r[j]!; r[j] = tr;
    }
    return bestSplit(v, r, seg.sums, m, minSize, scratch).q;
  };
  for (;;) {
    const candidate = segments.reduce((a, b) => (b.q > a.q ? b : a), segments[0]!);
    if (candidate.tau < 0 || !(candidate.q > 0)) break;
    // Matteson & James: permute within every current cluster, take the largest split of any.
    const limit = alpha * (permutations + 1) - 1;
    let atLeast = 0;
    for (let done = 0; done < permutations && atLeast <= limit; done++) {
      let q = -Infinity;
      for (const seg of segments) q = Math.max(q, shuffledBest(seg));
      if (q >= candidate.q) atLeast += 1;
    }
    // Stopped early: p exceeds alpha whatever the remaining permutations would give.
    if (atLeast > limit) break;
    found.push({ index: candidate.tau, q: candidate.q, p: (atLeast + 1) / (permutations + 1) });
    segments = segments.flatMap((s) => (s === candidate ? [evaluate(s.start, s.tau), evaluate(s.tau, s.end)] : [s]));
  }
  return found.sort((a, b) => a.index - b.index);
}

/** The best single split of a whole series (for tests against the pairwise definition). */
export function bestSplitOf(series: readonly number[], minSize = 3): { index: number; q: number } {
  const m = series.length;
  const v = Float64Array.from(series);
  const ranks = ranksOf(v, m);
  const best = bestSplit(v, ranks, sortedSums(v, ranks, m), m, Math.max(1, minSize), new Scratch(m));
  return { index: best.tau, q: best.q };
}
