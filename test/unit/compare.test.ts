import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareMicro, smallestP } from '../../bench/compare/compare.js';
import { mannWhitney } from '../../bench/compare/mann-whitney.js';
import type { MicroDocument } from '../../core/results/micro.js';

const close = (actual: number, expected: number, eps: number) => assert.ok(Math.abs(actual - expected) <= eps, `${actual} != ${expected}`);

/** Two-sided p by brute force: every way of splitting the pooled values into groups of n and m. */
function enumeratedP(a: number[], b: number[]): number {
  const pooled = [...a, ...b];
  const u = (xs: number[], ys: number[]) => xs.reduce((s, x) => s + ys.filter((y) => y > x).length, 0);
  const observed = u(a, b);
  const mid = (a.length * b.length) / 2;
  let extreme = 0;
  let all = 0;
  const pick = (start: number, chosen: number[]) => {
    if (chosen.length === a.length) {
      const rest = pooled.filter((_, i) => !chosen.includes(i));
      all += 1;
      if (Math.abs(u(chosen.map((i) => pooled[i]!), rest) - mid) >= Math.abs(observed - mid)) extreme += 1;
      return;
    }
    for (let i = start; i < pooled.length; i++) pick(i + 1, [...chosen, i]);
  };
  pick(0, []);
  return extreme / all;
}

test('Mann-Whitney matches R\'s documented example and a brute-force enumeration', () => {
  // ?wilcox.test (Hollander & Wolfe): wilcox.test(x, y, alternative = "g") gives W = 35, p = 0.1272.
  const x = [0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
  const y = [1.15, 0.88, 0.90, 0.74, 1.21];
  const r = mannWhitney(y, x, 0.05)!;
  assert.equal(r.u, 35);
  assert.equal(r.method, 'exact');
  close(r.p / 2, 0.1272, 0.00005);
  close(r.p, enumeratedP(y, x), 1e-12);
  const a = [5.1, 4.8, 5.3, 5.0, 4.9, 5.2];
  const b = [5.6, 5.4, 5.9, 5.05, 5.7, 5.5];
  close(mannWhitney(a, b, 0.01)!.p, enumeratedP(a, b), 1e-12);
  assert.equal(mannWhitney([1], [1, 2], 0.05), null);
});

test('Hodges-Lehmann shift and interval: a pure shift is estimated exactly and covered', () => {
  const a = [10.1, 9.7, 10.4, 9.9, 10.0, 10.6, 9.8, 10.2];
  const b = a.map((v) => v + 1.5);
  const r = mannWhitney(a, b, 0.01)!;
  close(r.shift, 1.5, 1e-12);
  assert.ok(r.ci[0] <= 1.5 && r.ci[1] >= 1.5 && r.ci[0] > 0, `${r.ci}`);
  // 8 vs 8, all b above all a: p = 2 / C(16, 8)
  close(r.p, 2 / 12870, 1e-15);
  close(smallestP(8, 8), 2 / 12870, 1e-15);
  assert.equal(smallestP(3, 3), 0.1);
});

test('Mann-Whitney with ties uses the normal approximation with the tie correction', () => {
  const r = mannWhitney([1, 2, 2, 3, 3, 3], [3, 4, 4, 5, 5, 6], 0.05)!;
  assert.equal(r.method, 'normal');
  // R: wilcox.test(c(1,2,2,3,3,3), c(3,4,4,5,5,6), exact = FALSE, correct = TRUE)$p.value
  assert.ok(r.p > 0.003 && r.p < 0.02, `${r.p}`);
});

/** Deterministic noise: a sample of n values around `center` with relative spread `spread`. */
function sample(n: number, center: number, spread: number, seed: number): number[] {
  let x = seed;
  return Array.from({ length: n }, () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return center * (1 + spread * ((x / 2 ** 31) * 2 - 1));
  });
}

