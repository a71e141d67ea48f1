// micro --runtime on the runtimes the runtimes cache holds (.ci/run installs node@24, bun and
// deno there first): each runs the same smoke matrix after the cross-runtime check, writes its own
// micro.json recording which runtime measured, and the report sets them side by side. A runtime
// that is not installed is skipped with the command that installs it.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { resolveRuntime } from '../../core/runtimes/resolve.js';
import { parseRuntimeSpec } from '../../core/runtimes/spec.js';
import { readResults } from '../../core/results/results-file.js';
import { runCli, tempDir } from '../support/helpers.js';

const installed = async (spec: string) => resolveRuntime(parseRuntimeSpec(spec), { install: false }).then((r) => r, () => null);

for (const spec of ['node@24', 'bun', 'deno']) {
  test(`micro --runtime ${spec}: the smoke matrix, checked across runtimes, recorded as measured there`, async (t) => {
    const runtime = await installed(spec);
    if (runtime === null) return t.skip(`${spec} is not installed: jwtbench runtimes install ${spec} (.ci/run does)`);
    const dir = await tempDir(t);
    const run = await runCli(['micro', '--preset', 'smoke', '--algs', 'HS256,ES256', '--engines', 'jose,node,webcrypto', '--runtime', spec, '--out', dir]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`${runtime.label}: \\d+ s, cross-runtime check (\\d+) of \\1 engine/algorithm pairs both ways`));
    const doc = await readResults('micro', join(dir, runtime.label, 'micro.json'));
    assert.equal(doc.env.runtime?.name, runtime.name);
    assert.equal(doc.env.runtime?.version, runtime.version);
    assert.ok(doc.cases.some((c) => c.engine === 'webcrypto' && c.state === 'completed'), 'the WebCrypto floor ran there');
    assert.ok(doc.cases.every((c) => c.state !== 'errored'), JSON.stringify(doc.cases.filter((c) => c.state === 'errored')));
    const index = JSON.parse(await readFile(join(dir, 'runtimes.json'), 'utf8')) as { runtimes: { label: string; failed: string | null }[] };
    assert.deepEqual(index.runtimes.map((r) => [r.label, r.failed]), [[runtime.label, null]]);
  });
}

test('micro --runtime twice, then report: the runtimes section names both', async (t) => {
  const host = `node@${process.versions.node}`;
  const candidates = await Promise.all(['node@24', 'bun', 'deno'].map(installed));
  const other = candidates.find((r) => r !== null && r.label !== host) ?? null;
  if (other === null) return t.skip('no other runtime installed: jwtbench runtimes install node@24 (.ci/run does)');
  const dir = await tempDir(t);
  const run = await runCli(['micro', '--preset', 'smoke', '--algs', 'HS256,RS256', '--engines', 'jose,webcrypto', '--runtime', host, '--runtime', other.label, '--out', dir]);
  assert.equal(run.code, 0, run.stderr);
  const report = await runCli(['report', dir, '--out', join(dir, 'report.html')]);
  assert.equal(report.code, 0, report.stderr);
  const md = await readFile(join(dir, 'summary.md'), 'utf8');
  assert.match(md, /## Runtimes/);
  assert.match(md, new RegExp(`RS256/HS256 verify on webcrypto: node@${process.versions.node.replace(/\./g, '\\.')} [\\d.]+×, ${other.label.replace(/\./g, '\\.')} [\\d.]+×`));
});

test('micro --runtime refuses what it cannot do in one line: a bad spec, instruction counts', async () => {
  const bad = await runCli(['micro', '--runtime', 'nodejs@24']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--runtime "nodejs@24" is not node@/);
  const counted = await runCli(['micro', '--runtime', 'bun', '--measure', 'instructions']);
  assert.equal(counted.code, 2);
  assert.match(counted.stderr, /--runtime cannot be combined with --measure instructions/);
});
