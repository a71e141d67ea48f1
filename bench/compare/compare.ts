// Matching two runs case by case and calling each change: improved, regressed, unchanged or
// inconclusive. A verdict needs both a significant Mann-Whitney test (p < alpha) and a shift at
// least as large as the threshold; a bare percentage is never one. The unit of repetition is
// the process when both runs have enough of them (micro --processes): two processes of the same
// code differ by a few percent, which repeats inside one process cannot show.
import { loadRunKey } from '../../core/load-key.js';
import type { CompletedRun, LoadDocument } from '../../core/results/load.js';
import type { CompletedCase, MicroDocument } from '../../core/results/micro.js';
import { median } from '../../core/stats.js';
import { medianInterval } from '../../core/repeats.js';
import { firstProcesses, lookRates } from './looks.js';
import { mannWhitney } from './mann-whitney.js';

export type Verdict = 'improved' | 'regressed' | 'unchanged' | 'inconclusive';

export interface Comparison {
  kind: 'micro' | 'load';
  id: string;
  /** what is compared; lower is better for both */
  metric: 'ns per op' | 'µs per request' | 'instructions per op';
  /** what the test ran on: per-process figures, per-repeat figures, or batch means within runs */
  basis: 'processes' | 'repeats' | 'batch means' | 'counts';
  /** how many figures of each side the test saw (processes, repeats or batch means) */
  figures: [number, number];
  /** which look of a two-look design decided (compare --first-look); 1 otherwise */
  look: 1 | 2;
  /** medians of the figures tested */
  baseline: number | null;
  candidate: number | null;
  /** Hodges-Lehmann shift relative to the baseline median, with its confidence interval at 1 - alpha */
  change: number | null;
  changeCi: [number, number] | null;
  /** the shift's interval at 1 - 2 x equivalenceAlpha (90%): within ±threshold, the runs are equivalent (TOST) */
  equivalenceCi: [number, number] | null;
  /** that interval's confidence level, e.g. 0.9 */
  equivalenceLevel: number;
  p: number | null;
  /** the candidate's own interval (at least 95%: order statistics) of its median figure, the value dashboards show */
  candidateCi: [number, number] | null;
  verdict: Verdict;
  reason: string;
}

export interface CompareOptions {
  alpha: number;
  /** smallest relative change that matters, e.g. 0.05 */
  threshold: number;
  /** the error rate of calling a change of at least the threshold unchanged (two one-sided tests); 0.05 unless given */
  equivalenceAlpha?: number;
  /**
   * processes per side of a first look: a case both sides measured in more processes gets a
   * second look if the first left it inconclusive, the error rates split between the looks
   * (bench/compare/looks.ts). Unset: one look at every process.
   */
  firstLook?: number;
}

/** TOST's customary level: a change of the threshold or more is called unchanged at most 1 time in 20. */
export const EQUIVALENCE_ALPHA = 0.05;


/** The smallest two-sided p-value Mann-Whitney can give for samples of n and m: 2 / C(n+m, n). */
export function smallestP(n: number, m: number): number {
  let ways = 1;
  for (let i = 1; i <= n; i++) ways = (ways * (m + i)) / i;
  return Math.min(1, 2 / ways);
}

type Called = Pick<Comparison, 'figures' | 'equivalenceLevel' | 'baseline' | 'candidate' | 'change' | 'changeCi' | 'equivalenceCi' | 'p' | 'candidateCi' | 'verdict' | 'reason'>;