function doc(cases: { id: string; batchMeansNs: number[] }[]): MicroDocument {
  return {
    cases: cases.map(({ id, batchMeansNs }) => ({
      id, alg: 'HS256', keyBits: null, op: 'sign', engine: id, keyPrep: 'prepared', payload: 'small', threads: 1, repeat: 0,
      state: 'completed', opsPerSec: 1e9 / batchMeansNs[0]!, batchMeansNs,
    })),
  } as unknown as MicroDocument;
}

test('verdicts need both significance and an effect that matters', () => {
  // id, batch means per run, baseline centre, candidate centre, relative spread
  const cases: [string, number, number, number, number][] = [
    ['slower', 32, 1000, 1200, 0.02],
    ['faster', 32, 1000, 800, 0.02],
    ['same', 32, 1000, 1000, 0.02],
    ['tiny', 32, 1000, 1010, 0.001],
    ['noisy', 4, 1000, 1100, 0.6],
  ];
  const base = doc(cases.map(([id, n, centre, , spread], i) => ({ id, batchMeansNs: sample(n, centre, spread, i + 1) })));
  const cand = doc(cases.map(([id, n, , centre, spread], i) => ({ id, batchMeansNs: sample(n, centre, spread, i + 6) })));
  const verdicts = Object.fromEntries(compareMicro(base, cand, { alpha: 0.01, threshold: 0.05 }).map((c) => [c.id.split('/')[2], c.verdict]));
  assert.deepEqual(verdicts, { slower: 'regressed', faster: 'improved', same: 'unchanged', tiny: 'unchanged', noisy: 'inconclusive' });
});

/** n repeats of one case, each with the given median latency. */
function repeats(p50s: number[]): MicroDocument {
  return {
    cases: p50s.map((p50, repeat) => ({
      id: 'r', alg: 'HS256', keyBits: null, op: 'verify', engine: 'jose', keyPrep: 'prepared', payload: 'small', threads: 1, repeat,
      state: 'completed', opsPerSec: 1e9 / p50, latencyNs: { p50 }, batchMeansNs: [p50],
    })),
  } as unknown as MicroDocument;
}

test('with enough repeats the test runs on per-repeat medians, and one disturbed repeat does not hide a regression', () => {
  const base = sample(10, 1000, 0.01, 21);
  const slower = sample(10, 1100, 0.01, 22);
  slower[3] = 700; // one repeat disturbed the other way
  const [c] = compareMicro(repeats(base), repeats(slower), { alpha: 0.01, threshold: 0.05 });
  assert.equal(c!.basis, 'repeats');
  assert.equal(c!.verdict, 'regressed', c!.reason);
  assert.ok(c!.change! > 0.05 && c!.changeCi![0] > 0, `${c!.change} ${c!.changeCi}`);
  const [few] = compareMicro(repeats(base.slice(0, 3)), repeats(slower.slice(0, 3)), { alpha: 0.01, threshold: 0.05 });
  assert.equal(few!.basis, 'batch means');
});

/** One case measured in fresh processes: a process offset each, and repeats tight around it. */
function processes(offsets: number[], perProcess: number, centre = 1000): MicroDocument {
  const d = repeats(offsets.flatMap((o, i) => sample(perProcess, centre * o, 0.002, i + 31)));
  d.cases.forEach((c, i) => { c.process = Math.floor(i / perProcess) + 1; });
  return d;
}

