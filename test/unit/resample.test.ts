import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RepeatInput } from '../../core/repeats.js';
import { resampledCoverage } from '../../scripts/lib/resample.js';

/** One process: `repeats` repeats of one case at `level` ops/s, spread ±spread. */
function process_(level: number, repeats: number, spread: number): RepeatInput[] {
  return Array.from({ length: repeats }, (_, i) => {
    const ops = level * (1 + spread * (i / Math.max(1, repeats - 1) - 0.5) * 2);
    return { id: 'HS256/verify/node/prepared/typical/t1', alg: 'HS256', keyBits: null, op: 'verify', engine: 'node', keyPrep: 'prepared', payload: 'typical', threads: 1, opsPerSec: ops, latencyNs: { p50: 1e9 / ops } };
  });
}

test('an interval from one process misses a second process at another level; pooled from several, it holds it', () => {
  // Tight repeats inside each process, the processes 4% apart: what one process cannot see.
  const procs = [100, 104, 100, 104, 100, 104].map((level) => process_(level * 1000, 3, 0.002));
  const one = resampledCoverage(procs, 1)!;
  assert.equal(one.casePairs, 6 * 5);
  assert.equal(one.covered, 6 * 2, 'one process holds only the processes at its own level');
  const three = resampledCoverage(procs, 3)!;
  // 20 ordered pairs of disjoint groups of 3; only the draw of all three 100s against all three 104s (both ways) stays at one level each
  assert.equal(three.casePairs, 20);
  assert.equal(three.covered, 18, 'three pooled processes span both levels unless all three share one');
  assert.ok(three.medianHalfWidth > one.medianHalfWidth);
});

test('too few processes for two disjoint groups: no answer', () => {
  assert.equal(resampledCoverage([process_(1000, 3, 0)], 1), null);
  assert.equal(resampledCoverage([process_(1000, 3, 0), process_(1000, 3, 0)], 2), null);
  assert.equal(resampledCoverage([process_(1000, 3, 0), process_(1000, 3, 0)], 0), null);
});
