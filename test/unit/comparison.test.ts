// The comparison section: figures side by side per environment, and the conclusions that
// differ between environments named (test figures built here, never read from results/).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CompletedCase, MicroDocument } from '../../core/results/micro.js';
import type { EnvFingerprint } from '../../core/results/env.js';
import { schemeRadii } from '../../reports/blast-radius/model.js';
import { DEFAULT_TOPOLOGY } from '../../reports/blast-radius/topology.js';
import { comparisonSection } from '../../reports/comparison.js';
import type { RunGroup } from '../../reports/inputs/group-runs.js';

const ENV: EnvFingerprint = {
  cpuModel: 'Test CPU', cores: 8, totalMemoryBytes: 2 ** 34, os: 'linux', arch: 'x64', node: '20.0.0', openssl: '3.0.0', v8: '11',
  libraries: { jose: '6.2.18' }, uvThreadpoolSize: 4, uvThreadpoolSizeFromEnv: false, gitCommit: null, gitDirty: null, startedAt: '2025-01-01T00:00:00Z', endedAt: '2025-01-01T00:10:00Z',
};

/** jose verify and sign at 1 thread; cost is time per op relative to HS256. */
function group(label: string, cpuModel: string, verifyCost: Record<string, number>): RunGroup {
  const cases = Object.entries(verifyCost).flatMap(([alg, cost]) => (['sign', 'verify'] as const).map((op): CompletedCase => ({
    id: `${alg}/${op}`, alg: alg as CompletedCase['alg'], keyBits: null, op, engine: 'jose', keyPrep: 'prepared', payload: 'small', threads: 1,
    state: 'completed', repeat: 0, opsPerSec: 100_000 / cost, durationMs: 100, latencyNs: { mean: cost * 10_000, p50: cost * 10_000, p75: cost * 10_000, p99: cost * 10_000, p999: cost * 10_000 }, rme: 1, samples: 10,
    batchMeansNs: [], perThread: [], derived: { costVsHs256: cost, costVsNodeFloor: null, scalingEfficiency: null },
  })));
  const env = { ...ENV, cpuModel };
  const doc = { schemaVersion: 1, kind: 'micro', env, config: {} as MicroDocument['config'], cases } as MicroDocument;
  return { label, env, micro: { doc, sources: [{ file: `${label}/micro.json`, doc }] }, load: null };
}

test('comparison: side by side per environment, and the conclusions that change', () => {
  const radii = schemeRadii(DEFAULT_TOPOLOGY);
  const x86 = group('x86', 'Intel', { HS256: 1, ES256: 2, EdDSA: 3 });
  const arm = group('arm', 'Neoverse', { HS256: 1, ES256: 5, EdDSA: 3 });
  assert.deepEqual(comparisonSection([x86], radii), [], 'one environment: no comparison');
  const blocks = comparisonSection([x86, arm], radii);
  const text = JSON.stringify(blocks);
  assert.match(text, /The fastest asymmetric verify in jose: ES256 on x86, EdDSA on arm/);
  const table = blocks.find((b) => b.kind === 'table' && b.header.includes('x86 ops/s'));
  assert.ok(table && table.kind === 'table');
  assert.deepEqual(table.rows.find((r) => r[0] === 'ES256' && r[1] === 'verify'), ['ES256', 'verify', '50,000', '2.0×', '20,000', '5.0×']);
  assert.ok(blocks.some((b) => b.kind === 'chart' && b.id === 'comparison-micro'));
  // The same conclusions everywhere are said once.
  assert.match(JSON.stringify(comparisonSection([x86, group('x86 again', 'AMD', { HS256: 1, ES256: 2, EdDSA: 3 })], radii)), /No conclusion changes: /);
});
