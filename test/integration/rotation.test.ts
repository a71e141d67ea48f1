// Key rotation and JWKS outages, in process with small timings and a listening issuer: staged
// rotation loses no valid request, naive (immediate) rotation does, an issuer outage neither
// breaks known keys nor lets unknown kids hammer the JWKS URL.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test, type TestContext } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { decodeProtectedHeader } from 'jose';
import { buildIssuer, type Issuer } from '../../servers/issuer/app.js';
import type { RotationPlan } from '../../servers/issuer/key-ring.js';
import { generateSchemeKey } from '../../servers/keys.js';
import { SCHEMES, type SchemeSpec } from '../../core/schemes.js';
import { buildVerifier, type Verifier, type VerifierOptions } from '../../servers/verifier/app.js';
import { attackerKey, b64u, parts, signToken } from '../support/attacks.js';

/** A listening issuer (es256 unless named: fast key generation keeps rotation timings honest) (optionally rotating) and a verifier fetching its JWKS. */
async function setup(t: TestContext, rotation: RotationPlan | undefined, verifierOpts: Partial<VerifierOptions>, scheme: SchemeSpec = SCHEMES.es256) {
  const issuer = await buildIssuer({ scheme, key: await generateSchemeKey(scheme), ...(rotation ? { rotation } : {}) });
  let issuerOpen = true;
  const closeIssuer = async () => {
    if (!issuerOpen) return;
    issuerOpen = false;
    await issuer.app.close();
  };
  t.after(closeIssuer);
  const address = await issuer.app.listen({ port: 0, host: '127.0.0.1' });
  const verifier = await buildVerifier({ scheme, jwksUrl: `${address}/.well-known/jwks.json`, ...verifierOpts });
  t.after(() => verifier.app.close());
  return { issuer, verifier, closeIssuer };
}

async function mint(issuer: Issuer): Promise<string> {
  const res = await issuer.app.inject({ method: 'POST', url: '/token', payload: { sub: 'alice' } });
  assert.equal(res.statusCode, 200, res.body);
  return (res.json() as { access_token: string }).access_token;
}

async function status(verifier: Verifier, token: string): Promise<number> {
  const res = await verifier.app.inject({ method: 'GET', url: '/resource', headers: { authorization: `Bearer ${token}` } });
  return res.statusCode;
}

/**
 * Mints and verifies a fresh token every few ms for `ms`; counts answers and the kids seen. The
 * pause paces traffic across the rotation timers (it waits for no event).
 */
async function traffic(issuer: Issuer, verifier: Verifier, ms: number) {
  const kids = new Set<string>();
  const statuses = new Map<number, number>();
  const end = performance.now() + ms;
  while (performance.now() < end) {
    const token = await mint(issuer);
    kids.add(String(decodeProtectedHeader(token).kid));
    const code = await status(verifier, token);
    statuses.set(code, (statuses.get(code) ?? 0) + 1);
    await sleep(5);
  }
  return { kids, statuses };
}

test('staged rotation: every fresh token verifies across several rotations', async (t) => {
  // New keys are published 400 ms before they sign; the verifier refreshes every 100 ms.
  const { issuer, verifier } = await setup(t,
    { policy: 'staged', everyMs: 500, stageMs: 400, retireAfterMs: 30_000 },
    { jwksRefreshMs: 100, jwksCooldownMs: 100 });
  const { kids, statuses } = await traffic(issuer, verifier, 2_500);
  assert.ok(kids.size >= 3, `only ${kids.size} signing keys seen: fewer than 2 rotations`);
  const total = [...statuses.values()].reduce((a, b) => a + b, 0);
  assert.deepEqual([...statuses.keys()], [200], `answers: ${JSON.stringify([...statuses])}`);
  assert.ok(total >= 50, `only ${total} requests`);
  assert.ok(verifier.tokens!.jwks!.stats.keys >= 3, 'the verifier holds the old and new keys');
});

test('mldsa44: staged rotation works for ML-DSA keys too (AKP keys published before they sign)', async (t) => {
  const { issuer, verifier } = await setup(t,
    { policy: 'staged', everyMs: 700, stageMs: 400, retireAfterMs: 30_000 },
    { jwksRefreshMs: 100, jwksCooldownMs: 100 }, SCHEMES.mldsa44);
  const { kids, statuses } = await traffic(issuer, verifier, 2_500);
  assert.ok(kids.size >= 2, `only ${kids.size} signing keys seen: no rotation`);
  assert.deepEqual([...statuses.keys()], [200], `answers: ${JSON.stringify([...statuses])}`);
});

test('immediate rotation with a long JWKS cooldown and no background refresh refuses valid tokens', async (t) => {
  // What naive rotation costs: the new kid is unknown to the verifier until its cooldown ends.
  const { issuer, verifier } = await setup(t,
    { policy: 'immediate', everyMs: 400, stageMs: 0, retireAfterMs: 0 },
    { jwksRefreshMs: 0, jwksCooldownMs: 2_000 });
  const { kids, statuses } = await traffic(issuer, verifier, 1_500);
  assert.ok(kids.size >= 2, 'the issuer rotated');
  assert.ok((statuses.get(200) ?? 0) > 0, `some tokens verify before the rotation: ${JSON.stringify([...statuses])}`);
  assert.ok((statuses.get(401) ?? 0) > 0, `valid tokens refused after the rotation: ${JSON.stringify([...statuses])}`);
  assert.deepEqual([...statuses.keys()].filter((c) => c !== 200 && c !== 401), [], 'only 200 or 401');
});

test('issuer outage: known keys keep verifying, unknown kids cannot make the verifier hammer the JWKS URL', async (t) => {
  const cooldownMs = 300;
  const { issuer, verifier, closeIssuer } = await setup(t, undefined, { jwksRefreshMs: 0, jwksCooldownMs: cooldownMs });
  const stats = verifier.tokens!.jwks!.stats;
  const before = await Promise.all(Array.from({ length: 5 }, () => mint(issuer)));
  for (const token of before) assert.equal(await status(verifier, token), 200);
  assert.equal(stats.keys, 1);

  await closeIssuer();
  for (const token of before) assert.equal(await status(verifier, token), 200, 'minted before the outage');

  // 50 tokens under kids the issuer never published, signed by attacker keys.
  const attackers = await Promise.all([attackerKey('ES256'), attackerKey('ES256')]);
  const { header, payload } = parts(before[0]!);
  const forged = Array.from({ length: 50 }, (_, i) =>
    signToken({ ...header, kid: b64u(randomBytes(24)) }, payload, attackers[i % attackers.length]!.signingKey));
  const attempts = stats.fetchAttempts;
  const failures = stats.fetchFailures;
  const started = performance.now();
  for (const token of forged) {
    assert.equal(await status(verifier, token), 401);
    await sleep(20); // pacing: the burst spans several cooldowns, which the bound below counts
  }
  const elapsed = performance.now() - started;
  const grew = stats.fetchAttempts - attempts;
  assert.ok(grew <= Math.ceil(elapsed / cooldownMs) + 1, `${grew} JWKS fetches in ${elapsed.toFixed(0)} ms with a ${cooldownMs} ms cooldown`);
  assert.ok(grew >= 1, 'unknown kids do trigger a (rate-limited) refetch');
  assert.equal(stats.fetchFailures - failures, grew, 'every fetch during the outage failed');
  assert.equal(stats.keys, 1, 'failed fetches keep the known keys');
  for (const token of before) assert.equal(await status(verifier, token), 200, 'still verifying after the burst');
});
