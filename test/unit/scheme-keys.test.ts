// --key files of the wrong kind are refused, naming the problem; the right kinds load.
import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadSchemeKey } from '../../servers/keys.js';
import { ALGORITHMS, isMlDsa } from '../../core/algorithms.js';
import { akpPrivateJwk } from '../../core/akp.js';
import { mlDsaPublicKey } from '../../core/ml-dsa.js';
import { JWKS_SCHEMES, SCHEMES } from '../../core/schemes.js';
import { tempDir } from '../support/helpers.js';

test('loadSchemeKey refuses key files of the wrong kind, naming the problem', async (t) => {
  const dir = await tempDir(t);
  const file = async (name: string, content: string | Uint8Array) => {
    const path = join(dir, name);
    await writeFile(path, content, { mode: 0o600 });
    return path;
  };
  const pkcs8 = (pair: { privateKey: KeyObject }) => pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const ec256 = pkcs8(generateKeyPairSync('ec', { namedCurve: 'P-256' }));
  const ec384 = pkcs8(generateKeyPairSync('ec', { namedCurve: 'P-384' }));
  const ed = pkcs8(generateKeyPairSync('ed25519'));
  const rsa1024 = pkcs8(generateKeyPairSync('rsa', { modulusLength: 1024 }));

  await assert.rejects(loadSchemeKey(SCHEMES.hs256, await file('short.secret', randomBytes(16).toString('hex').slice(0, 31) + '\n')),
    /at least 32/, 'a 31-byte secret (plus newline)');
  await assert.rejects(loadSchemeKey(SCHEMES.hs256, await file('empty.secret', '')), /at least 32/);
  await assert.rejects(loadSchemeKey(SCHEMES.rs256, await file('ec.pem', ec256)), /\bec\b.*cannot sign RS256/);
  await assert.rejects(loadSchemeKey(SCHEMES.es256, await file('ed.pem', ed)), /ed25519.*cannot sign ES256/);
  await assert.rejects(loadSchemeKey(SCHEMES.es256, await file('p384.pem', ec384)), /secp384r1.*cannot sign ES256/);
  await assert.rejects(loadSchemeKey(SCHEMES.eddsa, await file('ec2.pem', ec256)), /\bec\b.*cannot sign EdDSA/);
  await assert.rejects(loadSchemeKey(SCHEMES.rs256, await file('rsa1024.pem', rsa1024)), /at least 2048/);
  await assert.rejects(loadSchemeKey(SCHEMES.es256, await file('random.bin', randomBytes(64))), /PKCS#8 PEM/);
  await assert.rejects(loadSchemeKey(SCHEMES.eddsa, await file('public.pem',
    generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }))), /PKCS#8 PEM/, 'a public key is not a private key');
  await assert.rejects(loadSchemeKey(SCHEMES.es256, await file('garbage.pem', `${['-----BEGIN', 'PRIVATE', 'KEY-----'].join(' ')}\nbm90IGEga2V5\n${['-----END', 'PRIVATE', 'KEY-----'].join(' ')}\n`)),
    /not a readable private key/);
  await assert.rejects(loadSchemeKey(SCHEMES.es256, join(dir, 'missing.pem')), /cannot read it \(ENOENT\)/);
  await assert.rejects(loadSchemeKey(SCHEMES.rs256, await file('ec3.pem', ec256)),
    (error: Error & { code?: string }) => error.code === 'JWTBENCH_BAD_FLAG' && error.message.startsWith('--key '));

  // and the right kinds load
  const secret = await loadSchemeKey(SCHEMES.hs256, await file('good.secret', `${'s'.repeat(32)}\n`));
  assert.ok(secret.kind === 'secret' && secret.secret.length === 32, 'the trailing newline is not part of the secret');
  const signing = await loadSchemeKey(SCHEMES.es256, await file('good.pem', ec256));
  assert.ok(signing.kind === 'signing');
  assert.equal(signing.key.alg, 'ES256');
  assert.match(signing.key.kid, /^[A-Za-z0-9_-]{43}$/);
  assert.equal('d' in signing.key.publicJwk, false);
});

test('every JWKS scheme loads a key of the kind its algorithm table entry names', async (t) => {
  const dir = await tempDir(t);
  for (const name of JWKS_SCHEMES) {
    const scheme = SCHEMES[name];
    if (scheme.keys !== 'jwks') continue;
    const spec = ALGORITHMS[scheme.alg];
    if (isMlDsa(spec)) {
      const seed = new Uint8Array(randomBytes(32));
      const path = join(dir, `${name}.jwk`);
      await writeFile(path, JSON.stringify(akpPrivateJwk(spec.mlDsa.name, seed, mlDsaPublicKey(spec.mlDsa.name, seed))), { mode: 0o600 });
      const loaded = await loadSchemeKey(scheme, path);
      assert.ok(loaded.kind === 'signing' && loaded.key.alg === scheme.alg, name);
      continue;
    }
    const pair = spec.privateKey?.type === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: spec.defaultKeyBits! })
      : spec.privateKey?.type === 'ec' ? generateKeyPairSync('ec', { namedCurve: spec.namedCurve! })
        : generateKeyPairSync('ed25519');
    const path = join(dir, `${name}.pem`);
    await writeFile(path, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, { mode: 0o600 });
    const loaded = await loadSchemeKey(scheme, path);
    assert.ok(loaded.kind === 'signing' && loaded.key.alg === scheme.alg, name);
  }
});
