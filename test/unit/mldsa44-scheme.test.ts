// The mldsa44 reference scheme without processes: its --key file (a private AKP JWK), its
// issuer's tokens and JWKS (inject), which engines serve it here, the load plan's pairs, and
// the report's server figures for it.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { akpPrivateJwk, akpPublicJwk } from '../../core/akp.js';
import { ML_DSA, mlDsaPublicKey } from '../../core/ml-dsa.js';
import { nativeMlDsaUnavailable } from '../../core/ml-dsa-support.js';
import type { CompletedRun, LoadDocument } from '../../core/results/load.js';
import { SCHEMES } from '../../core/schemes.js';
import { checkServable, expandLoadPlan, unservedPairs, type LoadPlan } from '../../bench/load/run-load.js';
import { cannotServe, defaultEngine, enginesServing, refuseUnservable } from '../../servers/engines/index.js';
import { buildIssuer } from '../../servers/issuer/app.js';
import { generateSchemeKey, generateSigningKey, loadSchemeKey } from '../../servers/keys.js';
import { SERVER_DEFAULTS } from '../../servers/defaults.js';
import { postQuantumSection } from '../../reports/post-quantum.js';
import { tempDir } from '../support/helpers.js';

const scheme = SCHEMES.mldsa44;
const seedPair = (alg: 'ML-DSA-44' | 'ML-DSA-65' = 'ML-DSA-44') => {
  const seed = new Uint8Array(randomBytes(32));
  return { alg, seed, publicKey: mlDsaPublicKey(alg, seed) };
};

test('mldsa44: --key takes a private AKP JWK; a wrong set or a malformed key is one line naming the key and the expected set (exit 2)', async (t) => {
  const dir = await tempDir(t);
  const file = async (name: string, content: string) => {
    const path = join(dir, name);
    await writeFile(path, content, { mode: 0o600 });
    return path;
  };
  const good = seedPair();
  const loaded = await loadSchemeKey(scheme, await file('good.jwk', JSON.stringify(akpPrivateJwk('ML-DSA-44', good.seed, good.publicKey))));
  assert.ok(loaded.kind === 'signing');
  assert.equal(loaded.key.alg, 'ML-DSA-44');
  assert.match(loaded.key.kid, /^[A-Za-z0-9_-]{43}$/);
  assert.deepEqual(Object.keys(loaded.key.publicJwk).sort(), ['alg', 'kid', 'kty', 'pub', 'use']);
  assert.equal(loaded.key.publicJwk.pub, Buffer.from(good.publicKey).toString('base64url'));

  const other = seedPair('ML-DSA-65');
  const cases: [string, string, RegExp][] = [
    ['ml-dsa-65.jwk', JSON.stringify(akpPrivateJwk('ML-DSA-65', other.seed, other.publicKey)), /is for "ML-DSA-65", the wrong ML-DSA parameter set/],
    ['public.jwk', JSON.stringify(akpPublicJwk('ML-DSA-44', good.publicKey)), /has no priv/],
    ['not-json.jwk', '{"kty":"AKP",', /not valid JSON/],
    ['pem.jwk', ['-----BEGIN', 'PRIVATE', 'KEY-----'].join(' '), /not valid JSON/],
    ['array.jwk', '[1]', /is not a JSON object/],
    ['okp.jwk', JSON.stringify({ kty: 'OKP', crv: 'Ed25519', x: 'AAAA' }), /has kty "OKP", not "AKP"/],
    ['mismatch.jwk', JSON.stringify(akpPrivateJwk('ML-DSA-44', seedPair().seed, good.publicKey)), /priv that does not match its pub/],
    ['short-seed.jwk', JSON.stringify({ ...akpPublicJwk('ML-DSA-44', good.publicKey), priv: 'AAAA' }), /3-byte priv, not the 32-byte seed/],
  ];
  for (const [name, content, problem] of cases) {
    const path = await file(name, content);
    await assert.rejects(loadSchemeKey(scheme, path), (error: Error & { code?: string }) => {
      assert.equal(error.code, 'JWTBENCH_BAD_KEY', name);
      assert.match(error.message, problem, name);
      assert.ok(error.message.startsWith(`--key ${path}: `), error.message);
      assert.match(error.message, /expected an ML-DSA-44 AKP JWK/);
      assert.doesNotMatch(error.message, /\n/);
      return true;
    });
  }
});