function call(samplesA: number[], samplesB: number[], o: CompareOptions): Called {
  const figures: [number, number] = [samplesA.length, samplesB.length];
  const eqAlpha = o.equivalenceAlpha ?? EQUIVALENCE_ALPHA;
  const equivalenceLevel = Number((1 - 2 * eqAlpha).toPrecision(10));
  const none = { figures, equivalenceLevel, baseline: null, candidate: null, change: null, changeCi: null, equivalenceCi: null, p: null, candidateCi: null, verdict: 'inconclusive' as const };
  if (samplesA.length < 2 || samplesB.length < 2) return { ...none, reason: 'fewer than 2 figures on a side' };
  if ([...samplesA, ...samplesB].some((x) => !(x > 0))) return { ...none, reason: 'a figure of zero time: nothing to compare' };
  // On log figures: the shift is then a ratio, and its interval a relative one with the test's
  // own coverage (an absolute interval divided by a sample median is not: its TOST erred 5.1%
  // of the time at a nominal 5%). Ranks, and so p, are the same either way.
  const logA = samplesA.map(Math.log);
  const logB = samplesB.map(Math.log);
  const w = mannWhitney(logA, logB, o.alpha)!;
  const change = Math.expm1(w.shift);
  const ci: [number, number] = [Math.expm1(w.ci[0]), Math.expm1(w.ci[1])];
  // Unchanged is a claim of its own (equivalence), with its own error rate: two one-sided tests
  // at equivalenceAlpha, i.e. the 1 - 2 x equivalenceAlpha interval inside ±threshold. The
  // 1 - alpha interval asked for that spans every pairwise difference of 5 against 5 processes,
  // so one odd process left most A/A cases inconclusive.
  const e = mannWhitney(logA, logB, 2 * eqAlpha)!;
  const eqCi: [number, number] = [Math.expm1(e.ci[0]), Math.expm1(e.ci[1])];
  const candidateCi = medianInterval(samplesB, 0.95)?.interval ?? null;
  const base = { figures, equivalenceLevel, baseline: median(samplesA)!, candidate: median(samplesB)!, change, changeCi: ci, equivalenceCi: eqCi, p: w.p, candidateCi };
  if (smallestP(samplesA.length, samplesB.length) >= o.alpha) {
    return { ...base, verdict: 'inconclusive', reason: `${samplesA.length} and ${samplesB.length} figures cannot reach p < ${o.alpha}; repeat more` };
  }
  if (w.p < o.alpha && Math.abs(change) >= o.threshold) {
    return { ...base, verdict: change > 0 ? 'regressed' : 'improved', reason: `p ${w.p.toExponential(1)} < ${o.alpha} and |change| >= ${o.threshold * 100}%` };
  }
  const level = `${Number((equivalenceLevel * 100).toPrecision(10))}%`;
  // Every unchanged goes through the equivalence test, a significant small change too: its point
  // estimate alone called a true change of the threshold unchanged about half the time.
  if (e.level < equivalenceLevel - 1e-9) {
    return { ...base, verdict: 'inconclusive', reason: `${samplesA.length} and ${samplesB.length} figures cannot reach a ${level} interval; repeat more` };
  }
  if (eqCi[0] > -o.threshold && eqCi[1] < o.threshold) {
    return { ...base, verdict: 'unchanged', reason: `${w.p < o.alpha ? 'significant but small: ' : ''}the ${level} interval lies within ±${o.threshold * 100}% (equivalent at ${eqAlpha})` };
  }
  return { ...base, verdict: 'inconclusive', reason: `${w.p < o.alpha ? 'significant but smaller than the threshold' : 'not significant'}, and the ${level} interval reaches beyond ±${o.threshold * 100}%` };
}

/** Pairs the items of two runs by identity; only identities both runs completed are compared. */
export function matched<T>(as: T[], bs: T[], key: (t: T) => string): [string, T[], T[]][] {
  const group = (items: T[]) => {
    const map = new Map<string, T[]>();
    for (const item of items) map.set(key(item), [...(map.get(key(item)) ?? []), item]);
    return map;
  };
  const gb = group(bs);
  return [...group(as)].flatMap(([id, xs]) => (gb.has(id) ? [[id, xs, gb.get(id)!] as [string, T[], T[]]] : []));
}

export const microKey = (c: CompletedCase) => `${c.alg}${c.keyBits === null ? '' : `-${c.keyBits}`}/${c.op}/${c.engine}/${c.keyPrep}/${c.payload}/t${c.threads}`;
export const completedCases = (d: MicroDocument) => d.cases.filter((c): c is CompletedCase => c.state === 'completed');

/**
 * The fastest of each process's per-repeat median latencies, a figure per process. Other work
 * on the machine only ever adds time, so the least disturbed repeat is the process's level (as
 * Python's timeit advises); a median of 3 let two disturbed repeats, or a slow first one and a
 * disturbed one, move a process among the other side's and hide real 10% slowdowns.
 */
function perProcess(cs: CompletedCase[]): number[] {
  return [...fastestRepeat(cs, (c) => c.process ?? 1).values()];
}

/** The fastest per-repeat median latency in each group of cases (by process, or by case in one run). */
export function fastestRepeat<K>(cs: readonly CompletedCase[], group: (c: CompletedCase) => K): Map<K, number> {
  const out = new Map<K, number>();
  for (const c of cs) out.set(group(c), Math.min(out.get(group(c)) ?? Infinity, c.latencyNs.p50));
  return out;
}

/**
 * Per-process figures when both runs have enough processes to reach significance: then the
 * offsets between processes are part of the variance tested. Otherwise per-repeat median
 * latencies (a median shrugs off the GC pauses inside a repeat, and ranks a disturbed repeat),
 * and with fewer repeats batch means within the runs; neither can see those offsets, which
 * the threshold must then absorb.
 */
