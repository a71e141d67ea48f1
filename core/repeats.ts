// A micro case's figure from its repeats: the median of the per-repeat rates at the median
// time per operation, with a distribution-free interval from the spread between repeats (not
// the sampling error within one), ratios from the rounds both cases ran in, and the reasons a
// case is unstable.
// Pure functions over plain figures, so the runner (to pick cases for extra repeats), the
// terminal table and the report all judge a run the same way.
import { ALGORITHMS, type AlgName } from './algorithms.js';
import type { CaseFigure, CaseIdentity, Interval, RatioFigure } from './results/micro.js';

// The figure's shape is the results contract's (core/results/micro.ts); here is how it is computed.
export type { CaseFigure, CaseIdentity, Interval, RatioFigure };

/** a case whose interval reaches further than this from its figure is unstable */
export const UNSTABLE_LIMIT = 0.05;
/**
 * the confidence the median's interval aims at (few repeats can reach less; `confidence` says).
 * 99%, not 95%: the repeats of one run cannot see how two processes of the same code differ
 * (a percent or so), and at 95% the interval held the other run's figure for only 8-13 of 16
 * headline cases in two back-to-back quick runs; at 99%, 13-15.
 */
export const INTERVAL_CONFIDENCE = 0.99;


export interface MedianInterval {
  median: number;
  interval: Interval;
  /** the coverage the interval's order statistics give (at least INTERVAL_CONFIDENCE once there are enough repeats: 6 for 95%, 8 for 99%) */
  confidence: number;
}

/** P(X <= k) for X ~ Binomial(n, 1/2). */
function binomialHalfCdf(n: number, k: number): number {
  let term = 0.5 ** n;
  let sum = 0;
  for (let i = 0; i <= k; i++) {
    sum += term;
    term = (term * (n - i)) / (i + 1);
  }
  return sum;
}

/**
 * The median and its distribution-free interval [x(k), x(n-k+1)] (order statistics, 1-based):
 * the widest k whose coverage 1 - 2 P(B <= k-1) still reaches the confidence, else [min, max].
 * It assumes nothing about the repeats' distribution, and one disturbed repeat moves it by
 * one order statistic only.
 */
