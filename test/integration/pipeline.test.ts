import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import type { MicroDocument } from '../../core/results/micro.js';
import { readResults, validateResults } from '../../core/results/results-file.js';
import { runCli, runMain, tempDir } from '../support/helpers.js';

test('a smoke run with two threads writes a valid micro.json', async (t) => {
  const dir = await tempDir(t);
  const r = await runCli(['micro', '--preset', 'smoke', '--threads', '1,2', '--out', dir]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /micro results: .*micro\.json/);
  assert.match(r.stdout, /ops\/s, small payload, 2 threads/);
  // stdout and stderr are pipes here: the progress still goes to stderr, as plain lines.
  assert.match(r.stderr, /^\[1\/\d+\] \S+ · 0s elapsed · estimating time left$/m, 'a progress line at the first case');
  assert.doesNotMatch(r.stderr, /\r|\x1b/, 'no terminal controls in a pipe');
  assert.doesNotMatch(r.stdout, /elapsed/, 'progress never on stdout');

  const doc = await readResults('micro', dir);
  assert.equal(doc.schemaVersion, 1);
  assert.equal(doc.kind, 'micro');
  assert.equal(doc.env.node, process.versions.node);
  assert.equal(typeof doc.env.uvThreadpoolSize, 'number');
  assert.ok(doc.env.libraries.jose && doc.env.libraries.tinybench && doc.env.libraries.piscina);
  assert.equal(doc.cases.length, 2 * 2 * 2 * 2); // algs x ops x engines x threads
  for (const c of doc.cases) {
    assert.equal(c.state, 'completed', `${c.id}: ${c.state === 'errored' ? c.error : ''}`);
    if (c.state !== 'completed') continue;
    assert.ok(c.opsPerSec > 0 && c.samples >= 5 && c.batchMeansNs.length > 0);
    assert.equal(c.perThread.length, c.threads);
    // The latencies are the calls inside the common window, every thread's (all of them with one thread).
    if (c.perThread.every((t) => t.opsInWindow > 0)) assert.equal(c.samples, c.perThread.reduce((n, t) => n + t.opsInWindow, 0), c.id);
    if (c.threads === 1) assert.equal(c.samples, c.perThread[0]!.samples, c.id);
    for (const t of c.perThread) assert.ok(t.eventLoopUtilization! > 0 && t.eventLoopUtilization! <= 1, `${c.id}: busy ${t.eventLoopUtilization}`);
    // A small-payload token: header, claims and signature, a few hundred bytes (ES256 and HS256 alike).
    assert.ok(c.tokenBytes! > 100 && c.tokenBytes! < 400, `${c.id}: ${c.tokenBytes} bytes`);
    assert.ok(c.latencyNs.p50 <= c.latencyNs.p99 && c.latencyNs.p99 <= c.latencyNs.p999);
    if (c.alg === 'HS256') assert.equal(c.derived.costVsHs256, 1);
    if (c.engine === 'node') assert.equal(c.derived.costVsNodeFloor, 1);
    if (c.threads === 1) assert.equal(c.derived.scalingEfficiency, 1);
    else assert.ok(c.derived.scalingEfficiency !== null && c.derived.scalingEfficiency > 0);
  }

  // The same file, damaged in the ways files get damaged, is refused with the reason.
  const text = await readFile(join(dir, 'micro.json'), 'utf8');
  const bad = join(dir, 'bad.json');
  await writeFile(bad, text.slice(0, text.length / 2));
  await assert.rejects(readResults('micro', bad), /not valid JSON, the file may be truncated or corrupt/);
  await writeFile(bad, JSON.stringify({ ...doc, schemaVersion: 2 }));
  await assert.rejects(readResults('micro', bad), /unsupported schemaVersion 2; this jwtbench reads micro schemaVersion 1/);
  const broken = structuredClone(doc) as unknown as { cases: Record<string, unknown>[] };
  delete broken.cases[0]!.opsPerSec;
  assert.throws(() => validateResults('micro', broken, 'x.json'), /x\.json: invalid micro results/);
  const negative = structuredClone(doc) as unknown as { cases: Record<string, unknown>[] };
  negative.cases[1]!.opsPerSec = -3;
  assert.throws(() => validateResults('micro', negative, 'x.json'), /invalid micro results/);
  assert.throws(() => validateResults('micro', { ...doc, kind: 'load' }, 'x.json'), /expected a "micro" results document/);
  await assert.rejects(readResults('micro', join(dir, 'missing.json')), /cannot read results \(ENOENT\)/);

  // and from the command line: the saved file summarizes, the damaged one exits 2 with the reason
  const shown = await runMain(['summary', dir]);
  assert.equal(shown.code, 0, shown.stderr);
  assert.match(shown.stdout, /ops\/s, small payload, 1 thread/);
  assert.match(shown.stdout, new RegExp(`Node ${process.versions.node}`));
  await writeFile(bad, text.slice(0, 100));
  const refused = await runMain(['summary', bad]);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /^jwtbench summary: .*bad\.json: not valid JSON/);
});

test('--json prints the results document on stdout and the summary on stderr', async (t) => {
  const dir = await tempDir(t);
  const r = await runCli(['micro', '--preset', 'smoke', '--algs', 'HS256', '--engines', 'node', '--ops', 'verify', '--json', '--out', dir]);
  assert.equal(r.code, 0, r.stderr);
  const doc = validateResults('micro', JSON.parse(r.stdout), 'stdout');
  assert.equal(doc.cases.length, 1);
  assert.match(r.stderr, /verify node/);
  assert.deepEqual(JSON.parse(await readFile(join(dir, 'micro.json'), 'utf8')), doc);
});