export function compareMicro(a: MicroDocument, b: MicroDocument, o: CompareOptions): Comparison[] {
  return matched(completedCases(a), completedCases(b), microKey).map(([id, as, bs]) => {
    const processes = (cs: CompletedCase[]) => new Set(cs.map((c) => c.process ?? 1)).size;
    if (o.firstLook !== undefined) {
      const twoLooks = sequential(as, bs, o, o.firstLook);
      if (twoLooks) return { kind: 'micro', id, metric: 'ns per op', basis: 'processes', ...twoLooks };
    }
    if (smallestP(processes(as), processes(bs)) < o.alpha) return { kind: 'micro', id, metric: 'ns per op', basis: 'processes', look: 1, ...call(perProcess(as), perProcess(bs), o) };
    const byRepeats = smallestP(as.length, bs.length) < o.alpha;
    const samples = (cs: CompletedCase[]) => (byRepeats ? cs.map((c) => c.latencyNs.p50) : cs.flatMap((c) => c.batchMeansNs));
    return { kind: 'micro', id, metric: 'ns per op', basis: byRepeats ? 'repeats' : 'batch means', look: 1, ...call(samples(as), samples(bs), o) };
  });
}

/**
 * Two looks on processes: the first `n` of each side, as one look would judge them; a case
 * that look leaves inconclusive, and that both sides measured in more processes, is judged
 * again on all of them at the rates the first look left unspent (bench/compare/looks.ts). A
 * verdict of the first look stands, whatever later processes show. Null when the first look cannot reach significance on processes.
 */
function sequential(as: CompletedCase[], bs: CompletedCase[], o: CompareOptions, n: number): (Called & { look: 1 | 2 }) | null {
  const overall = { alpha: o.alpha, equivalenceAlpha: o.equivalenceAlpha ?? EQUIVALENCE_ALPHA };
  const [a1, b1] = [perProcess(firstProcesses(as, n)), perProcess(firstProcesses(bs, n))];
  if (smallestP(a1.length, b1.length) >= o.alpha) return null;
  const one = call(a1, b1, { ...o, ...lookRates(1, overall, [a1.length, b1.length]) });
  const [a2, b2] = [perProcess(as), perProcess(bs)];
  if (one.verdict !== 'inconclusive' || a2.length <= n || b2.length <= n) return { look: 1, ...one, reason: `first look: ${one.reason}` };
  const two = call(a2, b2, { ...o, ...lookRates(2, overall, [a1.length, b1.length]) });
  return { look: 2, ...two, reason: `second look: ${two.reason}` };
}

// A target run is also keyed by the service and the client that loaded it: runs of two services never pair.
const completedRuns = (d: LoadDocument) => d.runs.filter((r): r is CompletedRun => r.state === 'completed' && r.requestsPerSec > 0);

/** Load runs give one figure per run, so a verdict needs at least 2 repeats on each side. */
export function compareLoad(a: LoadDocument, b: LoadDocument, o: CompareOptions): Comparison[] {
  const samples = (rs: CompletedRun[]) => rs.map((r) => 1e6 / r.requestsPerSec);
  return matched(completedRuns(a), completedRuns(b), loadRunKey).map(([id, as, bs]) => (
    { kind: 'load', id, metric: 'µs per request', basis: 'repeats', look: 1, ...call(samples(as), samples(bs), o) }));
}

/** Differences that make timings from two runs incomparable; software versions may differ (that is often the point). */
export function envMismatches(a: { cpuModel: string; cores: number; usableCores?: number; arch?: string; os: string; runtime?: { name: string } }, b: typeof a): string[] {
  const out: string[] = [];
  if (a.cpuModel !== b.cpuModel) out.push(`CPU model (${a.cpuModel} vs ${b.cpuModel})`);
  // usable cores: what the run could use (older files recorded only that, as cores)
  const usable = (e: typeof a) => e.usableCores ?? e.cores;
  if (usable(a) !== usable(b)) out.push(`cores (${usable(a)} vs ${usable(b)})`);
  if (a.arch !== b.arch) out.push(`architecture (${a.arch} vs ${b.arch})`);
  // Another runtime is another environment, as another machine is (Node to Node is a version change, named beside the verdicts).
  const runtime = (e: typeof a) => e.runtime?.name ?? 'node';
  if (runtime(a) !== runtime(b)) out.push(`runtime (${runtime(a)} vs ${runtime(b)})`);
  return out;
}

/** How a micro run was placed on CPUs, as far as its file says: what decides jose's figures most. */
function placement(config: { pinnedByThreads?: readonly unknown[] }): string {
  return config.pinnedByThreads ? 'each thread count pinned to as many CPUs' : 'all thread counts in one process';
}

/**
 * A run that pinned each thread count apart against one that did not: unpinned, jose's 1-thread
 * figures were about a fifth of pinned ones on a 2-core VM (docs/statistics.md), with no code
 * change, so compare would report the placement as the code's doing.
 */
export function pinningMismatches(a: { pinnedByThreads?: readonly unknown[] }, b: typeof a): string[] {
  return placement(a) === placement(b) ? [] : [`CPU placement (${placement(a)} vs ${placement(b)})`];
}