export function medianInterval(values: readonly number[], confidence = INTERVAL_CONFIDENCE): MedianInterval | null {
  const n = values.length;
  if (n === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const median = n % 2 ? s[n >> 1]! : (s[(n >> 1) - 1]! + s[n >> 1]!) / 2;
  let k = 1;
  while (k + 1 <= n - k && 1 - 2 * binomialHalfCdf(n, k) >= confidence) k += 1;
  return { median, interval: [s[k - 1]!, s[n - k]!], confidence: n < 2 ? 0 : 1 - 2 * binomialHalfCdf(n, k - 1) };
}

/**
 * Where another run's median of this case should fall: the median's interval widened by √2
 * about it on each side, because the other run's median is as uncertain as this one and the
 * difference of two equally uncertain figures spreads √2 times as far. That is the question
 * a reader asks of a figure (would I see it again?), and what "unstable" is judged on.
 */
export function predictionInterval({ median, interval: [lo, hi] }: MedianInterval): Interval {
  const low = median - Math.SQRT2 * (median - lo);
  // Rates and ratios are positive: where the widened end would cross zero, widen it on a log scale instead.
  return [low > 0 || median <= 0 ? low : lo > 0 ? median * (lo / median) ** Math.SQRT2 : 0, median + Math.SQRT2 * (hi - median)];
}

/** How far the interval reaches from the figure, relative to it: the larger side. */
export function relativeHalfWidth(value: number, [lo, hi]: Interval): number {
  return Math.max(value - lo, hi - value) / value;
}

/** That reach as the terminal table and the report print it: "±3.1%", "±12%". */
export function formatReach(value: number, interval: Interval): string {
  const r = relativeHalfWidth(value, interval);
  return `±${(r * 100).toFixed(r < 0.1 ? 1 : 0)}%`;
}


/** a / b with the interval their two intervals allow (conservative: both ends at once). */
export function ratio(a: MedianInterval, b: MedianInterval, scale = 1): RatioFigure {
  return { value: a.median / (b.median * scale), interval: [a.interval[0] / (b.interval[1] * scale), a.interval[1] / (b.interval[0] * scale)] };
}

/** where a repeat ran: its process and round, so two cases' repeats of one round pair up */
const roundOf = (r: RepeatInput): string => `${r.process ?? 1}|${r.repeat ?? ''}`;

/** A case's repeats and its figure over them: what a ratio of two cases is built from. */
interface CaseRepeats {
  rs: readonly RepeatInput[];
  /** the median with its interval for another run (predictionInterval) */
  m: MedianInterval;
}

/**
 * a / b from the rounds both ran in: the median of the per-round ratios, with the same
 * order-statistic interval (widened by √2) as a case's figure. The two cases of a round ran
 * seconds apart, so a machine that slows for a while slows both and the round's ratio holds:
 * in 16 pairs of back-to-back quick runs (docs/measured.md), all 12 ratios stayed within 5% in
 * 15 pairs (in 10 as ratios of medians), among them two pairs whose second run was 10% slower
 * throughout; 380 of 384 intervals held the other run's ratio. Fewer than 2 shared rounds
 * (files without round numbers): the ratio of the medians, with both intervals' ends at once.
 */
function pairedRatio(a: CaseRepeats, b: CaseRepeats, scale = 1): RatioFigure {
  const bRates = new Map(b.rs.filter((r) => r.repeat !== undefined).map((r) => [roundOf(r), repeatRate(r)]));
  const values = a.rs.filter((r) => r.repeat !== undefined && bRates.has(roundOf(r))).map((r) => repeatRate(r) / (bRates.get(roundOf(r))! * scale));
  if (values.length < 2) return ratio(a.m, b.m, scale);
  const m = medianInterval(values)!;
  return { value: m.median, interval: predictionInterval(m) };
}

/** The identity and figures of one completed repeat: what the aggregation needs of a case. */
export interface RepeatInput extends CaseIdentity {
  /** operations in the common window ÷ the window */
  opsPerSec: number;
  latencyNs: { p50: number };
  /** the round (repeat) and fresh process it ran in, when known: pairs cases for ratios */
  repeat?: number;
  process?: number;
  /** each thread's event-loop utilisation in the timed run, when recorded */
  perThread?: readonly { eventLoopUtilization?: number }[];
}

/**
 * Below this share of busy time, a 1-thread case is bound by waiting (its async calls run
 * off-thread), not by its CPU: k threads can then do more than k times its work, as jose's
 * HMAC did on 2 cores (busy 55% at 1 thread; 2 threads 2.3x). Synchronous engines measure 1.
 */
export const WAIT_BOUND_BUSY = 0.9;

/** A repeat's mean busy share over its threads, or null when not recorded. */
function repeatBusy(r: RepeatInput): number | null {
  const xs = (r.perThread ?? []).map((t) => t.eventLoopUtilization).filter((x): x is number => x !== undefined);
  return xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length;
}

/**
 * A repeat's rate at its median time per operation: threads x 1e9 / p50. Time the OS gives
 * to other programs lands in a few operations' latencies and in the window, so the window's
 * throughput swings with the machine's load (23% median change between two runs at load 11
 * on 2 cores) while the median latency barely moves (0.7%); the median is what the op costs.
 */
export const repeatRate = (r: { threads: number; latencyNs: { p50: number } }): number => (r.threads * 1e9) / r.latencyNs.p50;


/**
 * Algorithms whose floor (node:crypto) cost is one primitive, so their figures must agree:
 * HS384 and HS512 both run SHA-512 inside; RS256/384/512 are the same RSA private (sign) or
 * public (verify) operation, and PS256/384/512 the same private one, beside which the hash of
 * a token is small. Not RS verify of the large payload: its ~4 KB hash is a real share of a
 * public-key operation of about 20 µs, and SHA-256 runs in hardware where SHA-512 does not
 * (35% apart measured). Null for an algorithm with no such sibling.
 */
export function siblingGroup(alg: AlgName, op: string, payload?: string): string | null {
  const spec = ALGORITHMS[alg];
  if (spec.family === 'hmac') return spec.hash === 'sha256' ? null : `hmac-sha512-${op}`;
  if (spec.family === 'rsa') return op === 'verify' && payload === 'large' ? null : `rsa-${op}`;
  if (spec.family === 'rsa-pss' && op === 'sign') return 'rsa-pss-sign';
  return null;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** Figures per case identity (order of first appearance), with ratios and unstable marks. */
export function caseFigures(repeats: readonly RepeatInput[], limit = UNSTABLE_LIMIT): CaseFigure[] {
  const groups = new Map<string, RepeatInput[]>();
  for (const r of repeats) groups.set(r.id, [...(groups.get(r.id) ?? []), r]);
  const stats = new Map([...groups].map(([id, rs]) => {
    const m = medianInterval(rs.map(repeatRate))!;
    const busy = medianInterval(rs.map(repeatBusy).filter((x): x is number => x !== null))?.median ?? null;
    return [id, { rs, first: rs[0]!, n: rs.length, m: { ...m, interval: predictionInterval(m) }, confidence: m.confidence, window: medianInterval(rs.map((r) => r.opsPerSec))!.median, busy }];
  }));
  const key = (c: RepeatInput, parts: Partial<RepeatInput>) => {
    const k = { ...c, ...parts };
    return `${k.alg}|${k.keyBits}|${k.op}|${k.engine}|${k.keyPrep}|${k.payload}|${k.threads}`;
  };
  const byKey = new Map([...stats.values()].map((s) => [key(s.first, {}), s]));
  const figures: CaseFigure[] = [...stats].map(([id, { rs, first, n, m, confidence, window, busy }]) => {
    const hs = byKey.get(key(first, { alg: 'HS256', keyBits: null }));
    const floor = byKey.get(key(first, { engine: 'node', keyPrep: 'prepared' }));
    const one = byKey.get(key(first, { threads: 1 }));
    const scalingEfficiency = one ? pairedRatio({ rs, m }, one, first.threads) : null;
    const reasons: string[] = [];
    const reach = relativeHalfWidth(m.median, m.interval);
    if (n < 2) reasons.push('one repeat: no interval');
    else if (reach > limit) reasons.push(`interval ±${pct(reach)} is wider than ±${pct(limit)}`);
    let superlinear: string | undefined;
    if (first.threads > 1 && scalingEfficiency && scalingEfficiency.interval[0] > 1) {
      // Real when the 1-thread figure was bound by waiting; impossible when it was CPU-bound.
      if (one?.busy != null && one.busy < WAIT_BOUND_BUSY) {
        superlinear = `at 1 thread its thread was busy ${pct(one.busy)} of the time and waited on its async calls the rest, so ${first.threads} threads can do more than ${first.threads} times its work`;
      } else {
        reasons.push(`scaling efficiency ${pct(scalingEfficiency.value)} above 100% with an interval that does not reach it`);
      }
    }
    return {
      id, alg: first.alg, keyBits: first.keyBits, op: first.op, engine: first.engine, keyPrep: first.keyPrep, payload: first.payload, threads: first.threads,
      repeats: n, opsPerSec: m.median, opsPerSecInterval: m.interval, windowOpsPerSec: window, confidence,
      unstable: reasons.length > 0 ? reasons.join('; ') : null,
      costVsHs256: hs ? pairedRatio(hs, { rs, m }) : null,
      costVsNodeFloor: floor ? pairedRatio(floor, { rs, m }) : null,
      scalingEfficiency,
      ...(busy === null ? {} : { threadBusy: busy }),
      ...(superlinear === undefined ? {} : { superlinear }),
    };
  });
  markSiblings(figures, limit);
  return figures;
}

/** Floor siblings that differ by more than the limit are all marked: one of them is wrong. */
function markSiblings(figures: CaseFigure[], limit: number): void {
  const groups = new Map<string, CaseFigure[]>();
  for (const f of figures) {
    const g = f.engine === 'node' ? siblingGroup(f.alg, f.op, f.payload) : null;
    if (g === null) continue;
    const k = `${g}|${f.op}|${f.keyBits}|${f.payload}|${f.threads}`;
    groups.set(k, [...(groups.get(k) ?? []), f]);
  }
  for (const fs of groups.values()) {
    if (fs.length < 2) continue;
    const slow = fs.reduce((a, b) => (b.opsPerSec < a.opsPerSec ? b : a));
    const fast = fs.reduce((a, b) => (b.opsPerSec > a.opsPerSec ? b : a));
    const gap = fast.opsPerSec / slow.opsPerSec - 1;
    if (gap <= limit) continue;
    const reason = `${fs.map((f) => f.alg).join(', ')} ${fs[0]!.op} run the same primitive on the floor but differ by ${pct(gap)}`;
    for (const f of fs) f.unstable = f.unstable === null ? reason : `${f.unstable}; ${reason}`;
  }
}
