// The mldsa44 scheme with real processes: serve on the engine that serves it here (noble-pq on
// Node 20), its --key file and engine refusals (one line, exit 2, nothing left running), and a
// smoke-sized load run.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { akpPrivateJwk } from '../../core/akp.js';
import { mlDsaPublicKey } from '../../core/ml-dsa.js';
import type { CompletedRun } from '../../core/results/load.js';
import { readResults } from '../../core/results/results-file.js';
import { CLI, runCli, tempDir } from '../support/helpers.js';
import { sigtermStopsServe, stillRunning } from '../support/processes.js';

const privateJwk = (alg: 'ML-DSA-44' | 'ML-DSA-65') => {
  const seed = new Uint8Array(randomBytes(32));
  return JSON.stringify(akpPrivateJwk(alg, seed, mlDsaPublicKey(alg, seed)));
};

test('serve and load refuse mldsa44 on an engine that cannot serve it, and a wrong key: one line, exit 2, no process left', async (t) => {
  const dir = await tempDir(t);
  const wrongSet = join(dir, 'ml-dsa-65.jwk');
  await writeFile(wrongSet, privateJwk('ML-DSA-65'), { mode: 0o600 });
  const cases: [string[], RegExp][] = [
    [['serve', '--scheme', 'mldsa44', '--engine', 'fast-jwt'], /^jwtbench serve: --engine fast-jwt cannot serve the mldsa44 scheme here \(fast-jwt implements no ML-DSA\); for mldsa44 use .*noble-pq/],
    [['load', '--schemes', 'mldsa44', '--engines', 'fast-jwt'], /--engines fast-jwt cannot serve the mldsa44 scheme here; for mldsa44 use .*noble-pq/],
    [['serve', '--scheme', 'mldsa44', '--key', wrongSet], /key .*ml-dsa-65\.jwk: is for "ML-DSA-65", the wrong ML-DSA parameter set; expected an ML-DSA-44 AKP JWK/],
  ];
  for (const [args, message] of cases) {
    const r = await runCli(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, message);
    assert.doesNotMatch(r.stderr, /\bat .*\.js:\d+/, 'no stack trace');
    assert.deepEqual(stillRunning(r.descendants), []);
  }
});

test('serve --scheme mldsa44 --key <AKP JWK>: noble-pq by default here, AKP keys in the JWKS, its tokens verify; SIGTERM stops both', async (t) => {
  const dir = await tempDir(t);
  const keyFile = join(dir, 'issuer.jwk');
  await writeFile(keyFile, privateJwk('ML-DSA-44'), { mode: 0o600 });
  const child = spawn(process.execPath, [CLI, 'serve', '--scheme', 'mldsa44', '--key', keyFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  t.after(() => { if (child.exitCode === null) child.kill('SIGTERM'); });
  const [line] = await once(child.stdout, 'data') as [Buffer];
  const urls = JSON.parse(line.toString()) as { issuer: string; verifier: string; jwks: string; engine: string };
  assert.ok(['noble-pq', 'jose'].includes(urls.engine), urls.engine);
  const jwks = await (await fetch(urls.jwks)).json() as { keys: Record<string, string>[] };
  assert.deepEqual(jwks.keys.map((k) => [k.kty, k.alg, 'priv' in k]), [['AKP', 'ML-DSA-44', false]]);
  const minted = await fetch(`${urls.issuer}/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"sub":"erin"}' });
  const { access_token: token } = await minted.json() as { access_token: string };
  const ok = await fetch(`${urls.verifier}/resource`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(ok.status, 200);
  assert.deepEqual(await ok.json(), { sub: 'erin' });
  const forged = `${token.slice(0, token.lastIndexOf('.'))}.${Buffer.alloc(2420).toString('base64url')}`;
  const refused = await fetch(`${urls.verifier}/resource`, { headers: { authorization: `Bearer ${forged}` } });
  assert.equal(refused.status, 401);
  assert.match(String(refused.headers.get('www-authenticate')), /error="invalid_token"/);
  await sigtermStopsServe(child);
});

test('a smoke-sized load run has mldsa44 on the engines that serve it, says which pairs it left out, and leaves no process', async (t) => {
  const dir = await tempDir(t);
  const r = await runCli(['load', '--schemes', 'baseline,mldsa44', '--engines', 'noble-pq,fast-jwt', '--duration', '0.5', '--connections', '2', '--out', dir]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /mldsa44 on fast-jwt: fast-jwt implements no ML-DSA/);
  const doc = await readResults('load', dir);
  assert.deepEqual(doc.runs.map((x) => `${x.scheme}/${x.engine}/${x.state}`), ['baseline/null/completed', 'mldsa44/noble-pq/completed']);
  const pq = doc.runs[1] as CompletedRun;
  assert.equal(pq.non2xx, 0, 'every pooled ML-DSA token verifies');
  assert.ok(pq.serverVerifyUs && pq.serverVerifyUs.p50 > 0);
  // A 2,420-byte signature: the header line is over 3 KB, under the 8 KiB token limit.
  assert.ok(pq.authorizationHeaderBytes! > 3_000 && pq.authorizationHeaderBytes! < 8 * 1024, `${pq.authorizationHeaderBytes}`);
  assert.deepEqual(stillRunning(r.descendants), []);
});
