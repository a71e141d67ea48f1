// E-divisive means (core/e-divisive.ts): the fast statistic equals the pairwise definition,
// published examples give their published answers, and seeded synthetic series with known
// steps give them back. Seeded throughout: the same input, the same change points.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bestSplitOf, eDivisive, seededRandom } from '../../core/e-divisive.js';
import { syntheticRates } from '../../scripts/lib/synthetic-history.js';

/** Matteson & James's Q̂ for every split, straight from the definition (O(n²) a split). */
function naiveBest(xs: number[], minSize: number): { index: number; q: number } {
  const mean = (pairs: number[][]) => pairs.reduce((s, [a, b]) => s + Math.abs(a! - b!), 0) / pairs.length;
  let best = { index: -1, q: -Infinity };
  for (let t = minSize; t <= xs.length - minSize; t++) {
    const [x, y] = [xs.slice(0, t), xs.slice(t)];
    const cross = mean(x.flatMap((a) => y.map((b) => [a, b])));
    const within = (s: number[]) => (s.length < 2 ? 0 : mean(s.flatMap((a, i) => s.slice(i + 1).map((b) => [a, b]))));
    const q = ((x.length * y.length) / xs.length) * (2 * cross - within(x) - within(y));
    if (q > best.q + 1e-9) best = { index: t, q };
  }
  return best;
}

test('the Fenwick-tree statistic equals the pairwise definition, ties included', () => {
  const random = seededRandom(7);
  for (const n of [6, 9, 17, 40]) {
    for (let k = 0; k < 5; k++) {
      const xs = Array.from({ length: n }, (_, i) => Math.round(random() * 6) + (i > n / 2 ? 2 : 0));
      const fast = bestSplitOf(xs, 2);
      const slow = naiveBest(xs, 2);
      assert.ok(Math.abs(fast.q - slow.q) < 1e-6 * Math.max(1, slow.q), `n=${n}: ${fast.q} vs ${slow.q}`);
    }
  }
});

test("MongoDB's published sanity check: [0] * k + [1] * k has its one change point at k (alpha 0.05)", () => {
  // From k = 5: at k = 4 only 70 arrangements exist and 2 of them tie the observed split, so a
  // permutation p cannot be shown below 0.05 with confidence (p ≈ 0.03 by chance alone).
  for (let k = 5; k < 100; k++) {
    const got = eDivisive([...Array<number>(k).fill(0), ...Array<number>(k).fill(1)], { alpha: 0.05 });
    assert.deepEqual(got.map((c) => c.index), [k], `k = ${k}`);
  }
});

test("Taylor's change-point example: the level drops at its 12th value (10.6), as published", () => {
  // Wayne Taylor's change-point analysis example data, its shift reported at the 11th/12th value.
  const taylor = [10.7, 13.0, 11.4, 11.5, 12.5, 14.1, 14.8, 14.1, 12.6, 16.0, 11.7, 10.6, 10.0, 11.4, 7.9, 9.5, 8.0, 11.8, 10.5, 11.2, 9.2, 10.1, 10.4, 10.5];
  assert.deepEqual(eDivisive(taylor).map((c) => c.index), [11]);
});

// Where a step is found is checked in the 1.5% scatter alone: one of the machine's whole-run
// shifts landing beside a step can move it by 2 runs. The step-free series carry the shifts
// too. scripts/prove-history.ts measures both rates over many series, in both noise models
// (at alpha 0.01 a step-free series of pure scatter has about a 1% chance of a false change point).
test('synthetic series: every 5% and 10% step within ±1 run (1.5% scatter), no change point in 20 step-free series (with the machine\'s shifts)', () => {
  for (const step of [0.05, 0.1]) {
    for (let s = 0; s < 20; s++) {
      const at = 20 + s;
      const cps = eDivisive(syntheticRates({ runs: 60, stepAt: at, step, seed: 100 * step + s + 1, shiftRate: 0 }).map(Math.log));
      assert.ok(cps.some((c) => Math.abs(c.index - at) <= 1), `step ${step} at ${at}: ${JSON.stringify(cps)}`);
    }
  }
  for (let s = 0; s < 20; s++) assert.deepEqual(eDivisive(syntheticRates({ runs: 60, stepAt: null, step: 0, seed: 500 + s }).map(Math.log)), [], `seed ${500 + s}`);
});

test('two steps are both found, each with a permutation p at most alpha; the same seed gives the same answer', () => {
  const xs = [...Array(15).fill(10), ...Array(15).fill(12), ...Array(15).fill(9)].map((v, i) => v + ((i * 7919) % 13) / 20);
  const a = eDivisive(xs, { random: seededRandom(3) });
  assert.deepEqual(a.map((c) => c.index), [15, 30]);
  for (const c of a) assert.ok(c.p <= 0.01);
  assert.deepEqual(eDivisive(xs, { random: seededRandom(3) }), a);
  assert.deepEqual(eDivisive([1, 2, 3]), [], 'too short to split');
});