test('mldsa44 issuer (inject): ML-DSA-44 tokens with a kid its JWKS publishes as an AKP key, never the seed; rotation keys too', async (t) => {
  const key = await generateSchemeKey(scheme);
  const issuer = await buildIssuer({ scheme, key });
  t.after(() => issuer.app.close());
  const res = await issuer.app.inject({ method: 'POST', url: '/token', payload: { sub: 'alice' } });
  assert.equal(res.statusCode, 200, res.body);
  const token = (res.json() as { access_token: string }).access_token;
  const header = decodeProtectedHeader(token);
  assert.equal(header.alg, 'ML-DSA-44');
  assert.equal(header.typ, 'JWT');
  assert.equal(decodeJwt(token).iss, SERVER_DEFAULTS.issuer);
  const [h, p, s] = token.split('.') as [string, string, string];
  assert.equal(Buffer.from(s, 'base64url').length, 2420, 'the raw FIPS 204 signature');

  issuer.ring!.publish(await generateSigningKey('ML-DSA-44'));
  const jwks = (await issuer.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json() as { keys: Record<string, string>[] };
  assert.equal(jwks.keys.length, 2);
  for (const jwk of jwks.keys) {
    assert.deepEqual(Object.keys(jwk).sort(), ['alg', 'kid', 'kty', 'pub', 'use']);
    assert.equal(jwk.kty, 'AKP');
    assert.equal(jwk.alg, 'ML-DSA-44');
  }
  const signer = jwks.keys.find((k) => k.kid === header.kid);
  assert.ok(signer, 'the token\'s kid is in the JWKS');
  assert.ok(ML_DSA['ML-DSA-44'].verify(Buffer.from(s, 'base64url'), Buffer.from(`${h}.${p}`), Buffer.from(signer.pub!, 'base64url')), 'verifies with the published key');
});

test('mldsa44 is served by noble-pq everywhere, by node and jose only with native ML-DSA, never by fast-jwt', () => {
  assert.equal(cannotServe(scheme, 'noble-pq'), null);
  assert.match(cannotServe(scheme, 'fast-jwt') ?? '', /no ML-DSA/);
  assert.match(cannotServe(SCHEMES.rs256, 'noble-pq') ?? '', /only the ML-DSA schemes/);
  assert.equal(cannotServe(SCHEMES.baseline, 'noble-pq'), null, 'the baseline needs no engine');
  const native = nativeMlDsaUnavailable() === null;
  assert.equal(enginesServing(scheme).includes('node'), native);
  assert.equal(defaultEngine(SCHEMES.rs256), 'jose');
  assert.ok(enginesServing(scheme).includes(defaultEngine(scheme)));
  assert.throws(() => refuseUnservable(scheme, 'fast-jwt'), (error: Error & { code?: string }) => {
    assert.equal(error.code, 'JWTBENCH_BAD_FLAG');
    assert.match(error.message, /^--engine fast-jwt cannot serve the mldsa44 scheme here \(fast-jwt implements no ML-DSA\); for mldsa44 use .*noble-pq/);
    return true;
  });
});

test('load plans run each scheme only on the engines that serve it, list the rest, and refuse a scheme none of them serves', () => {
  const plan: LoadPlan = { scenarios: ['verify'], schemes: ['baseline', 'hs256', 'mldsa44'], engines: ['fast-jwt', 'noble-pq'], connections: [10], durationS: 1, tokenPoolSize: 1000, repeat: 1 };
  assert.deepEqual(expandLoadPlan(plan).map((r) => `${r.scheme}/${r.engine}`), ['baseline/null', 'hs256/fast-jwt', 'mldsa44/noble-pq']);
  assert.deepEqual(unservedPairs(plan).map((u) => `${u.scheme}/${u.engine}`), ['hs256/noble-pq', 'mldsa44/fast-jwt']);
  assert.throws(() => checkServable({ ...plan, engines: ['fast-jwt'] }), /--engines fast-jwt cannot serve the mldsa44 scheme here; for mldsa44 use .*noble-pq/);
  assert.doesNotThrow(() => checkServable(plan));
});

function run(scheme: CompletedRun['scheme'], engine: CompletedRun['engine'], requestsPerSec: number, verifyUs: number | null, headerBytes: number | null): CompletedRun {
  return {
    scenario: 'verify', scheme, engine, policy: null, connections: 10, repeat: 0, state: 'completed', durationS: 5, requests: requestsPerSec * 5, requestsPerSec,
    latencyMs: { p50: 1, p90: 1, p99: 2, p99_9: 3 }, non2xx: 0, errors: 0, authorizationHeaderBytes: headerBytes,
    serverVerifyUs: verifyUs === null ? null : { p50: verifyUs, p99: verifyUs * 2 }, serverSignUs: null, serverCpuPerRequestUs: null,
    serverEventLoopUtilization: 0.9, clientCpuUtilization: 0.5, clientBound: false,
    relative: { requestsPerSecVsBaseline: requestsPerSec / 20_000, requestsPerSecVsHs256: null, p99VsBaseline: null, p99VsHs256: null },
  };
}

test('the post-quantum section quotes mldsa44\'s server throughput from load.json beside the other schemes, and says "not measured" without it', () => {
  const load = { schemaVersion: 2, kind: 'load', config: { connections: [10] }, runs: [
    run('baseline', null, 20_000, null, null), run('rs256', 'node', 8_000, 40, 689), run('mldsa44', 'noble-pq', 700, 1076, 3579),
  ] } as unknown as LoadDocument;
  const blocks = postQuantumSection(null, load);
  const text = JSON.stringify(blocks);
  assert.match(text, /The post-quantum horizon/);
  const server = blocks.find((b) => b.kind === 'table' && b.header.includes('req/s'));
  assert.ok(server && server.kind === 'table');
  assert.deepEqual(server.rows.map((r) => r.slice(0, 6)), [
    ['no authentication', '-', '20,000', '100%', 'not measured', 'not measured'],
    ['RS256 (2048-bit)', 'node', '8,000', '40%', '40 µs', '689'],
    ['ML-DSA-44', 'noble-pq', '700', '4%', '1,076 µs', '3,579'],
  ]);
  assert.match(text, /Token size against header limits: not measured/);

  const classicalOnly = { ...load, runs: load.runs.filter((r) => r.scheme !== 'mldsa44') } as LoadDocument;
  assert.deepEqual(postQuantumSection(null, classicalOnly), [], 'no ML-DSA anywhere: no section');
});
