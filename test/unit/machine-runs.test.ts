// Runs the machine moved (core/history/machine-runs.ts): a run where every case moved at once,
// unlike the runs on both sides, is set aside; a step that stays, a pull request's newest run,
// instruction counts and a history of few series are never touched; and setting such runs aside
// puts a step beside them back where it was planted.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CHANGE_DEFAULTS, historyChanges, seriesChanges } from '../../core/history/changes.js';
import { machineRuns } from '../../core/history/machine-runs.js';
import type { Series } from '../../core/history/series.js';
import { seededRandom } from '../../core/e-divisive.js';
import { syntheticHistory } from '../../scripts/lib/synthetic-history.js';

function seriesOf(rates: number[][], measure: 'time' | 'instructions' = 'time'): Series[] {
  return rates.map((xs, s) => ({
    key: `micro/C${s}@env`, case: `micro/C${s}`, measure, unit: 'ops/s', better: 'higher', env: 'env', environment: null,
    runs: xs.map((value, i) => ({ entry: `run-${String(i).padStart(3, '0')}`, commit: `c${i}`, label: null, branch: 'main', time: new Date(Date.UTC(2026, 0, 1, i)).toISOString(), value, interval: null })),
  }));
}

/** 8 series of 40 runs in 1% scatter, no shift but those given: run index → cost factor on every series. */
function quiet(moves: Record<number, number>, seed = 3): number[][] {
  const random = seededRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return Array.from({ length: 8 }, () => Array.from({ length: 40 }, (_, i) => 1000 / (Math.exp(0.01 * gauss()) * (moves[i] ?? 1))));
}

test('a run where every case moved at once is set aside, with its size as a cost change', () => {
  const { runs } = machineRuns(seriesOf(quiet({ 17: 1.1 })));
  assert.deepEqual(runs.map((r) => r.entry), ['run-017']);
  assert.ok(Math.abs(runs[0]!.change - 0.1) < 0.02, `${runs[0]!.change}`);
});

test('a step that stays, on every case, is not set aside: its first run matches the runs after it', () => {
  const moves = Object.fromEntries(Array.from({ length: 20 }, (_, k) => [20 + k, 1.1]));
  const series = seriesOf(quiet(moves));
  assert.deepEqual(machineRuns(series).runs, []);
  const { changes } = historyChanges(series, CHANGE_DEFAULTS);
  assert.ok(changes.length === 8 && changes.every((c) => c.index === 20), changes.map((c) => c.index).join());
});

test('the newest two runs are never set aside (a pull request is always judged), nor instruction counts, nor fewer than 4 series', () => {
  assert.deepEqual(machineRuns(seriesOf(quiet({ 38: 1.2, 39: 1.2 }))).runs, []);
  assert.deepEqual(machineRuns(seriesOf(quiet({ 17: 1.1 }), 'instructions')).runs, []);
  assert.deepEqual(machineRuns(seriesOf(quiet({ 17: 1.1 }).slice(0, 3))).runs, []);
});

test('a shifted run beside a planted step: found where it was planted once the run is set aside', () => {
  // The step of 5% is in series 0 at run 20; run 18 was slowed 10% on every case.
  const rates = quiet({ 18: 1.1 });
  rates[0] = rates[0]!.map((x, i) => (i >= 20 ? x / 1.05 : x));
  const series = seriesOf(rates);
  assert.deepEqual(seriesChanges(series[0]!, CHANGE_DEFAULTS).map((c) => c.index), [18], 'kept in, the slowed run pulls the step two runs early');
  const { changes, setAside } = historyChanges(series, CHANGE_DEFAULTS);
  assert.deepEqual(setAside.map((r) => r.commit), ['c18']);
  assert.deepEqual(changes.map((c) => [c.series.case, c.index, c.run.commit]), [['micro/C0', 20, 'c20']]);
});

test('seeded synthetic histories with shared shifts: nothing set aside without shifts, most shifts set aside with them', () => {
  const calm = seriesOf(syntheticHistory({ series: 16, runs: 60, stepAt: null, step: 0, seed: 11, shiftRate: 0 }).rates);
  assert.deepEqual(machineRuns(calm).runs, []);
  const { rates, shifted } = syntheticHistory({ series: 16, runs: 60, stepAt: null, step: 0, seed: 11, shiftRate: 0.1 });
  const aside = machineRuns(seriesOf(rates)).runs.map((r) => Number(r.entry.slice(4)));
  assert.ok(aside.length >= shifted.length / 2 && aside.every((i) => shifted.includes(i)), `set aside ${aside.join()} of shifted ${shifted.join()}`);
});