test('with enough processes the test runs on processes, so an offset between two processes is not a regression', () => {
  // Two processes of the same code differ by up to 6%, as jose's HS256 verify did here.
  const a = [1.0, 1.06, 0.99, 1.05, 1.01];
  const b = [1.06, 1.0, 1.05, 0.995, 1.055];
  const o = { alpha: 0.01, threshold: 0.05 };
  const [pooled] = compareMicro(processes(a, 6), processes(b, 6), o);
  assert.equal(pooled!.basis, 'processes');
  assert.notEqual(pooled!.verdict, 'regressed', pooled!.reason);
  // One process a side: the repeats are tight, the offset looks like a change.
  const [single] = compareMicro(processes([1.0], 6), processes([1.06], 6), o);
  assert.equal(single!.basis, 'repeats');
  assert.equal(single!.verdict, 'regressed');
  // A real 10% slowdown still shows through the offsets.
  const [slower] = compareMicro(processes(a, 3), processes(a.map((x) => x * 1.1).reverse(), 3), o);
  assert.equal(slower!.basis, 'processes');
  assert.equal(slower!.verdict, 'regressed', slower!.reason);
  // A process whose last two repeats were disturbed (+12%) counts at its undisturbed level.
  const disturbed = processes(a, 3);
  for (const c of disturbed.cases.slice(-2)) if (c.state === 'completed') c.latencyNs.p50 *= 1.12;
  const [through] = compareMicro(disturbed, processes(a.map((x) => x * 1.1).reverse(), 3), o);
  assert.equal(through!.verdict, 'regressed', through!.reason);
});

test('an A/A pair whose processes differ by a few percent is unchanged: the 90% interval decides equivalence, one odd process does not', () => {
  const o = { alpha: 0.01, threshold: 0.05 };
  // Process offsets within about ±3%, one a side off by 6%: the 99% interval spans every
  // pairwise difference (past ±5%); the 90% one leaves out the extremes.
  const a = [1.0, 1.02, 0.99, 1.065, 1.01];
  const b = [1.012, 0.985, 1.003, 1.024, 1.032];
  const [c] = compareMicro(processes(a, 3), processes(b, 3), o);
  assert.equal(c!.basis, 'processes');
  assert.equal(c!.verdict, 'unchanged', c!.reason);
  assert.match(c!.reason, /90% interval lies within ±5%/);
  assert.ok(c!.changeCi![0] < -0.05 || c!.changeCi![1] > 0.05, `${c!.changeCi}`);
  assert.ok(c!.equivalenceCi![0] > -0.05 && c!.equivalenceCi![1] < 0.05, `${c!.equivalenceCi}`);
  // A real 10% slowdown with one baseline process disturbed by 30% is not called unchanged.
  const [hidden] = compareMicro(processes([1.0, 1.02, 0.99, 1.3, 1.01], 3), processes([1.1, 1.12, 1.09, 1.11, 1.1], 3), o);
  assert.notEqual(hidden!.verdict, 'unchanged', hidden!.reason);
  assert.notEqual(hidden!.verdict, 'improved', hidden!.reason);
});

test('exports have the shapes github-action-benchmark and Bencher document', async () => {
  const { toBencher, toGithubActionBenchmark } = await import('../../bench/compare/exports.js');
  const base = doc([{ id: 'a', batchMeansNs: sample(16, 1000, 0.02, 11) }]);
  const cand = doc([{ id: 'a', batchMeansNs: sample(16, 1100, 0.02, 12) }]);
  const cs = compareMicro(base, cand, { alpha: 0.01, threshold: 0.05 });
  const gab = toGithubActionBenchmark(cs);
  assert.equal(gab.length, 1);
  assert.deepEqual(Object.keys(gab[0]!).sort(), ['extra', 'name', 'range', 'unit', 'value']);
  assert.equal(gab[0]!.unit, 'ns/op');
  assert.equal(typeof gab[0]!.value, 'number');
  const bmf = toBencher(cs);
  const entry = Object.values(bmf)[0]!.latency!;
  assert.ok(entry.lower_value! < entry.value && entry.value < entry.upper_value!);
});

