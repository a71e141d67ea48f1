// The repeat/interval logic on synthetic figures: no timing, no workers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { caseFigures, medianInterval, predictionInterval, ratio, relativeHalfWidth, siblingGroup, type RepeatInput } from '../../core/repeats.js';

const close = (actual: number, expected: number, eps = 1e-9) => assert.ok(Math.abs(actual - expected) <= eps, `${actual} != ${expected}`);

function repeats(alg: RepeatInput['alg'], op: string, engine: string, values: number[], threads = 1): RepeatInput[] {
  // The rate at the median latency is the figure; the window's throughput is half of it here, as on a busy machine.
  return values.map((rate) => ({
    id: `${alg}/${op}/${engine}/t${threads}`, alg, keyBits: alg.startsWith('HS') || alg.startsWith('E') ? null : 2048, op, engine, keyPrep: 'prepared', payload: 'typical', threads,
    opsPerSec: rate / 2, latencyNs: { p50: (threads * 1e9) / rate },
  }));
}

test('the median interval takes order statistics: at 95%, [min, max] up to 8 repeats, narrower from 9; at 99% (the default) from 12', () => {
  const five = medianInterval([5, 1, 4, 2, 3], 0.95)!;
  assert.equal(five.median, 3);
  assert.deepEqual(five.interval, [1, 5]);
  close(five.confidence, 1 - 2 / 32);
  const nine = medianInterval([9, 1, 8, 2, 7, 3, 6, 4, 5], 0.95)!;
  assert.equal(nine.median, 5);
  assert.deepEqual(nine.interval, [2, 8]); // one disturbed repeat at each end is left out
  assert.ok(nine.confidence >= 0.95);
  assert.deepEqual(medianInterval([9, 1, 8, 2, 7, 3, 6, 4, 5])!.interval, [1, 9]);
  const twelve = medianInterval(Array.from({ length: 12 }, (_, i) => i + 1))!;
  assert.deepEqual(twelve.interval, [2, 11]);
  assert.ok(twelve.confidence >= 0.99);
  assert.deepEqual(medianInterval([4, 2])!.interval, [2, 4]);
  assert.equal(medianInterval([4, 2])!.median, 3);
  assert.equal(medianInterval([7])!.confidence, 0);
  assert.equal(medianInterval([]), null);
});

test('the interval coverage reaches the confidence once there are enough repeats', () => {
  for (let n = 6; n <= 40; n++) assert.ok(medianInterval(Array.from({ length: n }, (_, i) => i), 0.95)!.confidence >= 0.95, `n = ${n}`);
  for (let n = 8; n <= 40; n++) assert.ok(medianInterval(Array.from({ length: n }, (_, i) => i))!.confidence >= 0.99, `n = ${n}`);
});

test('the interval for another run widens the median\'s by √2 on each side', () => {
  const [lo, hi] = predictionInterval({ median: 100, interval: [96, 110], confidence: 0.9375 });
  close(lo, 100 - 4 * Math.SQRT2);
  close(hi, 100 + 10 * Math.SQRT2);
});

test('ratios carry both ends of both intervals', () => {
  const a = { median: 100, interval: [90, 110] as [number, number], confidence: 0.95 };
  const b = { median: 50, interval: [45, 55] as [number, number], confidence: 0.95 };
  const r = ratio(a, b);
  close(r.value, 2);
  close(r.interval[0], 90 / 55);
  close(r.interval[1], 110 / 45);
  close(ratio(a, b, 2).value, 1);
  close(relativeHalfWidth(100, [97, 106]), 0.06);
});

