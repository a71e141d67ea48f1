// The report's table of every micro figure: synthetic repeats in, each figure's interval, its
// ratio to HS256 with that ratio's interval, and the unstable reason out, as core/repeats.ts
// computes them (no timing: the numbers are made up).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CompletedCase, MicroDocument } from '../../core/results/micro.js';
import { microFiguresTable } from '../../reports/micro-figures-table.js';
import { opsWithReach, timesWithInterval } from '../../reports/figures.js';

function repeat(alg: string, p50Ns: number, r: number): CompletedCase {
  return {
    id: `${alg}/verify/node/prepared/typical/t1`, alg, keyBits: alg.startsWith('RS') ? 2048 : null, op: 'verify', engine: 'node', keyPrep: 'prepared', payload: 'typical', threads: 1,
    state: 'completed', repeat: r, opsPerSec: 1e9 / p50Ns, durationMs: 40, latencyNs: { mean: p50Ns, p50: p50Ns, p75: p50Ns, p99: p50Ns, p999: p50Ns }, rme: 1, samples: 100,
  } as unknown as CompletedCase;
}

// HS256 steady at 10 µs; RS256 at 20 µs but two rounds far off, so its interval is wide.
const rs = [20, 20, 20, 20, 20, 20, 20, 26, 15].map((us) => us * 1000);
const doc = { cases: [...rs.map((_, r) => repeat('HS256', 10_000, r)), ...rs.map((ns, r) => repeat('RS256', ns, r))] } as unknown as MicroDocument;

test('every figure, with its interval, its ratio to HS256 and why it is unstable', () => {
  const out = microFiguresTable(doc)!;
  assert.equal(out.table.kind, 'table');
  if (out.table.kind !== 'table') return;
  assert.deepEqual(out.table.header, ['algorithm', 'op', 'engine', 'ops/s', 'interval', 'repeats', 'time vs HS256', 'unstable because']);
  const [hs, rsRow] = out.table.rows;
  assert.deepEqual(hs, ['HS256', 'verify', 'node', '100,000', '100,000–100,000 (±0.0%)', '9', '1.0×', '']);
  assert.equal(rsRow![0], 'RS256-2048');
  assert.equal(rsRow![3], '50,000');
  assert.match(rsRow![4]!, /^[\d,]+–[\d,]+ \(±\d+%\)$/);
  assert.match(rsRow![6]!, /^2\.0× \(\d\.\d–\d\.\d\)$/, 'the ratio carries its interval');
  assert.match(rsRow![7]!, /^interval ±\d+\.\d% is wider than ±5\.0%$/);
  assert.deepEqual([out.unstable, out.total], [1, 2]);
});

test('cells: ± reach and † for unstable; a ratio interval too narrow to show is left out; nothing measured says so', () => {
  const f = { opsPerSec: 1000, opsPerSecInterval: [950, 1100], repeats: 9, unstable: 'interval ±10.0% is wider than ±5.0%' } as Parameters<typeof opsWithReach>[0];
  assert.equal(opsWithReach(f), '1,000 ±10% †');
  assert.equal(opsWithReach({ ...f!, opsPerSecInterval: [990, 1020], unstable: null }), '1,000 ±2.0%');
  assert.equal(opsWithReach(null), 'not measured');
  assert.equal(timesWithInterval({ value: 2.2, interval: [2.04, 2.31] }), '2.2× (2.0–2.3)');
  assert.equal(timesWithInterval({ value: 1, interval: [1, 1] }), '1.0×');
  assert.equal(timesWithInterval(null), 'not measured');
});

test('a run without a completed case has no table', () => {
  assert.equal(microFiguresTable({ cases: [] } as unknown as MicroDocument), null);
});