test('load runs compare per-repeat time per request, and say when there are too few repeats to decide', async () => {
  const { compareLoad } = await import('../../bench/compare/compare.js');
  const load = (rps: number[]) => ({
    runs: rps.map((requestsPerSec, repeat) => ({ scenario: 'verify', scheme: 'rs256', policy: null, connections: 10, repeat, state: 'completed', requestsPerSec })),
  }) as unknown as import('../../core/results/load.js').LoadDocument;
  const base = sample(6, 10_000, 0.01, 31);
  const [slower] = compareLoad(load(base), load(base.map((r) => r / 1.2)), { alpha: 0.01, threshold: 0.05 });
  assert.equal(slower!.id, 'verify/rs256/c10');
  assert.equal(slower!.metric, 'µs per request');
  assert.equal(slower!.verdict, 'regressed', slower!.reason);
  close(slower!.change!, 0.2, 0.02);
  const onEngine = (doc: ReturnType<typeof load>, engine: string) => ({ runs: doc.runs.map((r) => ({ ...r, engine })) }) as unknown as ReturnType<typeof load>;
  const [jose, node] = compareLoad({ runs: [...onEngine(load(base), 'jose').runs, ...onEngine(load(base), 'node').runs] } as ReturnType<typeof load>,
    { runs: [...onEngine(load(base), 'jose').runs, ...onEngine(load(base.map((r) => r / 1.2)), 'node').runs] } as ReturnType<typeof load>, { alpha: 0.01, threshold: 0.05 });
  assert.deepEqual([jose!.id, node!.id], ['verify/rs256/jose/c10', 'verify/rs256/node/c10'], 'runs are matched on their engine');
  assert.notEqual(jose!.verdict, 'regressed');
  assert.equal(node!.verdict, 'regressed');
  const [few] = compareLoad(load(base.slice(0, 2)), load(base.slice(0, 2).map((r) => r / 1.2)), { alpha: 0.01, threshold: 0.05 });
  assert.equal(few!.verdict, 'inconclusive');
  assert.match(few!.reason, /2 and 2 figures cannot reach p < 0\.01; repeat more/);
});

test('two looks: the first at 80% of each rate, the second at what the first look\'s exact test left unspent; the first sees the first processes', async () => {
  const { firstProcesses, lookRates } = await import('../../bench/compare/looks.js');
  const { exactLevels } = await import('../../bench/compare/mann-whitney.js');
  // 5 against 5: p < 0.008 only for a complete separation (2/252); the 92% interval misses on one side with 7/252.
  const spent = exactLevels(5, 5, 0.008, 0.04);
  close(spent.size, 2 / 252, 1e-12);
  close(spent.tail, 7 / 252, 1e-12);
  close(exactLevels(5, 5, 0.01, 0.05).tail, 12 / 252, 1e-12);
  const overall = { alpha: 0.01, equivalenceAlpha: 0.05 };
  assert.deepEqual(lookRates(1, overall, [5, 5]), { alpha: 0.008, equivalenceAlpha: 0.04 });
  const second = lookRates(2, overall, [5, 5]);
  assert.deepEqual(second, { alpha: 0.002, equivalenceAlpha: 0.022 });
  assert.ok(spent.size + second.alpha <= 0.01 && spent.tail + second.equivalenceAlpha <= 0.05, 'never more than the overall rates');
  // beyond the exact test's sizes, the nominal split
  assert.deepEqual(lookRates(2, overall, [60, 60]), { alpha: 0.002, equivalenceAlpha: 0.01 });
  const cs = [7, 2, 9, 1, 2, 5].map((process) => ({ process }));
  assert.deepEqual(firstProcesses(cs, 3).map((c) => c.process), [2, 1, 2, 5]);
});

