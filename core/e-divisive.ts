// E-divisive means (Matteson & James, "A Nonparametric Approach for Multiple Change Point
// Analysis of Multivariate Data", JASA 2014), as MongoDB's performance CI and Hunter use it:
// split a series where the energy distance between the part before and the part after, scaled
// by their sizes, is largest; keep the split if a permutation test says a split that large
// is rare in shuffled data; repeat inside the parts until a split is not significant.
// Written here because no maintained JavaScript implementation exists on npm (docs/history.md).
//
// Each segment's statistic for every split is computed in O(m log m) with Fenwick trees over
// the values' ranks (the sum of distances from a value to those already seen), not O(m²)
// pairwise, so a permutation test of a 1,000-run series stays cheap. Univariate, alpha = 1.

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

/** Reusable scratch space for one segment length at most `capacity`. */
class Scratch {
  readonly count: Float64Array;
  readonly sum: Float64Array;
  readonly within: Float64Array;
  constructor(capacity: number) {
    this.count = new Float64Array(capacity + 1);
    this.sum = new Float64Array(capacity + 1);
    this.within = new Float64Array(capacity + 1);
  }
}

/**
 * within[k] = the sum of |v_i - v_j| over pairs among the first k values of `order` (indices
 * into values/ranks), for k = 0..m. Fenwick trees over ranks hold the count and the sum of the
 * values seen, so each new value's distance to all of them is two prefix queries.
 */
function prefixWithin(values: Float64Array, ranks: Int32Array, m: number, reverse: boolean, s: Scratch): void {
  s.count.fill(0, 0, m + 1);
  s.sum.fill(0, 0, m + 1);
  let total = 0;
  let acc = 0;
  s.within[0] = 0;
  for (let k = 0; k < m; k++) {
    const i = reverse ? m - 1 - k : k;
    const v = values[i]!;
    const r = ranks[i]! + 1;
    let c = 0;
    let below = 0;
    for (let j = r; j > 0; j -= j & -j) { c += s.count[j]!; below += s.sum[j]!; }
    // distance to those at or below v in rank, then to those above
    acc += v * c - below + (total - below) - v * (k - c);
    for (let j = r; j <= m; j += j & -j) { s.count[j]! += 1; s.sum[j]! += v; }
    total += v;
    s.within[k + 1] = acc;
  }
}

/** The best split of one segment: its statistic and where (the first index of the second part, relative). */
function bestSplit(values: Float64Array, ranks: Int32Array, m: number, minSize: number, fwd: Scratch, back: Scratch): { tau: number; q: number } {
  prefixWithin(values, ranks, m, false, fwd);
  prefixWithin(values, ranks, m, true, back);
  const all = fwd.within[m]!;
  let best = { tau: -1, q: -Infinity };
  for (let tau = minSize; tau <= m - minSize; tau++) {
    const a = tau;
    const b = m - tau;
    const wa = fwd.within[a]!;
    const wb = back.within[b]!;
    const cross = all - wa - wb;
    // Ê = 2/(ab)·Σ|x−y| − (a choose 2)⁻¹·Σ|x−x'| − (b choose 2)⁻¹·Σ|y−y'|; a part of one point has no within term
    const e = (2 * cross) / (a * b) - (a > 1 ? (2 * wa) / (a * (a - 1)) : 0) - (b > 1 ? (2 * wb) / (b * (b - 1)) : 0);
    const q = ((a * b) / m) * e;
    if (q > best.q) best = { tau, q };
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

interface Segment { start: number; end: number; tau: number; q: number; ranks: Int32Array | null }

/** The change points of `series`, in index order, each with its statistic and permutation p. */
export function eDivisive(series: readonly number[], options: EDivisiveOptions = {}): EDivisiveChange[] {
  const alpha = options.alpha ?? 0.01;
  const permutations = options.permutations ?? 199;
  const minSize = Math.max(1, options.minSize ?? 3);
  const random = options.random ?? seededRandom(1);
  const n = series.length;
  const fwd = new Scratch(n);
  const back = new Scratch(n);
  const values = Float64Array.from(series);
  const evaluate = (start: number, end: number): Segment => {
    const m = end - start;
    if (m < 2 * minSize) return { start, end, tau: -1, q: -Infinity, ranks: null };
    const v = values.subarray(start, end);
    const ranks = ranksOf(v, m);
    const best = bestSplit(v, ranks, m, minSize, fwd, back);
    return { start, end, tau: best.tau < 0 ? -1 : start + best.tau, q: best.q, ranks };
  };
  let segments: Segment[] = [evaluate(0, n)];
  const found: EDivisiveChange[] = [];
  // A shuffled copy of a segment: values and their ranks move together, so no sort per permutation.
  const v = new Float64Array(n);
  const r = new Int32Array(n);
  const shuffledBest = (seg: Segment): number => {
    const m = seg.end - seg.start;
    if (seg.ranks === null) return -Infinity;
    v.set(values.subarray(seg.start, seg.end));
    r.set(seg.ranks);
    for (let i = m - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const tv = v[i]!; v[i] = v[j]!; v[j] = tv;
      const tr = r[i]!; r[i] = r[j]!; r[j] = tr;
    }
    return bestSplit(v, r, m, minSize, fwd, back).q;
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
  const best = bestSplit(v, ranksOf(v, m), m, Math.max(1, minSize), new Scratch(m), new Scratch(m));
  return { index: best.tau, q: best.q };
}