test('a case whose repeats agree is stable; one whose interval reaches past ±5% is marked with the reason', () => {
  const figs = caseFigures([
    ...repeats('HS256', 'sign', 'jose', [1000, 1010, 990, 1005, 995]),
    ...repeats('RS256', 'sign', 'jose', [100, 80, 101, 99, 120]),
  ]);
  const hs = figs.find((f) => f.alg === 'HS256')!;
  const rs = figs.find((f) => f.alg === 'RS256')!;
  assert.equal(hs.unstable, null);
  close(hs.opsPerSec, 1000);
  close(hs.opsPerSecInterval[0], 1000 - 10 * Math.SQRT2, 1e-6);
  close(hs.opsPerSecInterval[1], 1000 + 10 * Math.SQRT2, 1e-6);
  close(hs.windowOpsPerSec, 500);
  assert.match(rs.unstable!, /interval ±28\.3% is wider than ±5\.0%/);
  assert.equal(rs.repeats, 5);
  close(rs.costVsHs256!.value, 10);
  close(rs.costVsHs256!.interval[0], (1000 - 10 * Math.SQRT2) / (100 + 20 * Math.SQRT2), 1e-6);
  close(rs.costVsHs256!.interval[1], (1000 + 10 * Math.SQRT2) / (100 - 20 * Math.SQRT2), 1e-6);
  close(hs.costVsHs256!.value, 1);
  assert.equal(hs.costVsNodeFloor, null, 'no floor measured');
});

test('a single repeat is unstable: it has no interval', () => {
  const [f] = caseFigures(repeats('ES256', 'verify', 'jose', [500]));
  assert.match(f!.unstable!, /one repeat/);
});

test('floor siblings that run the same primitive but disagree are all marked; agreeing ones are not', () => {
  const figs = caseFigures([
    ...repeats('HS384', 'sign', 'node', [58, 58, 58]),
    ...repeats('HS512', 'sign', 'node', [116, 116, 116]),
    ...repeats('RS256', 'verify', 'node', [29, 29, 29]),
    ...repeats('RS512', 'verify', 'node', [28.5, 28.5, 28.5]),
    ...repeats('HS384', 'sign', 'jose', [58, 58, 58]),
    ...repeats('HS384', 'verify', 'node', [100, 100, 100]),
    ...repeats('HS512', 'verify', 'node', [101, 101, 101]),
  ]);
  const mark = (alg: string, engine = 'node') => figs.find((f) => f.alg === alg && f.engine === engine)!.unstable;
  assert.match(mark('HS384')!, /HS384, HS512 sign run the same primitive on the floor but differ by 100\.0%/);
  assert.match(mark('HS512')!, /same primitive/);
  assert.equal(figs.filter((f) => f.op === 'verify' && f.unstable !== null).length, 0, 'sign and verify are separate groups');
  assert.equal(mark('RS256'), null);
  assert.equal(mark('RS512'), null);
  assert.equal(mark('HS384', 'jose'), null, 'only the floor is held to it');
  assert.equal(siblingGroup('HS256', 'sign'), null);
  assert.equal(siblingGroup('PS256', 'verify'), null);
  assert.equal(siblingGroup('PS384', 'sign'), siblingGroup('PS512', 'sign'));
  assert.equal(siblingGroup('ES256', 'sign'), null);
  assert.equal(siblingGroup('RS256', 'verify', 'large'), null, 'a 4 KB hash is a real share of an RSA public operation');
  assert.equal(siblingGroup('RS256', 'verify', 'typical'), siblingGroup('RS512', 'verify', 'typical'));
  assert.equal(siblingGroup('RS256', 'sign', 'large'), siblingGroup('RS512', 'sign', 'large'));
});

test('scaling efficiency above 100% is marked unless its interval reaches 100%', () => {
  const impossible = caseFigures([
    ...repeats('HS256', 'sign', 'node', [100, 100, 100]),
    ...repeats('HS256', 'sign', 'node', [240, 241, 242], 2),
  ]).find((f) => f.threads === 2)!;
  close(impossible.scalingEfficiency!.value, 1.205, 1e-6);
  assert.match(impossible.unstable!, /scaling efficiency 120\.5% above 100%/);
  const plausible = caseFigures([
    ...repeats('HS256', 'sign', 'node', [96, 100, 104]),
    ...repeats('HS256', 'sign', 'node', [200, 202, 204], 2),
  ]).find((f) => f.threads === 2)!;
  assert.ok(plausible.scalingEfficiency!.value > 1);
  assert.ok(plausible.scalingEfficiency!.interval[0] <= 1);
  assert.equal(plausible.unstable, null);
});

