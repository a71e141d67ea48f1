// Real processes on loopback; each test checks only the processes it started and their descendants.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { test } from 'node:test';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CompletedRun, LoadDocument } from '../../core/results/load.js';
import { runClient, startPair } from '../../bench/load/processes.js';
import { liveChildren } from '../../core/children.js';
import { readResults } from '../../core/results/results-file.js';
import { CLI, runCli, tempDir } from '../support/helpers.js';
import { sigtermStopsServe, stillRunning } from '../support/processes.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test('a short real load run on every engine writes a valid load.json and leaves no process behind', async (t) => {
  const dir = await tempDir(t);
  const r = await runCli(['load', '--preset', 'smoke', '--engines', 'jose,node,fast-jwt', '--duration', '0.5', '--out', dir]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /verify hs256 fast-jwt/);
  // Piped, as in a CI log: progress on stderr in plain lines, from the first run on.
  assert.match(r.stderr, /^\[1\/4\] verify baseline c4 · 0s elapsed · estimating time left$/m);
  assert.doesNotMatch(r.stdout, /elapsed/);
  const doc = await readResults('load', dir);
  assert.equal(doc.kind, 'load');
  assert.equal(doc.schemaVersion, 2);
  assert.deepEqual(doc.config.engines, ['jose', 'node', 'fast-jwt']);
  assert.deepEqual(doc.runs.map((x) => `${x.scenario}/${x.scheme}/${x.engine}/${x.state}`),
    ['verify/baseline/null/completed', 'verify/hs256/jose/completed', 'verify/hs256/node/completed', 'verify/hs256/fast-jwt/completed']);
  const [base, ...hs] = doc.runs as CompletedRun[];
  assert.ok(base!.requests > 0);
  assert.equal(base!.serverVerifyUs, null);
  assert.equal(base!.authorizationHeaderBytes, null, 'the baseline sends no token');
  for (const run of hs) {
    assert.ok(run.requests > 0, run.engine!);
    assert.equal(run.non2xx, 0, `${run.engine}: every pooled token is valid`);
    assert.ok(run.serverVerifyUs && run.serverVerifyUs.p50 > 0);
    assert.equal(run.relative.requestsPerSecVsBaseline, run.requestsPerSec / base!.requestsPerSec);
    assert.equal(run.relative.requestsPerSecVsHs256, 1, 'hs256 against the same engine\'s hs256');
    // An HS256 token of the issuer's claims: a few hundred bytes, the same on every engine.
    assert.ok(run.authorizationHeaderBytes! > 150 && run.authorizationHeaderBytes! < 600, `${run.authorizationHeaderBytes}`);
    assert.ok(Math.abs(run.authorizationHeaderBytes! - hs[0]!.authorizationHeaderBytes!) < 1, 'the engines mint tokens of one shape');
  }
  assert.ok(r.descendants.length >= 3, 'servers and the load generator ran in processes of their own');
  // 7 servers (the baseline's verifier, then an issuer and a verifier per engine) and one load
  // generator, reused for all 8 jobs (a warm-up and a measured job per run).
  // Node processes only: the results' environment runs git (rev-parse, status) for a moment, and
  // the 50 ms watch may catch it (it did in a fresh clone, where git status refreshes its index),
  // even in the moment between its fork and its exec, when it is still called node.
  const nodes = r.descendants.filter((p) => p.name !== 'git' && !p.forkNotYetExec);
  assert.ok(nodes.length <= 8, `one load generator for the whole run (${nodes.length} processes: ${r.descendants.map((p) => p.name).join(', ')})`);
  assert.deepEqual(stillRunning(r.descendants), []);

  // A version 1 file (before engines) is still read: its runs were jose's.
  const v1 = {
    ...doc, schemaVersion: 1, config: { ...doc.config, engines: undefined },
    runs: doc.runs.slice(0, 2).map(({ engine: _e, ...r }) => ({ ...r, authorizationHeaderBytes: undefined })),
  };
  await writeFile(join(dir, 'v1.json'), JSON.stringify(v1));
  const read = await readResults('load', join(dir, 'v1.json'));
  assert.equal(read.schemaVersion, 2);
  assert.deepEqual(read.runs.map((x) => x.engine), [null, 'jose']);
  await writeFile(join(dir, 'v9.json'), JSON.stringify({ ...doc, schemaVersion: 9 }));
  await assert.rejects(readResults('load', join(dir, 'v9.json')), /unsupported schemaVersion 9; this jwtbench reads load schemaVersion 1 and 2/);
});

