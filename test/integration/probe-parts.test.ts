// The probe's parts, each on its own: reading --public-key in every format it takes, the key
// variants tried for confusion, claim tests only for claims the token carries, the weak-secret
// search (list size, --wordlist, time bound, short secrets), and where tokens go.
import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import Fastify from 'fastify';
import { jwtVerify, type JWK } from 'jose';
import { CATALOG, plan, type ProbeMaterial } from '../../scripts/probe/catalog.js';
import { b64u, parts, signToken } from '../../scripts/probe/forge.js';
import { confusionSecrets } from '../../scripts/probe/key-variants.js';
import { carry, cleanToken, tokenLocation } from '../../scripts/probe/location.js';
import { readPublicKeyFile } from '../../scripts/probe/public-key-file.js';
import type { ProbeDocument } from '../../core/results/probe.js';
import { runProbe } from '../../scripts/probe/run-probe.js';
import { selfSignedCertificate } from '../../scripts/probe/self-signed.js';
import { builtInSecrets, crackHmacSecret } from '../../scripts/probe/weak-secrets.js';
import { JwtbenchError } from '../../core/errors.js';
import { runCli, tempDir } from '../support/helpers.js';

const bytes = (s: string) => new Uint8Array(Buffer.from(s));

test('--public-key reads SPKI, PKCS#1 and certificate PEM, a JWK and a JWKS; refuses private keys and junk in one line', async () => {
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = pair.publicKey.export({ format: 'jwk' }) as JWK;
  const cert = (await selfSignedCertificate('RS256', pair))!.pem;
  const files: [string, string, string][] = [
    ['SPKI PEM', pair.publicKey.export({ type: 'spki', format: 'pem' }) as string, ''],
    ['PKCS#1 PEM', pair.publicKey.export({ type: 'pkcs1', format: 'pem' }) as string, ''],
    ['certificate PEM', cert, ''],
    ['JWK', JSON.stringify(jwk), ''],
    ['JWKS', JSON.stringify({ keys: [{ ...jwk, kid: 'other' }, { ...jwk, kid: 'mine' }] }), 'mine'],
  ];
  for (const [format, text, kid] of files) {
    const read = readPublicKeyFile('k', bytes(text), kid || undefined);
    assert.equal(read.format, format);
    assert.ok(read.publicKey.equals(pair.publicKey), format);
  }
  const refused: [string, RegExp][] = [
    [pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, /--public-key k: holds a private key/],
    [JSON.stringify(pair.privateKey.export({ format: 'jwk' })), /holds private or secret key members/],
    [JSON.stringify({ keys: [jwk, jwk] }), /a JWKS with 2 keys \(the token has no kid\); the probe needs exactly one/],
    ['{"kty": ', /not valid JSON/],
    ['hello', /not a PEM public key, certificate, JWK or JWKS/],
  ];
  for (const [text, message] of refused) {
    assert.throws(() => readPublicKeyFile('k', bytes(text), undefined), (e: unknown) => e instanceof JwtbenchError && e.exitCode === 2 && message.test(e.message) && !e.message.includes('\n'));
  }
});

test('key confusion tries the file as given and its variants: newline toggled, CRLF, a leading newline', () => {
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pem = publicKey.export({ type: 'spki', format: 'pem' }) as string;
  const file = bytes(`  ${pem}`); // as some config templates leave it
  const v = confusionSecrets({ publicKey, publicJwk: null, publicKeyFile: file });
  assert.deepEqual(v.file, file);
  assert.equal(Buffer.from(v['file-newline-toggled'] as Uint8Array).toString(), `  ${pem.trimEnd()}`);
  assert.equal(Buffer.from(v['file-crlf'] as Uint8Array).toString(), `  ${pem.replace(/\n/g, '\r\n')}`);
  assert.equal(v['file-leading-newline'], undefined, 'the file already starts with whitespace');
  assert.equal(v['spki-pem-leading-newline'], `\n${pem}`);
  assert.equal(v['pkcs1-pem'], undefined, 'PKCS#1 is RSA only');
});

function material(payload: Record<string, unknown>, secret = new Uint8Array(randomBytes(32))): ProbeMaterial {
  const token = signToken({ alg: 'HS256', typ: 'JWT' }, payload, secret);
  const { h, p, s, header } = parts(token);
  return {
    token, h, p, s, header, payload, alg: 'HS256', publicKey: null, publicJwk: null, publicKeyFile: null, signing: secret,
    attacker: { key: new Uint8Array(randomBytes(32)), jwk: { kty: 'oct' }, kid: 'a' },
    attackerHost: { jwksUrl: 'http://127.0.0.1:1/jwks.json', x5uUrl: 'http://127.0.0.1:1/cert.pem' },
    weakSecret: null, secretSearch: null, maxTokenBytes: 8192,
  };
}

