// The report separates the algorithm's cost (the node engine) from the library's (jose,
// fast-jwt): every figure it quotes is looked up in the load results, per engine.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CompletedRun, LoadDocument } from '../../core/results/load.js';
import type { ServerEngineName } from '../../core/engines.js';
import { schemeRadii } from '../../reports/blast-radius/model.js';
import { DEFAULT_TOPOLOGY, validateTopology } from '../../reports/blast-radius/topology.js';
import { engineCosts } from '../../reports/costs.js';
import { recommend } from '../../reports/recommendation.js';

function run(scheme: CompletedRun['scheme'], engine: ServerEngineName | null, requestsPerSec: number, verifyUs: number, headerBytes: number | null): CompletedRun {
  return {
    scenario: 'verify', scheme, engine, policy: null, connections: 10, repeat: 0, state: 'completed', durationS: 5, requests: requestsPerSec * 5, requestsPerSec,
    latencyMs: { p50: 1, p90: 1, p99: 2, p99_9: 3 }, non2xx: 0, errors: 0, authorizationHeaderBytes: headerBytes,
    serverVerifyUs: scheme === 'baseline' ? null : { p50: verifyUs, p99: verifyUs * 2 }, serverSignUs: null, serverCpuPerRequestUs: null,
    serverEventLoopUtilization: 0.9, clientCpuUtilization: 0.5, clientBound: false,
    relative: { requestsPerSecVsBaseline: requestsPerSec / 20_000, requestsPerSecVsHs256: null, p99VsBaseline: null, p99VsHs256: null },
  };
}

/** A load run on the floor and on jose: RS256 loses half on the floor, 3% with jose. */
function twoEngineLoad(): LoadDocument {
  const runs = [
    run('baseline', null, 20_000, 0, null),
    run('hs256', 'node', 16_000, 9, 320), run('rs256', 'node', 8_000, 40, 689),
    run('hs256', 'jose', 6_000, 130, 320), run('rs256', 'jose', 5_800, 160, 689),
  ].map((r) => ({ ...r, relative: { ...r.relative, requestsPerSecVsHs256: r.scheme === 'rs256' ? r.requestsPerSec / (r.engine === 'node' ? 16_000 : 6_000) : null } }));
  return { schemaVersion: 2, kind: 'load', runs, config: { connections: [10] } } as unknown as LoadDocument;
}

test('the recommendation quotes the algorithm and each library apart, and says which library decides it', () => {
  const load = twoEngineLoad();
  const costs = engineCosts(null, load);
  assert.deepEqual(costs.map((c) => `${c.row.scheme}/${c.engine}`), ['hs256/node', 'hs256/jose', 'rs256/node', 'rs256/jose'], 'the floor first');
  const text = recommend(null, load, schemeRadii(DEFAULT_TOPOLOGY)).lines.join('\n');
  assert.match(text, /on the node:crypto floor 50% \(server verify p50 40 µs against 9 µs; HS256 itself at 80% of the no-auth baseline\)/);
  assert.match(text, /with jose 97%/);
  assert.match(text, /Which library you run decides this: RS256 costs more than 30% of server throughput against HS256 with node \(50%\), but not with jose \(3%\)/);
  assert.match(text, /\(the algorithm, on the node:crypto floor\)/);
  assert.match(text, /HS256 320 B, RS256 \(2048-bit\) 689 B\. At 10,000 requests\/s \(an example rate\), RS256's header adds 3\.7 MB\/s \(30 Mbit\/s\)/);
});

test('an engine where RS256 served more than HS256 is named with no loss, never a negative one', () => {
  const load = twoEngineLoad();
  // jose's HS256 verifier disturbed in this run: RS256 served twice its requests.
  const runs = load.runs.map((r) => (r.state === 'completed' && r.scheme === 'rs256' && r.engine === 'jose' ? { ...r, requestsPerSec: 12_000, relative: { ...r.relative, requestsPerSecVsHs256: 2 } } : r));
  const text = recommend(null, { ...load, runs }, schemeRadii(DEFAULT_TOPOLOGY)).lines.join('\n');
  assert.match(text, /but not with jose \(no loss: RS256 served 200% of HS256's requests\/s\)/);
  assert.doesNotMatch(text, /-\d+%/);
});

test('the verdict is returned as data: with two engines the last paragraph is not the verdict, and the kind follows the topology', () => {
  const load = twoEngineLoad();
  // One issuer, one verifier, nothing external: a shared secret lets no one forge for another service.
  const pair = validateTopology({ name: 'pair', services: [{ name: 'auth', issues: true }, { name: 'api', verifies: true }], edges: [{ from: 'auth', to: 'api' }] }, 'test');
  const defensible = recommend(null, load, schemeRadii(pair));
  assert.equal(defensible.verdict.kind, 'hs256-defensible');
  assert.match(defensible.verdict.line, /^Recommendation: .*HS256 is defensible/);
  assert.ok(defensible.lines.includes(defensible.verdict.line));
  assert.notEqual(defensible.lines.at(-1), defensible.verdict.line, 'the engine paragraph comes after the verdict');
  assert.notEqual(recommend(null, load, schemeRadii(DEFAULT_TOPOLOGY)).verdict.kind, 'hs256-defensible');
});

test('the recommendation adds an audience per service only where it shrinks replay, and states replay and time', () => {
  const load = twoEngineLoad();
  // The default topology: 30 replayable pairs under a JWKS with one audience, 0 with one per service.
  const wide = recommend(null, load, schemeRadii(DEFAULT_TOPOLOGY));
  assert.match(wide.verdict.line, /Give each service its own audience as well: it leaves 0 of 30 replayable pairs\./);
  assert.ok(wide.lines.some((l) => /^Replay: .*30 \(compromised, victim\) pairs can replay under a JWKS and 30 under a shared secret.*with each service its own audience, 0 and 0\. Time: a replayed token is good for 1 h .*7 d with a shared secret, 1 h 10 min with a JWKS\.$/.test(l)), wide.lines.join('\n'));
  // Without a load run the verdict is the plain one, worded as the issue asks.
  assert.match(recommend(null, null, schemeRadii(DEFAULT_TOPOLOGY)).verdict.line, /^Recommendation: use a JWKS, and give each service its own audience: sign asymmetrically/);
  // One verifier: nothing to replay to, so no audience advice.
  const pair = validateTopology({ name: 'pair', services: [{ name: 'auth', issues: true }, { name: 'api', verifies: true }], edges: [] }, 'test');
  assert.doesNotMatch(recommend(null, load, schemeRadii(pair)).verdict.line, /audience/);
});
