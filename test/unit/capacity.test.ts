// The capacity model per engine: each engine's verifiers are rows of their own, set against
// HS256 on the same engine, from made-up CPU-per-request figures (no timing).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LoadDocument } from '../../core/results/load.js';
import { capacity } from '../../reports/capacity.js';

const run = (scheme: string, engine: string | null, cpuUs: number) => ({
  scenario: 'verify', scheme, engine, policy: null, connections: 10, repeat: 0, state: 'completed', serverCpuPerRequestUs: cpuUs,
});

test('capacity has a row per scheme and engine, each against HS256 on its own engine', () => {
  const doc = { config: { connections: [10] }, runs: [run('baseline', null, 10), run('hs256', 'jose', 70), run('hs256', 'node', 30), run('rs256', 'jose', 100), run('rs256', 'node', 60)] } as unknown as LoadDocument;
  const c = capacity(doc, [1_000_000], null)!;
  assert.deepEqual(c.rows.map((r) => [r.scheme, r.cpuPerRequestUs, r.cores[0], r.overHs256Cores?.[0] ?? null]), [
    ['baseline', 10, 10, null], ['hs256 (jose)', 70, 70, null], ['hs256 (node)', 30, 30, null], ['rs256 (jose)', 100, 100, 30], ['rs256 (node)', 60, 60, 30],
  ]);
});
