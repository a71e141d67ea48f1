// Runs of one environment merge into one view; the engine and the target are part of a load
// run's identity, so a jose-only and a node-only run of one machine are two runs, not a clash.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LoadDocument } from '../../core/results/load.js';
import { mergeLoad } from '../../reports/inputs/merge.js';

const run = (engine: string, requestsPerSec: number) => ({ scenario: 'verify', scheme: 'hs256', engine, policy: null, connections: 10, repeat: 0, state: 'completed', requests: requestsPerSec, requestsPerSec });
const doc = (engine: string, rps: number) => ({
  env: { startedAt: '2026-01-01T00:00:00Z', endedAt: '2026-01-01T00:01:00Z' },
  config: { preset: 'quick', scenarios: ['verify'], schemes: ['hs256'], engines: [engine], connections: [10] },
  runs: [run(engine, rps)],
}) as unknown as LoadDocument;

test('a jose-only and a node-only load run of one machine merge, engines and all', () => {
  const merged = mergeLoad([{ file: 'a/load.json', doc: doc('jose', 100) }, { file: 'b/load.json', doc: doc('node', 200) }], 'test machine');
  assert.deepEqual(merged.runs.map((r) => r.engine), ['jose', 'node']);
  assert.deepEqual(merged.config.engines, ['jose', 'node']);
});

test('the same run twice with other figures is still refused, naming both files', () => {
  assert.throws(() => mergeLoad([{ file: 'a/load.json', doc: doc('jose', 100) }, { file: 'b/load.json', doc: doc('jose', 150) }], 'test machine'),
    /a\/load\.json and b\/load\.json both hold load run verify hs256 jose at 10 connections repeat 0 from one environment \(test machine\)/);
});
