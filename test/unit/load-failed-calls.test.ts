// A load run never counts a call that failed: where the scenario expects every request to be
// served (verify, mint, the baseline, a target), any non-2xx answer or connection error makes
// the run errored with the reason; scenarios that measure refusals (rotation, outage) keep theirs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ClientReport } from '../../bench/load/client-job.js';
import type { ServerPair } from '../../bench/load/processes.js';
import { failedCalls, runLoad, type LoadPlan } from '../../bench/load/run-load.js';
import type { LoadDeps, Measured } from '../../bench/load/scenarios.js';
import type { RunIdentity } from '../../core/results/load.js';

const REPORT: ClientReport = {
  requests: 1000, durationS: 1, requestsPerSec: 1000, latencyMs: { p50: 1, p90: 1, p99: 1, p99_9: 1 }, non2xx: 0, errors: 0, timeouts: 0, cpuUtilization: 0.1,
};

function deps(report: ClientReport): LoadDeps {
  const server = (role: string) => ({ role, url: `http://127.0.0.1:1/${role}`, jwksUrl: null, pid: 0, resetMetrics: async () => {}, metrics: async () => null, stop: async () => {} });
  const pair = { issuer: server('issuer'), verifier: server('verifier'), stop: async () => {} } as unknown as ServerPair;
  return { startPair: async () => pair, runClient: async () => report, mintPool: async (_url, size) => Array.from({ length: size }, (_, i) => `token-${i}`) };
}

const PLAN: LoadPlan = { scenarios: ['verify'], schemes: ['hs256'], engines: ['jose'], connections: [1], durationS: 0.01, tokenPoolSize: 2, repeat: 1 };

test('a verify run with refused requests is errored, with how many and why', async () => {
  const [run] = await runLoad({ plan: PLAN, deps: deps({ ...REPORT, non2xx: 37 }) });
  assert.equal(run?.state, 'errored');
  assert.equal(run?.state === 'errored' ? run.error : '', '37 of 1000 responses were not 2xx: a throughput that counts failed calls is not recorded');
});

test('connection errors count as failed calls too; a clean run is completed', async () => {
  const [failed] = await runLoad({ plan: PLAN, deps: deps({ ...REPORT, errors: 2 }) });
  assert.match(failed?.state === 'errored' ? failed.error : '', /^2 requests failed \(connection errors or timeouts\)/);
  const [clean] = await runLoad({ plan: PLAN, deps: deps(REPORT) });
  assert.equal(clean?.state, 'completed');
});

test('scenarios that measure refusals keep them; a target run names what to check', () => {
  const measured = (non2xx: number): Measured => ({ client: { ...REPORT, non2xx }, server: null, work: 'verify' });
  const id = (scenario: RunIdentity['scenario'], target?: RunIdentity['target']): RunIdentity => ({ scenario, scheme: 'rs256', engine: 'jose', policy: null, connections: 1, repeat: 0, ...(target ? { target } : {}) });
  assert.equal(failedCalls(id('outage'), measured(5)), null);
  assert.equal(failedCalls(id('rotation'), measured(5)), null);
  const target = { origin: 'http://127.0.0.1:8080', path: '/api', method: 'GET', token: null, rateCapPerS: null, clientWorkers: 1 };
  assert.match(failedCalls(id('target', target), measured(5)) ?? '', /check the target's rate limits/);
});

test('p99 ratios only where whole milliseconds resolve them (10 ms and up)', async () => {
  const { deriveRelative } = await import('../../bench/load/run-load.js');
  const run = (scheme: string, p99: number) => ({ scenario: 'verify', scheme, engine: scheme === 'baseline' ? null : 'jose', policy: null, connections: 10, repeat: 0, state: 'completed',
    requestsPerSec: 1000, latencyMs: { p50: 1, p90: 1, p99, p99_9: p99 }, relative: {} }) as unknown as Parameters<typeof deriveRelative>[0][number];
  const [, fast] = deriveRelative([run('baseline', 2), run('hs256', 3)]);
  assert.equal(fast!.state === 'completed' ? fast!.relative.p99VsBaseline : 'x', null, '3 ms against 2 is rounding');
  const [, slow] = deriveRelative([run('baseline', 20), run('hs256', 30)]);
  assert.equal(slow!.state === 'completed' ? slow!.relative.p99VsBaseline : 'x', 1.5);
});

test('a run is client-bound only when the server was not saturated, its threadpool included', async () => {
  const { record } = await import('../../bench/load/run-load.js');
  const id = { scenario: 'verify', scheme: 'hs256', engine: 'jose', policy: null, connections: 10, repeat: 0 } as RunIdentity;
  const server = (elu: number, cpuPerRequestUs: number) => ({ eventLoopUtilization: elu, cpuPerRequestUs, workUs: null, requests: 1, jwks: null }) as unknown as Measured['server'];
  const busyClient = { ...REPORT, requestsPerSec: 10_000, cpuUtilization: 0.95 };
  // jose: its main thread 84% busy, but a whole core of CPU in all (crypto on the threadpool)
  assert.equal(record(id, { client: busyClient, server: server(0.84, 100), work: 'verify' }).clientBound, false);
  assert.equal(record(id, { client: busyClient, server: server(0.5, 40), work: 'verify' }).clientBound, true);
});
