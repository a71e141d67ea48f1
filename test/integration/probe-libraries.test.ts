// jwtbench probe against verifiers built on real third-party JWT libraries: each known flaw is
// found, and nothing else is reported as a forgery (policy findings are reported apart). Keys
// are generated per test; none is committed.
import assert from 'node:assert/strict';
import { sign as cryptoSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { SignJWT } from 'jose';
import type { ProbeDocument } from '../../core/results/probe.js';
import { runProbe } from '../../scripts/probe/run-probe.js';
import { selfSignedCertificate } from '../../scripts/probe/self-signed.js';
import { validateResults } from '../../core/results/results-file.js';
import { runCli, tempDir } from '../support/helpers.js';
import { stillRunning } from '../support/processes.js';
import { AUDIENCE, buildDiscoveryIssuer, buildLibraryVerifier, type Library } from '../support/library-verifiers.js';

const LIMITS = { ratePerS: 1000, maxRequests: 200, timeoutMs: 5000, allowRemote: false, crackSeconds: 5 } as const;
const REMOTE_ISSUER = 'https://login.example.test';

async function listen(t: TestContext, app: FastifyInstance): Promise<URL> {
  t.after(() => app.close());
  return new URL(await app.listen({ port: 0, host: '127.0.0.1' }));
}

function mint(alg: string, key: KeyObject, iss: string): Promise<string> {
  return new SignJWT({ scope: 'orders:read' }).setProtectedHeader({ alg, typ: 'JWT', kid: 'k1' })
    .setIssuer(iss).setAudience(AUDIENCE).setSubject('alice').setIssuedAt().setExpirationTime('5m').sign(key);
}

const forgeries = (doc: ProbeDocument) => doc.attacks.filter((a) => a.state === 'accepted' && a.severity === 'forgery').map((a) => a.id).sort();
const state = (doc: ProbeDocument, id: string) => doc.attacks.find((a) => a.id === id)?.state;

interface Case {
  library: Library;
  alg: 'RS256' | 'ES256';
  /** what the app is configured with and the probe is given: SPKI PEM, a certificate, or nothing (discovery) */
  key: 'spki' | 'certificate' | 'discovery';
  location: { header?: string; cookie?: string; bodyField?: string };
  flaws: string[];
}

const CASES: Case[] = [
  { library: 'jsonwebtoken', alg: 'RS256', key: 'spki', location: { header: 'x-access-token' }, flaws: [] },
  // CVE-2016-10555: the token picks the algorithm, so HS256 keyed with the certificate text the app holds passes.
  { library: 'jwt-simple-0.5.1', alg: 'RS256', key: 'certificate', location: { cookie: 'session' }, flaws: ['confusion-file'] },
  { library: 'fast-jwt', alg: 'ES256', key: 'discovery', location: { bodyField: 'token' }, flaws: [] },
];

for (const c of CASES) {
  test(`${c.library}: the probe finds ${c.flaws.length === 0 ? 'no forgery' : c.flaws.join(', ')} and reports nothing else as one`, async (t) => {
    const dir = await tempDir(t);
    const pair = c.alg === 'RS256' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const signingKeyFile = join(dir, 'issuer.key');
    await writeFile(signingKeyFile, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const spki = pair.publicKey.export({ type: 'spki', format: 'pem' }) as string;
    const keyPem = c.key === 'certificate' ? (await selfSignedCertificate(c.alg, pair))!.pem : spki;
    const iss = c.key === 'discovery' ? (await listen(t, await buildDiscoveryIssuer(pair.publicKey, 'k1'))).origin : REMOTE_ISSUER;
    const target = new URL('orders', await listen(t, await buildLibraryVerifier({ library: c.library, keyPem, issuer: iss })));
    let publicKeyFile: string | undefined;
    if (c.key !== 'discovery') {
      publicKeyFile = join(dir, c.key === 'certificate' ? 'issuer.crt' : 'issuer.pub.pem');
      await writeFile(publicKeyFile, keyPem);
    }
    const { doc } = await runProbe({
      ...LIMITS, target, token: await mint(c.alg, pair.privateKey, iss), signingKeyFile,
      location: c.location.header ? { kind: 'header', method: 'GET', name: c.location.header }
        : c.location.cookie ? { kind: 'cookie', method: 'GET', name: c.location.cookie }
        : { kind: 'body', method: 'POST', field: c.location.bodyField! },
      ...(publicKeyFile ? { publicKeyFile } : {}),
    });
    validateResults('probe', doc, 'probe');
    assert.equal(doc.control.status, 200);
    assert.deepEqual(forgeries(doc), c.flaws, JSON.stringify(doc.attacks.filter((a) => a.state === 'accepted')));
    assert.equal(doc.summary.gaps, 0, 'with the key and the signing material, every attack that applies ran');
    assert.equal(doc.config.keySource, c.key === 'discovery' ? 'discovered' : 'public-key');
    assert.equal(state(doc, 'confusion-spki-pem'), 'rejected');
    assert.equal(state(doc, 'expired'), 'rejected', 'every library checks exp');
    assert.equal(state(doc, 'jku-attacker-host'), 'rejected');
  });
}

test('the shortest command covers key confusion: the key is found from iss, and a skipped attack is a gap that --fail-on incomplete fails on', async (t) => {
  const dir = await tempDir(t);
  const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const iss = (await listen(t, await buildDiscoveryIssuer(pair.publicKey, 'k1'))).origin;
  const target = new URL('orders', await listen(t, await buildLibraryVerifier({ library: 'fast-jwt', keyPem: pair.publicKey.export({ type: 'spki', format: 'pem' }) as string, issuer: iss })));
  const token = await mint('ES256', pair.privateKey, iss);
  const args = ['probe', '--target', target.href, '--token', `Bearer ${token}`, '--body-field', 'token', '--rate', '1000'];
  const plain = await runCli([...args, '--json', '--out', join(dir, 'a')]);
  assert.equal(plain.code, 0, plain.stderr);
  const doc = JSON.parse(plain.stdout) as ProbeDocument;
  assert.equal(doc.config.keySource, 'discovered');
  assert.equal(doc.config.tokenLocation, 'POST, JSON body {"token": "<token>"}');
  assert.equal(state(doc, 'confusion-spki-pem'), 'rejected');
  assert.ok(doc.summary.gaps > 0, 'the policy tests need the signing key');
  assert.match(plain.stderr, /Coverage: \d+ of \d+ attacks ran; \d+ skipped: \d+ for want of material \(needs the real signing material/);
  const strict = await runCli([...args, '--fail-on', 'incomplete', '--out', join(dir, 'b')]);
  assert.equal(strict.code, 1, strict.stderr);
  const bad = await runCli([...args, '--fail-on', 'sometimes', '--out', join(dir, 'c')]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--fail-on must list policy and\/or incomplete/);
});

test('policy findings exit 0 unless --fail-on policy', async (t) => {
  const dir = await tempDir(t);
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyFile = join(dir, 'issuer.key');
  await writeFile(keyFile, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }));
  const pubFile = join(dir, 'issuer.pub.pem');
  const spki = pair.publicKey.export({ type: 'spki', format: 'pem' }) as string;
  await writeFile(pubFile, spki);
  const target = new URL('orders', await listen(t, await buildLibraryVerifier({ library: 'jsonwebtoken', keyPem: spki, issuer: REMOTE_ISSUER })));
  const args = ['probe', '--target', target.href, '--token', await mint('RS256', pair.privateKey, REMOTE_ISSUER), '--header', 'x-access-token',
    '--public-key', pubFile, '--signing-key', keyFile, '--rate', '1000'];
  const r = await runCli([...args, '--json', '--out', join(dir, 'a')]);
  assert.equal(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout) as ProbeDocument;
  // jsonwebtoken has no size limit: a validly signed 8 KiB token is a policy finding, not a forgery.
  assert.equal(state(doc, 'oversized-token'), 'accepted');
  assert.equal(doc.summary.forgeries, 0);
  assert.ok(doc.summary.policyFindings > 0);
  assert.match(r.stderr, /VERDICT: no forgery accepted; \d+ policy findings?: tokens the policy should refuse, none mintable without the signing key/);
  assert.match(r.stderr, /POLICY FINDING oversized-token/);
  const strict = await runCli([...args, '--fail-on', 'policy', '--out', join(dir, 'b')]);
  assert.equal(strict.code, 1, strict.stderr);
});

test('two RS256 tokens and no public key: the RSA key is recovered from the signatures (e = 3) and key confusion is tried with it', async (t) => {
  const dir = await tempDir(t);
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 3 });
  const spki = pair.publicKey.export({ type: 'spki', format: 'pem' }) as string;
  const target = new URL('orders', await listen(t, await buildLibraryVerifier({ library: 'jwt-simple-0.5.1', keyPem: spki, issuer: REMOTE_ISSUER })));
  const tokenFile = join(dir, 'tokens.txt');
  const other = await new SignJWT({ scope: 'orders:write' }).setProtectedHeader({ alg: 'RS256' }).setIssuer(REMOTE_ISSUER).setAudience(AUDIENCE).setSubject('bob').setIssuedAt().setExpirationTime('5m').sign(pair.privateKey);
  await writeFile(tokenFile, `${await mint('RS256', pair.privateKey, REMOTE_ISSUER)}\nBearer ${other}\n`);
  const r = await runCli(['probe', '--target', target.href, '--token-file', tokenFile, '--cookie', 'session', '--json', '--out', join(dir, 'out'), '--rate', '1000']);
  assert.equal(r.code, 1, r.stderr);
  const doc = JSON.parse(r.stdout) as ProbeDocument;
  assert.equal(doc.config.keySource, 'recovered');
  assert.deepEqual(forgeries(doc), ['confusion-spki-pem']);
  assert.match(r.stderr, /public key: an RSA key \(e = 3\) recovered from the two tokens' signatures in [\d.]+ s \([\d.]+ s of CPU\)/);
});

