import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseOpensslSpeed } from '../../scripts/commands/targets.js';

test('reads sign/s and verify/s from openssl speed output', () => {
  const out = `Doing 2048 bits private rsa's for 3s: 4490 2048 bits private RSA's in 3.00s
version: 3.0.19
                  sign    verify    sign/s verify/s
rsa 2048 bits 0.000668s 0.000019s   1496.7  53461.3
`;
  assert.deepEqual(parseOpensslSpeed(out), { signPerSec: 1496.7, verifyPerSec: 53461.3 });
  assert.throws(() => parseOpensslSpeed('nothing useful'), /could not read the rsa 2048 line/);
});
