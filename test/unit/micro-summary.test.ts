// The terminal summary's word on unstable cases: after a run on a busy machine every case can be
// unstable, and the terminal gets one line (how many, how wide, what to do, where each case is
// listed) instead of one per case; `jwtbench summary` lists each. Made-up numbers, no timing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CompletedCase } from '../../core/results/micro.js';
import { renderMicroSummary } from '../../bench/summary.js';

function repeat(alg: string, p50Ns: number, r: number): CompletedCase {
  return {
    id: `${alg}/verify/node/prepared/typical/t1`, alg, keyBits: null, op: 'verify', engine: 'node', keyPrep: 'prepared', payload: 'typical', threads: 1,
    state: 'completed', repeat: r, opsPerSec: 1e9 / p50Ns, durationMs: 40, latencyNs: { mean: p50Ns, p50: p50Ns, p75: p50Ns, p99: p50Ns, p999: p50Ns }, rme: 1, samples: 100,
  } as unknown as CompletedCase;
}

// Three algorithms whose repeats swing by a third, as on a busy machine; HS256 steady.
const swing = [10, 10, 10, 14, 7, 10, 13, 8, 10].map((us) => us * 1000);
const cases = [
  ...swing.map((_, r) => repeat('HS256', 10_000, r)),
  ...['HS384', 'HS512', 'ES256'].flatMap((alg) => swing.map((ns, r) => repeat(alg, ns, r))),
];

test('after a run: one line for the unstable cases, naming how many, the widest interval, the remedies and where each is listed', () => {
  const text = renderMicroSummary(cases, undefined, 'jwtbench summary results/x');
  const lines = text.split('\n').filter((l) => l.includes('unstable'));
  assert.equal(lines.length, 1, text);
  assert.match(lines[0]!, /^! 3 of 4 cases are unstable \(repeats that disagree, intervals up to ±\d+% against the ±5% mark\): most often the machine was busy/);
  assert.match(lines[0]!, /a quieter machine, or jwtbench micro --measure instructions/);
  assert.match(lines[0]!, /Each case and why: jwtbench summary results\/x$/);
  assert.doesNotMatch(text, /is wider than/, 'no line per case');
});

test('jwtbench summary: each unstable case with why', () => {
  const text = renderMicroSummary(cases);
  assert.match(text, /^! 3 unstable cases/m);
  for (const alg of ['HS384', 'HS512', 'ES256']) assert.match(text, new RegExp(`^  ${alg}/verify/node/prepared/typical/t1 \\(9 repeats\\): interval ±\\d+\\.\\d% is wider than ±5\\.0%`, 'm'));
});
