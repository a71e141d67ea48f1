// The tokens a load run mints before its warm-up outlive the run: a 600 s run (the longest
// allowed) gets an issuer whose tokens last longer than the issuer's default 300 s.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ClientReport } from '../../bench/load/client-job.js';
import type { PairOptions, ServerPair } from '../../bench/load/processes.js';
import { runLoad } from '../../bench/load/run-load.js';
import type { LoadDeps } from '../../bench/load/scenarios.js';

test('the issuer of a long run mints tokens that outlive it', async () => {
  const seen: PairOptions[] = [];
  const server = (role: string) => ({ role, url: `http://127.0.0.1:1/${role}`, jwksUrl: null, pid: 0, resetMetrics: async () => {}, metrics: async () => null, stop: async () => {} });
  const report: ClientReport = { requests: 10, durationS: 600, requestsPerSec: 1, latencyMs: { p50: 1, p90: 1, p99: 1, p99_9: 1 }, non2xx: 0, errors: 0, timeouts: 0, cpuUtilization: 0.1 };
  const deps: LoadDeps = {
    startPair: async (_scheme, opts) => { seen.push(opts); return { issuer: server('issuer'), verifier: server('verifier'), stop: async () => {} } as unknown as ServerPair; },
    runClient: async () => report,
    mintPool: async (_url, size) => Array.from({ length: size }, (_, i) => `token-${i}`),
  };
  await runLoad({ plan: { scenarios: ['verify'], schemes: ['hs256'], engines: ['jose'], connections: [1], durationS: 600, tokenPoolSize: 2, repeat: 1 }, deps });
  assert.ok((seen[0]?.tokenTtlS ?? 0) > 600 + 1, `tokenTtlS ${seen[0]?.tokenTtlS}`);
});
