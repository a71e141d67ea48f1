// Stopping a rotation schedule while a key is being generated leaves the ring as it was.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { KeyRing, ROTATION_POLICIES, scheduleRotation } from '../../servers/issuer/key-ring.js';
import { generateSigningKey, type SigningKey } from '../../servers/keys.js';

for (const policy of ROTATION_POLICIES) {
  test(`${policy} rotation: stopping it while a new key is being generated changes nothing afterwards`, async () => {
    // The issuer's onClose stops rotation; a key generation already in flight (RSA takes
    // ~100 ms) must not publish, activate or schedule anything once stopped.
    const first = await generateSigningKey('ES256');
    const second = await generateSigningKey('ES256');
    const ring = new KeyRing(first);
    let release: ((key: SigningKey) => void) | undefined;
    const stop = scheduleRotation(ring, { policy, everyMs: 20, stageMs: 20, retireAfterMs: 20 },
      () => new Promise<SigningKey>((resolve) => { release = resolve; }));
    while (!release) await sleep(5);
    stop();
    release(second);
    await sleep(100);
    assert.equal(ring.active.kid, first.kid, 'no key activated after stop');
    assert.deepEqual(ring.jwks().keys.map((k) => k.kid), [first.kid], 'no key published after stop');
  });
}