test('claim tests run only for claims the valid token carries; lifetime checks always', () => {
  const byId = (id: string) => CATALOG.find((a) => a.id === id)!;
  const now = Math.floor(Date.now() / 1000);
  const bare = material({ sub: 'a', exp: now + 300 });
  for (const id of ['wrong-iss', 'wrong-aud', 'missing-iss', 'missing-aud', 'iat-future']) {
    const p = plan(byId(id), bare);
    assert.ok('skip' in p && p.coverage === 'not-applicable' && /the valid token has no (iss|aud|iat) claim/.test(p.skip), id);
  }
  for (const id of ['expired', 'nbf-future', 'missing-exp', 'exp-string', 'crit-unknown']) assert.ok('token' in plan(byId(id), bare), id);
  const full = material({ sub: 'a', iss: 'https://i.example', aud: 'api', iat: now, exp: now + 300 });
  for (const id of ['wrong-iss', 'wrong-aud', 'missing-iss', 'missing-aud', 'iat-future']) assert.ok('token' in plan(byId(id), full), id);
  const noSigning = { ...full, signing: null };
  const gap = plan(byId('wrong-iss'), noSigning);
  assert.ok('skip' in gap && gap.coverage === 'gap');
  // The size test is a validly signed token over the limit.
  const big = plan(byId('oversized-token'), full);
  assert.ok('token' in big && big.token.length > 8192 && big.token.length < 8200);
});

test('the weak-secret list has over 10,000 entries; the search is time-bounded, reports its rate and stops on an abort', async () => {
  const list = builtInSecrets();
  assert.ok(list.length >= 10_000, `${list.length}`);
  assert.ok(list.includes('your-256-bit-secret') && list.includes('changeme') && list.includes('dragon'));
  const token = signToken({ alg: 'HS256' }, { sub: 'a' }, list[list.length - 1]!);
  const found = await crackHmacSecret(token, list, 60_000);
  assert.equal(found.found, list[list.length - 1]);
  assert.ok(found.ratePerS > 0 && found.tried === list.length && !found.timedOut);
  const bounded = await crackHmacSecret(token, list, 0);
  assert.ok(bounded.timedOut && bounded.found === null && bounded.tried < list.length);
  // Ctrl-C during a long search: it lets the event loop run, so the abort lands within a slice.
  const long = Array.from({ length: 20 }, () => list).flat();
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 20);
  await assert.rejects(crackHmacSecret(token, long, 60_000, controller.signal), { name: 'AbortError' });
});

async function hmacTarget(t: TestContext, secret: Uint8Array): Promise<URL> {
  const app = Fastify();
  app.get('/r', async (request, reply) => {
    try {
      await jwtVerify(String(request.headers.authorization).replace(/^Bearer /, ''), secret, { algorithms: ['HS256'] });
      return { ok: true };
    } catch {
      return reply.code(401).send({});
    }
  });
  t.after(() => app.close());
  return new URL('r', await app.listen({ port: 0, host: '127.0.0.1' }));
}

