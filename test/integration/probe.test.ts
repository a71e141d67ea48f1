// jwtbench probe against the reference verifiers (every attack refused) and against weak
// verifiers (each caught for exactly its flaw). Keys and secrets are generated per test and
// written to temporary files, never committed.
import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { CATALOG, PROBE_CATALOG } from '../../scripts/probe/catalog.js';
import type { AttackResult, ProbeDocument } from '../../core/results/probe.js';
import { runProbe, type ProbeOptions } from '../../scripts/probe/run-probe.js';
import { validateResults } from '../../core/results/results-file.js';
import { buildIssuer } from '../../servers/issuer/app.js';
import { loadSchemeKey } from '../../servers/keys.js';
import { SCHEMES, type SchemeName } from '../../core/schemes.js';
import { buildVerifier } from '../../servers/verifier/app.js';
import { runCli, tempDir } from '../support/helpers.js';
import { buildWeakVerifier, type Weakness } from '../support/weak-verifiers.js';

const LIMITS = { ratePerS: 1000, maxRequests: 200, timeoutMs: 5000, allowRemote: false } as const;

async function listen(t: TestContext, app: FastifyInstance): Promise<URL> {
  t.after(() => app.close());
  return new URL(await app.listen({ port: 0, host: '127.0.0.1' }));
}

interface Setup {
  issuerUrl: URL;
  /** --secret or --signing-key file */
  materialFile: string;
  publicKey: KeyObject | null;
  secret: Uint8Array | null;
}

/** A reference issuer with a key the test generated and wrote to a temporary file. */
async function issuer(t: TestContext, name: SchemeName, dir: string): Promise<Setup> {
  const scheme = SCHEMES[name];
  const file = join(dir, `${name}.key`);
  let publicKey: KeyObject | null = null;
  let secret: Uint8Array | null = null;
  if (scheme.keys === 'shared-secret') {
    // A secret file's trailing newline is trimmed (as an editor adds one): end on another byte,
    // or 1 run in 256 would hand the probe a 31-byte secret.
    secret = new Uint8Array(randomBytes(32));
    if (secret[31] === 0x0a || secret[31] === 0x0d) secret[31] = 0x41;
    await writeFile(file, secret);
  } else {
    const pair = scheme.alg === 'RS256' ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : scheme.alg === 'ES256' ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
      : generateKeyPairSync('ed25519');
    publicKey = pair.publicKey;
    await writeFile(file, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }));
  }
  const built = await buildIssuer({ scheme, key: await loadSchemeKey(scheme, file) });
  return { issuerUrl: await listen(t, built.app), materialFile: file, publicKey, secret };
}

const probe = (o: Partial<ProbeOptions> & { target: URL }) => runProbe({ ...LIMITS, ...o }).then((r) => r.doc);
const ids = (doc: ProbeDocument, state: string) => doc.attacks.filter((a) => a.state === state).map((a) => a.id).sort();
const accepted = (doc: ProbeDocument, severity: 'forgery' | 'policy') => doc.attacks.filter((a) => a.state === 'accepted' && a.severity === severity).map((a) => a.id).sort();

test('one catalogue: unique ids, each with a meaning and a reference; policy exactly when it needs the signing material or re-frames a valid token', () => {
  assert.ok(PROBE_CATALOG.length >= 40 && CATALOG.length > PROBE_CATALOG.length, `${PROBE_CATALOG.length} of ${CATALOG.length}`);
  assert.equal(new Set(CATALOG.map((a) => a.id)).size, CATALOG.length);
  for (const a of CATALOG) {
    assert.ok(a.meaning.length > 20 && a.reference.length > 3, a.id);
    // extra-segments: a valid token with a fourth segment still carries the real signature: no one can mint with it.
    const reframed = a.id === 'extra-segments';
    assert.equal(a.severity === 'policy', a.needs.includes('signing-material') || reframed, `${a.id}: a forgery needs no signing material, a policy test does`);
  }
  assert.ok(!CATALOG.some((a) => a.id === 'b64-false'), 'b64: false repeated crit-unknown: merged');
});