test('scaling above 100% from a 1-thread case bound by waiting is real: not unstable, and says why', () => {
  const busy = (rs: RepeatInput[], share: number): RepeatInput[] => rs.map((r) => ({ ...r, perThread: Array.from({ length: r.threads }, () => ({ eventLoopUtilization: share })) }));
  const waiting = caseFigures([
    ...busy(repeats('HS256', 'sign', 'jose', [100, 100, 100]), 0.55),
    ...busy(repeats('HS256', 'sign', 'jose', [240, 241, 242], 2), 0.7),
  ]);
  const two = waiting.find((f) => f.threads === 2)!;
  assert.equal(two.unstable, null);
  assert.match(two.superlinear!, /busy 55\.0% of the time/);
  assert.equal(waiting.find((f) => f.threads === 1)!.threadBusy, 0.55);
  assert.equal(two.threadBusy, 0.7);
  // CPU-bound at 1 thread (busy all the time): above 100% cannot be real, so it stays unstable.
  const cpuBound = caseFigures([
    ...busy(repeats('HS256', 'sign', 'node', [100, 100, 100]), 1),
    ...busy(repeats('HS256', 'sign', 'node', [240, 241, 242], 2), 1),
  ]).find((f) => f.threads === 2)!;
  assert.equal(cpuBound.superlinear, undefined);
  assert.match(cpuBound.unstable!, /above 100%/);
});

test('a ratio pairs the two cases round by round, so a slow stretch that hits both leaves it alone', () => {
  // Rounds 3-5 ran 10% slow for both cases (the machine), and the rounds are otherwise steady.
  const slow = (r: number) => (r >= 3 && r <= 5 ? 0.9 : 1);
  const rounds = (alg: RepeatInput['alg'], base: number) => repeats(alg, 'sign', 'node', Array.from({ length: 9 }, (_, r) => base * slow(r) * (1 + 0.001 * r)))
    .map((x, r) => ({ ...x, repeat: r }));
  const figures = caseFigures([...rounds('HS256', 200_000), ...rounds('RS256', 4_000)]);
  const rs = figures.find((f) => f.alg === 'RS256')!;
  close(rs.costVsHs256!.value, 50, 1e-9);
  assert.deepEqual(rs.costVsHs256!.interval.map((x) => Math.round(x * 1e6) / 1e6), [50, 50]);
  // Without round numbers, the ratio of the medians with both intervals' ends: wider.
  const unpaired = caseFigures([...rounds('HS256', 200_000), ...rounds('RS256', 4_000)].map(({ repeat: _r, ...x }) => x)).find((f) => f.alg === 'RS256')!;
  assert.ok(unpaired.costVsHs256!.interval[1] / unpaired.costVsHs256!.interval[0] > 1.1);
});

test('rounds pair within their own process only', () => {
  const one = (alg: RepeatInput['alg'], rate: number, process: number, repeat: number): RepeatInput => ({ ...repeats(alg, 'sign', 'node', [rate])[0]!, process, repeat });
  // Process 2's HS256 ran twice as fast: paired by process, the ratio is 50 in each.
  const f = caseFigures([one('HS256', 200, 1, 0), one('HS256', 200, 1, 1), one('HS256', 400, 2, 0), one('HS256', 400, 2, 1),
    one('RS256', 4, 1, 0), one('RS256', 4, 1, 1), one('RS256', 8, 2, 0), one('RS256', 8, 2, 1)]).find((x) => x.alg === 'RS256')!;
  close(f.costVsHs256!.value, 50);
});

test('a prediction interval of a positive figure never reaches below zero: a wide low end is widened on a log scale', () => {
  const [lo, hi] = predictionInterval({ median: 1, interval: [0.2, 1.5], confidence: 0.9375 });
  assert.ok(lo > 0 && Math.abs(lo - 0.2 ** Math.SQRT2) < 1e-12, `${lo}`);
  assert.ok(Math.abs(hi - (1 + Math.SQRT2 * 0.5)) < 1e-12);
  assert.deepEqual(predictionInterval({ median: 1, interval: [0, 1.5], confidence: 0.9375 })[0], 0);
});