test('--wordlist finds a secret the list lacks; a short --secret is a policy finding; probe.json never holds the secret', async (t) => {
  const dir = await tempDir(t);
  const secret = `tutorial-${randomBytes(3).toString('hex')}`; // 15 bytes, on no list
  const target = await hmacTarget(t, bytes(secret));
  const now = Math.floor(Date.now() / 1000);
  const token = signToken({ alg: 'HS256', typ: 'JWT' }, { sub: 'a', iat: now, exp: now + 300 }, secret);
  const wordlist = join(dir, 'words.txt');
  await writeFile(wordlist, `alpha\n${secret}\nomega\n`);
  const secretFile = join(dir, 'secret');
  await writeFile(secretFile, secret);
  const r = await runCli(['probe', '--target', target.href, '--token', token, '--wordlist', wordlist, '--secret', secretFile, '--json', '--out', join(dir, 'out'), '--rate', '1000']);
  assert.equal(r.code, 1, r.stderr);
  const doc = JSON.parse(r.stdout) as ProbeDocument;
  const weak = doc.attacks.find((a) => a.id === 'weak-hmac-secret')!;
  assert.equal(weak.state, 'accepted');
  assert.equal(weak.severity, 'forgery');
  assert.match(JSON.stringify(weak), /a listed secret of 15 bytes reproduces the token's HMAC/);
  const short = doc.attacks.find((a) => a.id === 'short-hmac-secret')!;
  assert.deepEqual([short.state, short.severity, 'finding' in short && short.finding], ['accepted', 'policy', 'the secret is 15 bytes; HS256 needs at least 32']);
  assert.ok(!JSON.stringify(doc).includes(secret), 'the secret is not in probe.json');
  assert.match(r.stderr, /secret search: \d+ of \d+ candidates in [\d.]+ s \(\d+\/s\), one matched/);
});

test('where the token goes: header, cookie, body, method; a Bearer prefix or quotes are cleaned; bad flags in one line', () => {
  assert.deepEqual(carry(tokenLocation({}), 't'), { method: 'GET', headers: { authorization: 'Bearer t' } });
  assert.deepEqual(carry(tokenLocation({ header: 'X-Api-Token' }), 't'), { method: 'GET', headers: { 'x-api-token': 't' } });
  assert.deepEqual(carry(tokenLocation({ cookie: 'jwt', method: 'delete' }), 't'), { method: 'DELETE', headers: { cookie: 'jwt=t' } });
  assert.deepEqual(carry(tokenLocation({ bodyField: 'id_token' }), 't'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"id_token":"t"}' });
  assert.equal(cleanToken(' Bearer eyJa.b.c\n'), 'eyJa.b.c');
  assert.equal(cleanToken('"eyJa.b.c"'), 'eyJa.b.c');
  assert.throws(() => tokenLocation({ header: 'a b' }), /--header must be a header name/);
  assert.throws(() => tokenLocation({ header: 'x', cookie: 'y' }), /--header and --cookie are alternatives/);
  assert.throws(() => tokenLocation({ method: 'GE T' }), /--method must be an HTTP method/);
});

test('a token that is not a JWT says so in one line, with no JSON parse noise', async (t) => {
  const dir = await tempDir(t);
  const garbage = `${b64u('\u0000\u00ff binary')}.${b64u('{}')}.AAAA`;
  const r = await runCli(['probe', '--target', 'http://127.0.0.1:9/r', '--token', garbage, '--out', join(dir, 'never')]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--token did not give a readable JWT \(its header or payload is not base64url JSON\)/);
  assert.equal(r.stderr.trim().split('\n').length, 1);
});

test('docs/probe.md lists every attack the probe sends', async () => {
  const { readFile } = await import('node:fs/promises');
  const { fileURLToPath } = await import('node:url');
  const doc = await readFile(fileURLToPath(new URL('../../../docs/probe.md', import.meta.url)), 'utf8');
  const { PROBE_CATALOG } = await import('../../scripts/probe/catalog.js');
  assert.deepEqual(PROBE_CATALOG.map((a) => a.id).filter((id) => !doc.includes(`\`${id}\``)), []);
});

test('the attacker key server serves the JWKS and certificate while the probe runs, and is stopped when it is interrupted', async (t) => {
  const app = Fastify();
  let calls = 0;
  // Answers the control at once, then each attack slowly, so the probe is mid-run when aborted.
  app.get('/r', async () => {
    calls += 1;
    if (calls > 1) await new Promise((resolve) => setTimeout(resolve, 200));
    return { ok: true };
  });
  t.after(() => app.close());
  const target = new URL('r', await app.listen({ port: 0, host: '127.0.0.1' }));
  const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const token = signToken({ alg: 'ES256' }, { sub: 'a' }, pair.privateKey);
  const controller = new AbortController();
  let host: { jwksUrl: string; x5uUrl: string } | undefined;
  let served: unknown;
  const run = runProbe({
    target, token, ratePerS: 1000, maxRequests: 200, timeoutMs: 5000, allowRemote: false, signal: controller.signal,
    onAttackerHost: (h) => { host = h; },
    onAttack: async (done) => {
      if (done === 2) {
        served = [await (await fetch(host!.jwksUrl)).json(), (await (await fetch(host!.x5uUrl)).text()).slice(0, 27)];
        controller.abort();
      }
    },
  });
  await assert.rejects(run);
  assert.deepEqual((served as [{ keys: { kty: string }[] }, string])[0].keys.map((k) => k.kty), ['EC']);
  assert.equal((served as unknown[])[1], '-----BEGIN CERTIFICATE-----');
  await assert.rejects(fetch(host!.jwksUrl), 'the key server is stopped');
});