for (const name of ['hs256', 'rs256', 'es256', 'eddsa'] as const) {
  test(`the reference ${name} verifier refuses every attack`, async (t) => {
    const dir = await tempDir(t);
    const s = await issuer(t, name, dir);
    const scheme = SCHEMES[name];
    const verifier = await buildVerifier(scheme.keys === 'shared-secret'
      ? { scheme, secret: s.secret! }
      : { scheme, jwksUrl: new URL('.well-known/jwks.json', s.issuerUrl).href });
    const target = new URL('resource', await listen(t, verifier.app));
    const doc = await probe({
      target, issuer: { url: s.issuerUrl },
      ...(scheme.keys === 'shared-secret' ? { secretFile: s.materialFile } : { signingKeyFile: s.materialFile }),
    });
    validateResults('probe', doc, 'probe');
    assert.equal(doc.control.status, 200);
    assert.deepEqual(ids(doc, 'accepted'), []);
    assert.deepEqual(ids(doc, 'errored'), []);
    assert.equal(doc.summary.forgeries + doc.summary.policyFindings + doc.summary.gaps, 0);
    assert.ok(doc.summary.rejected >= 20, `${doc.summary.rejected} rejected`);
    // The claim policy ran: the signing material was used.
    for (const id of ['expired', 'nbf-future', 'iat-future', 'wrong-iss', 'wrong-aud', 'missing-exp', 'missing-iss', 'missing-aud', 'exp-string', 'crit-unknown', 'oversized-token']) {
      assert.equal(doc.attacks.find((a) => a.id === id)?.state, 'rejected', id);
    }
    if (name === 'hs256') assert.equal(doc.attacks.find((a) => a.id === 'short-hmac-secret')?.state, 'rejected', 'a 32-byte secret passes');
    if (name === 'es256') assert.equal(doc.attacks.find((a) => a.id === 'ecdsa-psychic-der')?.state, 'rejected');
    if (name === 'rs256') assert.equal(doc.attacks.find((a) => a.id === 'confusion-pkcs1-pem')?.state, 'rejected');
    if (name !== 'hs256') {
      assert.equal(doc.attacks.find((a) => a.id === 'confusion-spki-pem')?.state, 'rejected');
      assert.equal(doc.attacks.find((a) => a.id === 'jku-attacker-host')?.state, 'rejected');
      assert.equal(doc.attacks.find((a) => a.id === 'x5c-self-signed')?.state, 'rejected');
    }
    // Nothing of the token or the keys is in the document.
    assert.doesNotMatch(JSON.stringify(doc), /eyJ[A-Za-z0-9_-]{10,}\.eyJ/);
  });
}

const WEAK_CASES: { weakness: Weakness; scheme: SchemeName; forgeries: string[]; policy?: string[] }[] = [
  { weakness: 'accepts-alg-none', scheme: 'rs256', forgeries: ['alg-none'] },
  { weakness: 'alg-from-header', scheme: 'rs256', forgeries: ['confusion-spki-pem'], policy: ['same-key-other-alg'] },
  { weakness: 'trusts-embedded-jwk', scheme: 'rs256', forgeries: ['embedded-jwk'] },
  { weakness: 'fetches-jku', scheme: 'es256', forgeries: ['jku-attacker-host'] },
  { weakness: 'dictionary-secret', scheme: 'hs256', forgeries: ['weak-hmac-secret'] },
];