test('bad --engine values: one line naming the flag and the accepted values, exit 2, no process left', async () => {
  for (const args of [['serve', '--scheme', 'hs256', '--engine', 'jsonwebtoken'], ['serve', '--scheme', 'baseline', '--engine', 'node'], ['load', '--engines', 'jose,bogus']]) {
    const r = await runCli(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /--engines? .*jose, node, fast-jwt/);
    assert.deepEqual(stillRunning(r.descendants), []);
  }
});

test('staged rotation rejects no valid request; the outage keeps held keys working with bounded JWKS fetches', async (t) => {
  const dir = await tempDir(t);
  const r = await runCli(['load', '--scenarios', 'rotation,outage', '--schemes', 'rs256', '--engines', 'node', '--duration', '6', '--connections', '4', '--out', dir]);
  assert.equal(r.code, 0, r.stderr);
  const doc = await readResults('load', dir);
  const runs = doc.runs as CompletedRun[];
  const staged = runs.find((x) => x.scenario === 'rotation' && x.policy === 'staged')!;
  assert.ok(staged.rotation!.rotationsSeen >= 1, 'the key really rotated during the run');
  assert.equal(staged.rotation!.validRejected, 0);
  const immediate = runs.find((x) => x.scenario === 'rotation' && x.policy === 'immediate')!;
  assert.ok(immediate.rotation!.rotationsSeen >= 1);
  const outage = runs.find((x) => x.scenario === 'outage')!.outage!;
  assert.equal(outage.knownKeyFailures, 0);
  assert.ok(outage.knownKeyRequests > 0 && outage.unknownKidRequests > 0);
  assert.equal(outage.unknownKidAccepted, 0);
  assert.ok(outage.jwksFetchAttempts <= outage.jwksFetchBound, `${outage.jwksFetchAttempts} fetches > bound ${outage.jwksFetchBound}`);
  assert.ok(r.descendants.length > 0);
  assert.deepEqual(stillRunning(r.descendants), []);
});

test('a failed run still stops every process it started', async () => {
  const pair = await startPair('rs256', { withIssuer: true, withVerifier: true });
  const pids = [pair.issuer!.pid, pair.verifier!.pid];
  assert.ok(pids.every(alive));
  try {
    // Not loopback: the load generator refuses before sending anything.
    await assert.rejects(runClient({ kind: 'verify', url: 'http://example.invalid:9', connections: 1, durationS: 1, tokens: [] }), /loopback only/);
  } finally {
    await pair.stop();
  }
  assert.ok(pids.every((pid) => !alive(pid)));
  assert.equal(liveChildren(), 0);
  // A server that cannot start is not left running either.
  await assert.rejects(startPair('es256', { withIssuer: true, withVerifier: true, keyFile: '/nonexistent/key.pem' }), /--key \/nonexistent\/key\.pem: cannot read it/);
  assert.equal(liveChildren(), 0);
});

test('jwtbench serve prints its URLs, serves, and stops both processes on SIGTERM', async (t) => {
  const child = spawn(process.execPath, [CLI, 'serve', '--scheme', 'hs256', '--engine', 'node'], { stdio: ['ignore', 'pipe', 'pipe'] });
  // A failed assertion must not leave the servers running (nor this test waiting on them).
  t.after(() => { if (child.exitCode === null) child.kill('SIGTERM'); });
  const [line] = await once(child.stdout, 'data') as [Buffer];
  const urls = JSON.parse(line.toString()) as { issuer: string; verifier: string; jwks: string | null; engine: string };
  assert.match(urls.issuer, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.equal(urls.jwks, null);
  assert.equal(urls.engine, 'node');
  const minted = await fetch(`${urls.issuer}/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"sub":"dave"}' });
  const { access_token: token } = await minted.json() as { access_token: string };
  assert.equal((await fetch(`${urls.verifier}/resource`, { headers: { authorization: `Bearer ${token}` } })).status, 200);
  assert.equal((await fetch(`${urls.verifier}/resource`)).status, 401);
  await sigtermStopsServe(child);
});

test('serve refuses a short shared secret with a clear error', async (t) => {
  const dir = await tempDir(t);
  const { writeFile } = await import('node:fs/promises');
  await writeFile(`${dir}/secret`, 'too-short\n');
  const r = await runCli(['serve', '--scheme', 'hs256', '--key', `${dir}/secret`]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /the shared secret is 9 bytes; HS256 needs at least 32/);
});

test('serve names the port flag when that port is taken, exit 2, and leaves no process', async (t) => {
  const { createServer } = await import('node:net');
  const taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => taken.close(() => resolve())));
  const port = (taken.address() as { port: number }).port;
  const r = await runCli(['serve', '--scheme', 'hs256', '--verifier-port', String(port)]);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, new RegExp(`^jwtbench serve: --verifier-port ${port} is in use on 127\\.0\\.0\\.1: choose another`));
  assert.equal(r.stdout, '', 'no ready line');
});
