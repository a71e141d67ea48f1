// The reference loop's bookkeeping on synthetic figures: its spread, and processes kept apart when merged.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { referenceSpread } from '../../core/machine-speed.js';
import { mergeMicroRuns } from '../../bench/merge-micro.js';
import { renderMicroSummary } from '../../bench/summary.js';
import type { MicroDocument, ReferenceLoop } from '../../core/results/micro.js';

const loop = (rates: number[]): ReferenceLoop => ({ workload: 'w', durationMs: 50, rounds: rates.map((opsPerSec, round) => ({ round, opsPerSec })) });

test('the machine speed is the median round, with the slowest and fastest rounds relative to it', () => {
  const m = referenceSpread(loop([100, 90, 110, 105, 95]))!;
  assert.equal(m.medianOpsPerSec, 100);
  assert.ok(Math.abs(m.low + 0.1) < 1e-12 && Math.abs(m.high - 0.1) < 1e-12);
  assert.equal(referenceSpread(loop([80, 120]))!.medianOpsPerSec, 100);
  assert.equal(referenceSpread(loop([])), null);
});

test('merged processes keep their reference rounds, tagged by process', () => {
  const doc = (rates: number[]): MicroDocument => ({
    schemaVersion: 1, kind: 'micro', env: { startedAt: 'a', endedAt: 'b' } as MicroDocument['env'],
    config: { matrix: {} as MicroDocument['config']['matrix'], budget: { timeMs: 1, warmupMs: 1, minSamples: 1 }, repeat: 2 }, cases: [], referenceLoop: loop(rates),
  });
  const merged = mergeMicroRuns([doc([1, 2]), doc([3, 4])]);
  assert.deepEqual(merged.referenceLoop!.rounds.map((r) => [r.process, r.round, r.opsPerSec]), [[1, 0, 1], [1, 1, 2], [2, 0, 3], [2, 1, 4]]);
});

test('the summary names the machine speed and its range when there are several rounds', () => {
  assert.match(renderMicroSummary([], loop([100_000, 90_000, 110_000])), /machine speed: .* each of the 3 rounds: 100,000 ops\/s median, slowest -10\.0%, fastest \+10\.0%/);
  assert.doesNotMatch(renderMicroSummary([], loop([100_000])), /machine speed/);
});