for (const { weakness, scheme: name, forgeries, policy = [] } of WEAK_CASES) {
  test(`a verifier that ${weakness.replace(/-/g, ' ')} is caught for exactly that`, async (t) => {
    const dir = await tempDir(t);
    const scheme = SCHEMES[name];
    if (weakness === 'dictionary-secret') {
      // The issuer refuses short secrets, so this one is built around the check on purpose.
      const secret = new TextEncoder().encode('secret');
      const built = await buildIssuer({ scheme, key: { kind: 'secret', secret } });
      const issuerUrl = await listen(t, built.app);
      const target = new URL('resource', await listen(t, await buildWeakVerifier({ weakness, key: secret, alg: 'HS256' })));
      const doc = await probe({ target, issuer: { url: issuerUrl } });
      assert.deepEqual(ids(doc, 'accepted'), forgeries);
      assert.match(JSON.stringify(doc.attacks.find((a) => a.id === 'weak-hmac-secret')), /a listed secret of 6 bytes reproduces the token's HMAC/);
      assert.doesNotMatch(JSON.stringify(doc), /"secret"|\\"secret\\"/, 'probe.json never holds the secret');
      return;
    }
    const s = await issuer(t, name, dir);
    const publicKeyPem = s.publicKey!.export({ type: 'spki', format: 'pem' }) as string;
    const target = new URL('resource', await listen(t, await buildWeakVerifier({ weakness, key: s.publicKey!, alg: scheme.alg!, publicKeyPem })));
    const doc = await probe({ target, issuer: { url: s.issuerUrl }, signingKeyFile: s.materialFile });
    const notRejected: AttackResult[] = doc.attacks.filter((a) => a.state === 'accepted' || a.state === 'errored');
    assert.deepEqual(accepted(doc, 'forgery'), [...forgeries].sort(), JSON.stringify(notRejected));
    // The weak verifiers have no size limit: the validly signed oversized token is a policy finding.
    assert.deepEqual(accepted(doc, 'policy'), [...policy, 'oversized-token'].sort(), JSON.stringify(notRejected));
    assert.deepEqual(ids(doc, 'errored'), []);
    if (weakness === 'fetches-jku') {
      assert.match(JSON.stringify(doc.attacks.find((a) => a.id === 'jku-attacker-host')), /the verifier fetched \/jwks\.json from the probe's attacker host/);
    }
  });
}

test('jwtbench probe: exit 1 and a probe.json when an attack is accepted, exit 0 when none is', async (t) => {
  const dir = await tempDir(t);
  const s = await issuer(t, 'rs256', dir);
  const weak = new URL('resource', await listen(t, await buildWeakVerifier({ weakness: 'accepts-alg-none', key: s.publicKey!, alg: 'RS256' })));
  const out = join(dir, 'out');
  const r = await runCli(['probe', '--target', weak.href, '--issuer', s.issuerUrl.href, '--out', out, '--rate', '500']);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /FORGERY ACCEPTED alg-none: alg "none", empty signature/);
  assert.match(r.stdout, /\n {2}expired, nbf-future, .*oversized-token: needs the real signing material: give --secret <file> or --signing-key <pem file>\n/);
  assert.match(r.stdout, /VERDICT: 1 forged token ACCEPTED: anyone can mint tokens this verifier accepts \(alg-none\)\.\n {2}Coverage: \d+ of \d+ attacks ran; \d+ skipped: \d+ for want of material \(needs the real signing material/);
  const doc = validateResults('probe', JSON.parse(await readFile(join(out, 'probe.json'), 'utf8')), 'probe.json');
  assert.equal(doc.summary.accepted, 1);

  const verifier = await buildVerifier({ scheme: SCHEMES.rs256, jwksUrl: new URL('.well-known/jwks.json', s.issuerUrl).href });
  const sound = new URL('resource', await listen(t, verifier.app));
  const ok = await runCli(['probe', '--target', sound.href, '--issuer', s.issuerUrl.href, '--signing-key', s.materialFile, '--json', '--out', join(dir, 'ok'), '--rate', '500']);
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal((JSON.parse(ok.stdout) as ProbeDocument).summary.accepted, 0);
});

test('jwtbench probe refuses what it should: remote targets, a refused control, too few requests, bad files', async (t) => {
  const dir = await tempDir(t);
  const s = await issuer(t, 'rs256', dir);
  const verifier = await buildVerifier({ scheme: SCHEMES.rs256, jwksUrl: new URL('.well-known/jwks.json', s.issuerUrl).href });
  const target = new URL('resource', await listen(t, verifier.app)).href;
  const cases: [string[], RegExp][] = [
    [['--target', 'http://example.com/resource', '--token', 'a.b.c'], /--target example\.com is not a loopback address; .*--allow-remote.*own the target/],
    [['--target', target, '--token', 'x.y.z'], /--token did not give a readable JWT/],
    [['--target', target, '--token', `${Buffer.from('{"alg":"RS256"}').toString('base64url')}.${Buffer.from('{}').toString('base64url')}.AAAA`], /the target answered 401 to the valid token/],
    [['--target', target, '--issuer', s.issuerUrl.href, '--max-requests', '5'], /--max-requests 5 is too low: this probe needs \d+ requests/],
    [['--target', target, '--issuer', s.issuerUrl.href, '--signing-key', join(dir, 'missing.pem')], /--signing-key .*missing\.pem: cannot read it \(ENOENT\)/],
    [['--target', target, '--issuer', s.issuerUrl.href, '--secret', s.materialFile], /--secret given, but the token is RS256/],
    [['--target', target], /--token or --token-file or --issuer: give exactly one/],
    [['--target', target, '--issuer', s.issuerUrl.href, '--rate', '0'], /--rate must be a positive number/],
    [['--target', target, '--token', `${Buffer.from('{"alg":"HS256"}').toString('base64url')}.${Buffer.from('{}').toString('base64url')}.AAAA`, '--jwks', `${s.issuerUrl.href}.well-known/jwks.json`], /--jwks given, but the token is HS256 \(HMAC\): it has no public key/],
  ];
  for (const [args, message] of cases) {
    const r = await runCli(['probe', ...args, '--out', join(dir, 'never')]);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  }
});

test('jwtbench probe from a token file and a PEM public key, and a public key that did not sign the token', async (t) => {
  const dir = await tempDir(t);
  const s = await issuer(t, 'es256', dir);
  const verifier = await buildVerifier({ scheme: SCHEMES.es256, jwksUrl: new URL('.well-known/jwks.json', s.issuerUrl).href });
  const target = new URL('resource', await listen(t, verifier.app)).href;
  const minted = await fetch(new URL('token', s.issuerUrl), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"sub":"carol"}' });
  const tokenFile = join(dir, 'token.txt');
  await writeFile(tokenFile, `${((await minted.json()) as { access_token: string }).access_token}\n`);
  const pub = join(dir, 'issuer.pub.pem');
  await writeFile(pub, s.publicKey!.export({ type: 'spki', format: 'pem' }));
  const r = await runCli(['probe', '--target', target, '--token-file', tokenFile, '--public-key', pub, '--json', '--out', join(dir, 'out'), '--rate', '500']);
  assert.equal(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout) as ProbeDocument;
  assert.equal(doc.config.keySource, 'public-key');
  assert.equal(doc.attacks.find((a) => a.id === 'confusion-spki-der')?.state, 'rejected');
  // The file is the SPKI PEM exactly: its own-bytes attack is that one, merged.
  assert.match(JSON.stringify(doc.attacks.find((a) => a.id === 'confusion-file')), /the same token as confusion-spki-pem/);
  assert.equal(doc.attacks.find((a) => a.id === 'confusion-file-crlf')?.state, 'skipped', 'CRLF: the same token as confusion-spki-pem-crlf');
  assert.equal(doc.attacks.find((a) => a.id === 'confusion-file-leading-newline')?.state, 'skipped');
  assert.equal(doc.attacks.find((a) => a.id === 'ecdsa-psychic-raw')?.state, 'rejected');

  const other = join(dir, 'other.pub.pem');
  await writeFile(other, generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }));
  const wrong = await runCli(['probe', '--target', target, '--token-file', tokenFile, '--public-key', other, '--out', join(dir, 'never')]);
  assert.equal(wrong.code, 2);
  assert.match(wrong.stderr, /the public key \(.*other\.pub\.pem\) does not verify the token's signature/);
});
