// serve and load --runtime node@24 for real: the reference servers run on Node 24 from the
// runtimes cache (native ML-DSA in node:crypto), the load generator on this Node, and every
// process stops. Skipped, saying why, when the cache has no Node 24 (.ci/run installs it).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readlinkSync } from 'node:fs';
import { test } from 'node:test';
import { installedRuntimes, runtimesDir } from '../../core/runtimes/cache.js';
import type { CompletedRun } from '../../core/results/load.js';
import { readResults } from '../../core/results/results-file.js';
import { CLI, runCli, tempDir } from '../support/helpers.js';
import { descendants, sigtermStopsServe, stillRunning } from '../support/processes.js';

const node24 = installedRuntimes().find((r) => r.name === 'node' && r.version.startsWith('24.'));
const skip = node24 === undefined ? `no node@24 in the runtimes cache (${runtimesDir()}): jwtbench runtimes install node@24` : false;

test('serve --runtime node@24 --scheme mldsa44 --engine node: both servers on Node 24, a native ML-DSA token verifies, SIGTERM stops both', { skip }, async (t) => {
  const child = spawn(process.execPath, [CLI, 'serve', '--scheme', 'mldsa44', '--engine', 'node', '--runtime', 'node@24'], { stdio: ['ignore', 'pipe', 'pipe'] });
  t.after(() => { if (child.exitCode === null) child.kill('SIGTERM'); });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => { stderr += d; });
  const [line] = await once(child.stdout, 'data') as [Buffer];
  const urls = JSON.parse(line.toString()) as { issuer: string; verifier: string; engine: string };
  assert.equal(urls.engine, 'node');
  assert.match(stderr, /^serve: reference servers on Node 24\.\d+\.\d+ \(OpenSSL 3\.5/m);
  for (const p of descendants(child.pid!)) assert.equal(readlinkSync(`/proc/${p.pid}/exe`), node24!.binary, 'each server runs on the Node 24 binary');
  const minted = await fetch(`${urls.issuer}/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"sub":"erin"}' });
  const { access_token: token } = await minted.json() as { access_token: string };
  assert.match(token, /^eyJhbGciOiJNTC1EU0EtNDQi/, 'an ML-DSA-44 header');
  const ok = await fetch(`${urls.verifier}/resource`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(ok.status, 200);
  await sigtermStopsServe(child);
});

test('load --runtime node@24: mldsa44 on the node engine under load, load.json records the servers\' runtime, no process left', { skip }, async (t) => {
  const dir = await tempDir(t);
  const r = await runCli(['load', '--runtime', 'node@24', '--schemes', 'baseline,mldsa44', '--engines', 'node', '--duration', '0.5', '--connections', '2', '--out', dir]);
  assert.equal(r.code, 0, r.stderr);
  const doc = await readResults('load', dir);
  assert.equal(doc.config.serverRuntime?.name, 'node');
  assert.match(doc.config.serverRuntime?.version ?? '', /^24\./);
  assert.match(doc.config.serverRuntime?.cryptoBackend ?? '', /^OpenSSL 3\.5/);
  assert.equal(doc.env.node, process.versions.node, 'env is the host, which ran the load generator');
  assert.deepEqual(doc.runs.map((x) => `${x.scheme}/${x.engine}/${x.state}`), ['baseline/null/completed', 'mldsa44/node/completed']);
  assert.equal((doc.runs[1] as CompletedRun).non2xx, 0, 'every pooled ML-DSA token verifies');
  assert.match(r.stdout, /^reference servers on Node 24\.\d+\.\d+ \(OpenSSL 3\.5\.\d+\); load generator on Node /m);
  assert.deepEqual(stillRunning(r.descendants), []);
});
