// `jwtbench load --target` against reference verifiers this test starts: one as "your" service,
// a baseline one as its --compare-url; then the bad inputs, each one line, exit 2, no load.json.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { randomBytes } from 'node:crypto';
import { startPair, type ServerPair } from '../../bench/load/processes.js';
import { flipSignatureBit } from '../../core/jws.js';
import type { CompletedRun } from '../../core/results/load.js';
import { readResults } from '../../core/results/results-file.js';
import { SERVER_DEFAULTS } from '../../servers/defaults.js';
import { runCli, runMain, tempDir } from '../support/helpers.js';
import { stillRunning } from '../support/processes.js';

const secret = new Uint8Array(randomBytes(32));
let hs: ServerPair;
let base: ServerPair;

before(async () => {
  [hs, base] = await Promise.all([
    startPair('hs256', { withIssuer: true, withVerifier: true, secret }),
    startPair('baseline', { withIssuer: false, withVerifier: true }),
  ]);
});
after(async () => { await Promise.all([hs?.stop(), base?.stop()]); });

const resource = (pair: ServerPair) => `${pair.verifier!.url}/resource`;

async function issued(): Promise<string> {
  const answer = await fetch(`${hs.issuer!.url}/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"sub":"t"}' });
  return ((await answer.json()) as { access_token: string }).access_token;
}

test('load --target with --compare-url writes target runs: client-side figures, the auth overhead as a ratio, no token', async (t) => {
  const dir = await tempDir(t);
  const r = await runCli(['load', '--target', resource(hs), '--issuer', hs.issuer!.url, '--token-pool', '200', '--compare-url', resource(base),
    '--duration', '0.5', '--connections', '2', '--client-workers', '2', '--out', dir]);
  assert.equal(r.code, 0, r.stderr);
  const doc = await readResults('load', dir);
  assert.deepEqual(doc.config.scenarios, ['target']);
  const [compare, auth] = doc.runs as CompletedRun[];
  assert.equal(compare!.scheme, 'baseline');
  assert.equal(compare!.target!.token, null);
  assert.equal(auth!.scheme, 'hs256');
  assert.equal(auth!.client, 'autocannon');
  assert.equal(auth!.target!.origin, new URL(hs.verifier!.url).origin);
  assert.equal(auth!.target!.path, '/resource');
  assert.equal(auth!.target!.clientWorkers, 2);
  assert.deepEqual(auth!.target!.token!.header, { alg: 'HS256', typ: 'JWT', kid: null });
  assert.equal(auth!.target!.token!.poolSize, 200);
  assert.ok(auth!.requests > 0 && compare!.requests > 0);
  assert.equal(auth!.non2xx, 0, 'every pooled token was accepted');
  assert.equal(auth!.serverVerifyUs, null, 'no server µs for a target');
  assert.equal(auth!.serverEventLoopUtilization, null);
  assert.equal(auth!.relative.requestsPerSecVsBaseline, auth!.requestsPerSec / compare!.requestsPerSec);
  const written = await readFile(join(dir, 'load.json'), 'utf8');
  // Compact JWTs start with a base64url JSON header: "eyJ".
  for (const text of [written, r.stdout, r.stderr]) assert.doesNotMatch(text, /eyJ[\w-]+\.eyJ/, 'no token printed or written');
  assert.match(r.stdout, /no server µs/);
  assert.deepEqual(stillRunning(r.descendants), []);
});

test('load --target mints its own pool with --signing-key: fresh jti, iat and exp per token', async (t) => {
  const dir = await tempDir(t);
  await writeFile(join(dir, 'secret'), secret);
  await writeFile(join(dir, 'claims.json'), JSON.stringify({ iss: SERVER_DEFAULTS.issuer, aud: SERVER_DEFAULTS.audience, sub: 'me' }));
  const r = await runCli(['load', '--target', resource(hs), '--signing-key', join(dir, 'secret'), '--alg', 'HS256', '--claims', join(dir, 'claims.json'),
    '--token-pool', '50', '--rate', '200', '--duration', '0.5', '--connections', '2', '--out', join(dir, 'out')]);
  assert.equal(r.code, 0, r.stderr);
  const [run] = (await readResults('load', join(dir, 'out'))).runs as CompletedRun[];
  assert.equal(run!.target!.token!.source, 'minted');
  assert.equal(run!.target!.rateCapPerS, 200);
  assert.equal(run!.non2xx, 0);
  assert.match(r.stdout, /50 distinct tokens: a verifier cache may hide the verify cost/);
});

test('bad targets and token sources: one line, exit 2, no load.json', async (t) => {
  const dir = await tempDir(t);
  const out = join(dir, 'out');
  await writeFile(join(dir, 'forged'), `${flipSignatureBit(await issued())}\n`);
  await writeFile(join(dir, 'junk'), 'not a token\n');
  const cases: [string[], RegExp][] = [
    [['--target', 'http://127.0.0.1:9/resource', '--issuer', hs.issuer!.url], /--target http:\/\/127\.0\.0\.1:9\/resource cannot be reached \(.*ECONNREFUSED.*\); is it running\?/],
    [['--target', resource(hs), '--token-file', join(dir, 'forged')], /answered 401 to GET with the first token of the pool/],
    [['--target', resource(hs), '--token-file', join(dir, 'missing')], /--token-file .*missing: cannot read it \(ENOENT\)/],
    [['--target', resource(hs), '--token-file', join(dir, 'junk')], /line 1 is not a compact JWT/],
    [['--target', resource(hs), '--issuer', hs.issuer!.url, '--compare-url', `${hs.verifier!.url}/resource`], /--compare-url .* answered 401 to GET without a token/],
    [['--target', 'http://192.0.2.1/resource', '--issuer', hs.issuer!.url], /not a loopback address; testing other hosts needs --allow-remote/],
    [['--target', resource(hs), '--issuer', hs.issuer!.url, '--token-file', join(dir, 'forged')], /give exactly one token source/],
    [['--issuer', hs.issuer!.url], /--issuer applies only with --target/],
    [['--target', resource(hs), '--issuer', hs.issuer!.url, '--preset', 'smoke'], /--preset does not apply with --target/],
  ];
  for (const [args, message] of cases) {
    const r = await runMain(['load', ...args, '--duration', '0.5', '--out', out]);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.equal(existsSync(join(out, 'load.json')), false);
  }
});
