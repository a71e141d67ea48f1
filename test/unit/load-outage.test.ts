// The outage scenario with its processes stubbed: an issuer that cannot be stopped makes the
// run errored with the reason, instead of figures for an outage that never happened.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ClientReport } from '../../bench/load/client-job.js';
import type { ServerPair } from '../../bench/load/processes.js';
import { runLoad, type LoadPlan } from '../../bench/load/run-load.js';
import type { LoadDeps } from '../../bench/load/scenarios.js';

const PLAN: LoadPlan = { scenarios: ['outage'], schemes: ['es256'], engines: ['jose'], connections: [1], durationS: 0.01, tokenPoolSize: 2, repeat: 1 };

const REPORT: ClientReport = {
  requests: 10, durationS: 0.01, requestsPerSec: 1000, latencyMs: { p50: 1, p90: 1, p99: 1, p99_9: 1 }, non2xx: 0, errors: 0, timeouts: 0,
  cpuUtilization: 0.1, known: { ok: 9, refused: 0 }, unknownKid: { ok: 0, refused: 1 },
};

/** Stub processes: nothing is started; the issuer's stop does what the test says. */
function stubs(issuerStop: () => Promise<void>) {
  const stopped: string[] = [];
  const server = (role: string, stop: () => Promise<void>) => ({
    role, url: `http://127.0.0.1:1/${role}`, jwksUrl: null, pid: 0,
    resetMetrics: async () => {}, metrics: async () => null, stop,
  });
  const pair = {
    issuer: server('issuer', issuerStop), verifier: server('verifier', async () => {}),
    stop: async () => { stopped.push('pair'); },
  } as unknown as ServerPair;
  const deps: LoadDeps = {
    startPair: async () => pair,
    runClient: async () => REPORT,
    mintPool: async (_url, size) => Array.from({ length: size }, (_, i) => `token-${i}`),
  };
  return { deps, stopped };
}

test('an outage whose issuer cannot be stopped comes out errored, with the reason', async () => {
  const { deps, stopped } = stubs(() => Promise.reject(new Error('kill EPERM')));
  const [run] = await runLoad({ plan: PLAN, deps });
  assert.equal(run?.state, 'errored');
  assert.equal(run?.state === 'errored' ? run.error : '', 'the issuer could not be stopped for the outage: kill EPERM');
  assert.deepEqual(stopped, ['pair'], 'the pair is still stopped');
});

test('an outage whose issuer stops is measured', async () => {
  const { deps } = stubs(async () => {});
  const [run] = await runLoad({ plan: PLAN, deps });
  assert.equal(run?.state, 'completed');
  assert.equal(run?.state === 'completed' ? run.outage?.knownKeyRequests : 0, 9);
});