test('two looks: a case the first look leaves inconclusive is decided on all processes; a first-look verdict stands', () => {
  const o = { alpha: 0.01, threshold: 0.05, firstLook: 5 };
  // A/A: one process a side 6-7% off; 5 against 5 cannot call it unchanged at the first look's 92%.
  const a = [1.0, 1.02, 0.99, 1.07, 1.01];
  const b = [1.012, 0.985, 1.003, 1.024, 0.94];
  const [first] = compareMicro(processes(a, 3), processes(b, 3), o);
  assert.equal(first!.look, 1);
  assert.equal(first!.verdict, 'inconclusive', first!.reason);
  assert.match(first!.reason, /^first look/);
  assert.equal(first!.equivalenceLevel, 0.92);
  // Five more processes a side, as tight as most: the second look (a 95.6% interval) calls it unchanged.
  const moreA = [1.005, 0.995, 1.01, 1.0, 1.015];
  const moreB = [1.0, 1.01, 0.99, 1.005, 1.012];
  const [second] = compareMicro(processes([...a, ...moreA], 3), processes([...b, ...moreB], 3), o);
  assert.equal(second!.look, 2);
  assert.deepEqual(second!.figures, [10, 10]);
  assert.equal(second!.equivalenceLevel, 0.956);
  assert.equal(second!.verdict, 'unchanged', second!.reason);
  assert.match(second!.reason, /^second look/);
  // A 10% slowdown the first look calls regressed stays regressed, whatever the extra processes show.
  const slow = a.map((x) => x * 1.1);
  const [stands] = compareMicro(processes([...a, ...moreA], 3), processes([...slow, ...moreB], 3), o);
  assert.equal(stands!.look, 1);
  assert.equal(stands!.verdict, 'regressed', stands!.reason);
  // Without --first-look the same ten processes a side are one look at the full rates.
  const [single] = compareMicro(processes([...a, ...moreA], 3), processes([...b, ...moreB], 3), { alpha: 0.01, threshold: 0.05 });
  assert.equal(single!.look, 1);
  assert.equal(single!.equivalenceLevel, 0.9);
});

test('a significant change just under the threshold is unchanged only when its 90% interval lies inside it', () => {
  const o = { alpha: 0.01, threshold: 0.05 };
  const base = sample(10, 1000, 0.002, 41);
  // +4.8%, tight: significant, and the interval stays under +5%.
  const [inside] = compareMicro(repeats(base), repeats(base.map((x) => x * 1.048)), o);
  // +4.8% in the middle, but the candidate's repeats alternate ±2%: significant, yet the interval reaches past +5%.
  const [beyond] = compareMicro(repeats(base), repeats(base.map((x, i) => x * (1.048 + (i % 2 ? 0.02 : -0.02)))), o);
  assert.ok(inside!.p! < 0.01 && Math.abs(inside!.change! - 0.048) < 1e-9, `${inside!.p} ${inside!.change}`);
  assert.equal(inside!.verdict, 'unchanged', inside!.reason);
  assert.match(inside!.reason, /^significant but small: the 90% interval lies within ±5%/);
  assert.ok(beyond!.p! < 0.01 && beyond!.change! < 0.05 && beyond!.equivalenceCi![1] >= 0.05, `${beyond!.p} ${beyond!.change} ${beyond!.equivalenceCi}`);
  assert.equal(beyond!.verdict, 'inconclusive', beyond!.reason);
});

test('the change is a ratio: a candidate 10% slower throughout is +10.0%, whatever the spread', () => {
  const base = sample(10, 1000, 0.03, 51);
  const [c] = compareMicro(repeats(base), repeats(base.map((x) => x * 1.1)), { alpha: 0.01, threshold: 0.05 });
  close(c!.change!, 0.1, 1e-9);
  assert.ok(c!.candidateCi![0] <= c!.candidate! && c!.candidate! <= c!.candidateCi![1], 'the candidate\'s interval holds its value');
});

test('samples too small for the 90% interval never come out unchanged', () => {
  // 3 against 3 reaches p = 0.1 at best: no alpha below it, and no 90% interval either at 2 against 2.
  const [c] = compareMicro(repeats([1000, 1001, 999]), repeats([1000.5, 1002, 998]), { alpha: 0.2, threshold: 0.05, equivalenceAlpha: 0.01 });
  assert.equal(c!.verdict, 'inconclusive', c!.reason);
  assert.match(c!.reason, /cannot reach a 98% interval/);
});

test('the Mann-Whitney interval reports the coverage it reaches', () => {
  close(mannWhitney([1, 2, 3], [4, 5, 6], 0.01)!.level, 0.9, 1e-12);
  assert.ok(mannWhitney([1, 2, 3, 4, 5], [6, 7, 8, 9, 10], 0.1)!.level >= 0.9);
});
