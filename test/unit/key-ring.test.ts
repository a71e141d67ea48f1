// Stopping a rotation schedule while a key is being generated leaves the ring as it was.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KeyRing, scheduleRotation } from '../../servers/issuer/key-ring.js';
import { ROTATION_POLICIES } from '../../core/results/names.js';
import { generateSigningKey, type SigningKey } from '../../servers/keys.js';

for (const policy of ROTATION_POLICIES) {
  test(`${policy} rotation: stopping it while a new key is being generated changes nothing afterwards`, async (t) => {
    // The issuer's onClose stops rotation; a key generation already in flight (RSA takes
    // ~100 ms) must not publish, activate or schedule anything once stopped. Mocked timers:
    // the schedule moves only when the test ticks it.
    const first = await generateSigningKey('ES256');
    const second = await generateSigningKey('ES256');
    const ring = new KeyRing(first);
    t.mock.timers.enable({ apis: ['setTimeout', 'setInterval'] });
    let release: ((key: SigningKey) => void) | undefined;
    let asked: () => void = () => {};
    const generating = new Promise<void>((resolve) => { asked = resolve; });
    const stop = scheduleRotation(ring, { policy, everyMs: 20, stageMs: 20, retireAfterMs: 20 },
      () => { asked(); return new Promise<SigningKey>((resolve) => { release = resolve; }); });
    t.mock.timers.tick(20);
    await generating;
    stop();
    release!(second);
    await new Promise((resolve) => setImmediate(resolve)); // the rotation's continuation runs
    t.mock.timers.tick(1_000); // anything left scheduled would run now
    assert.equal(ring.active.kid, first.kid, 'no key activated after stop');
    assert.deepEqual(ring.jwks().keys.map((k) => k.kid), [first.kid], 'no key published after stop');
  });
}
