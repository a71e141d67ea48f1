// A failed JWKS fetch is logged, once per cooldown at most: tokens with unknown kids during an
// outage neither hammer the issuer nor flood the log. A data: URL stands in for the issuer (no
// server, no socket) and the clock is the test's own.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { JwksCache } from '../../servers/verifier/jwks-cache.js';

test('a JWKS failure is logged once within a cooldown, and again after it', async () => {
  let now = 0;
  const lines: { details: Record<string, unknown>; message: string }[] = [];
  const cache = new JwksCache({
    jwksUrl: 'data:application/json,{"not":"a jwks"}', alg: 'ES256', cooldownMs: 1_000, refreshMs: 0, timeoutMs: 1_000, importKey: async (jwk) => jwk,
    log: { warn: (details, message) => lines.push({ details: details as Record<string, unknown>, message }) },
    now: () => now,
  });
  await cache.start();
  assert.equal(cache.stats.fetchFailures, 1);
  assert.equal(lines.length, 1);
  assert.match(lines[0]!.message, /JWKS fetch failed/);
  assert.deepEqual(lines[0]!.details, { jwksUrl: 'data:application/json,{"not":"a jwks"}', failures: 1, error: 'JWKS has no keys array' });

  for (now = 10; now < 1_000; now += 100) await assert.rejects(async () => cache.key(`kid-${now}`), /no key with that kid/);
  assert.equal(cache.stats.fetchAttempts, 1, 'no fetch within the cooldown');
  assert.equal(lines.length, 1, 'nothing more logged within the cooldown');

  now = 1_000;
  await assert.rejects(async () => cache.key('another'), /no key with that kid/);
  assert.equal(cache.stats.fetchFailures, 2);
  assert.equal(lines.length, 2, 'the next cooldown logs the next failure');
  cache.close();
});

test('without a logger a failed fetch is still counted', async () => {
  const cache = new JwksCache({ jwksUrl: 'data:application/json,[]', alg: 'ES256', cooldownMs: 1_000, refreshMs: 0, timeoutMs: 1_000, importKey: async (jwk) => jwk });
  await cache.start();
  assert.equal(cache.stats.fetchFailures, 1);
  cache.close();
});

test('a kid asked for while a fetch is under way waits for that fetch instead of being refused', async () => {
  const jwks = encodeURIComponent(JSON.stringify({ keys: [{ kty: 'EC', kid: 'new-kid', alg: 'ES256' }] }));
  const cache = new JwksCache({ jwksUrl: `data:application/json,${jwks}`, alg: 'ES256', cooldownMs: 60_000, refreshMs: 0, timeoutMs: 1_000, importKey: async (jwk) => jwk, now: () => 0 });
  const background = cache.refresh(); // the background refresh, not yet answered
  const key = await cache.key('new-kid');
  assert.equal((key as { kid: string }).kid, 'new-kid');
  await background;
  assert.equal(cache.stats.fetchAttempts, 1, 'no second fetch');
  cache.close();
});