test('a key recovery that gave up: the verdict line itself says the forgery attacks it fed did not run (a forgeable verifier is not called clean)', async (t) => {
  const dir = await tempDir(t);
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const spki = pair.publicKey.export({ type: 'spki', format: 'pem' }) as string;
  // jwt-simple 0.5.1 takes HS256 keyed with its PEM: forgeable, had the probe the key.
  const target = new URL('orders', await listen(t, await buildLibraryVerifier({ library: 'jwt-simple-0.5.1', keyPem: spki, issuer: REMOTE_ISSUER })));
  const tokenFile = join(dir, 'tokens.txt');
  await writeFile(tokenFile, `${await mint('RS256', pair.privateKey, REMOTE_ISSUER)}\n${await mint('RS256', pair.privateKey, 'https://other.example.test')}\n`);
  const r = await runCli(['probe', '--target', target.href, '--token-file', tokenFile, '--cookie', 'session', '--recover-seconds', '0.5', '--json', '--out', join(dir, 'out'), '--rate', '1000']);
  assert.equal(r.code, 0, r.stderr);
  const verdict = r.stderr.split('\n').find((l) => l.startsWith('VERDICT: ')) ?? '';
  assert.match(verdict, /^VERDICT: incomplete: no forgery accepted among the attacks that ran \(\d+ rejected\), but \d+ forgery attacks could not run \(needs the issuer's public key, and recovering it from the two tokens failed: .*did not finish within 0\.5 s of CPU.*--recover-seconds.*\), so this verifier may still be forgeable\.$/);
  const doc = JSON.parse(r.stdout) as ProbeDocument;
  assert.ok(doc.attacks.some((a) => a.id === 'confusion-spki-pem' && a.state === 'skipped' && a.coverage === 'gap'));
  assert.deepEqual(stillRunning(r.descendants), []);
});

test('modulus recovery: the key that signed both tokens, or a clear reason', async () => {
  const { recoverRsaKey } = await import('../../scripts/probe/recover-rsa-key.js');
  const { signatureValid } = await import('../../scripts/probe/forge.js');
  // e = 3 by BigInt at 2048 bits; e = 65537 on GMP at 512 bits (about 17 s here; 2048 bits takes 90 s)
  for (const [e, bits] of [[3, 2048], [65537, 512]] as const) {
    const pair = generateKeyPairSync('rsa', { modulusLength: bits, publicExponent: e });
    // node:crypto signs: jose refuses RSA keys under 2048 bits
    const rs256 = (iss: string) => {
      const input = `${Buffer.from('{"alg":"RS256"}').toString('base64url')}.${Buffer.from(JSON.stringify({ iss, sub: 'x' })).toString('base64url')}`;
      return `${input}.${cryptoSign('sha256', Buffer.from(input), pair.privateKey).toString('base64url')}`;
    };
    const tokens: [string, string] = [rs256(REMOTE_ISSUER), rs256('https://other.example.test')];
    const r = await recoverRsaKey(tokens, 'RS256', 300_000, (k) => tokens.every((x) => signatureValid(x, k)));
    assert.ok(r.state === 'recovered' && r.publicKey.equals(pair.publicKey) && r.exponent === e, JSON.stringify(r));
  }
  // A bound too short for GMP: a clear reason, and the worker is stopped.
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const tokens: [string, string] = [await mint('RS256', pair.privateKey, REMOTE_ISSUER), await mint('RS256', pair.privateKey, 'https://other.example.test')];
  const short = await recoverRsaKey(tokens, 'RS256', 200, () => true);
  assert.ok(short.state === 'failed' && /did not finish within 0\.2 s of CPU .*give --recover-seconds more, or --public-key/.test(short.reason), JSON.stringify(short));
  const same = await recoverRsaKey(['a.b.c', 'a.b.c'], 'RS256', 1000, () => true);
  assert.ok(same.state === 'failed' && /the two tokens are the same/.test(same.reason));
  const ps = await recoverRsaKey(['a.b.c', 'a.b.d'], 'PS256', 1000, () => true);
  assert.ok(ps.state === 'failed' && /applies to RS256\/384\/512 tokens/.test(ps.reason));
});
