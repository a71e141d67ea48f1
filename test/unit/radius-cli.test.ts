// `jwtbench radius`: figures printed, radius.json written and valid, and every bad input one line, exit 2.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { readResults } from '../../core/results/results-file.js';
import { runMain, tempDir } from '../support/helpers.js';

const DEFAULT = 'reports/blast-radius/default-topology.json';

test('radius --topology prints the figures and writes a radius.json that reads back', async (t) => {
  const out = await tempDir(t);
  const r = await runMain(['radius', '--topology', DEFAULT, '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^hs256-shared {2,}7 {2,}36 {2,}30 {2,}0 {2,}7 d {2,}1 h {2,}7$/m);
  assert.match(r.stdout, /^jwks {2,}1 {2,}6 {2,}30 {2,}0 {2,}1 h 10 min {2,}1 h {2,}1$/m);
  assert.match(r.stdout, /radius results: .*radius\.json/);
  const doc = await readResults('radius', out);
  assert.deepEqual(doc.schemes.map((s) => s.scheme), ['hs256-shared', 'hs256-per-service', 'jwks']);
  assert.equal(doc.source, DEFAULT);
  assert.equal(doc.derived, null);
  assert.deepEqual(doc.exposure, { tokenLifetimeMinutes: 60, rotationMinutes: 1440, jwksCacheMinutes: 10 });
});

test('radius reads YAML and --json puts the document on stdout', async (t) => {
  const dir = await tempDir(t);
  const file = join(dir, 'topo.yaml');
  await writeFile(file, 'name: tiny\nservices:\n  - { name: auth, issues: true }\n  - { name: api, verifies: true }\nedges: []\n');
  const r = await runMain(['radius', '--topology', file, '--out', dir, '--json']);
  assert.equal(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout) as { kind: string; schemes: unknown[] };
  assert.equal(doc.kind, 'radius');
  assert.equal(doc.schemes.length, 3);
  assert.match(r.stderr, /^jwks /m);
  assert.deepEqual(JSON.parse(await readFile(join(dir, 'radius.json'), 'utf8')), doc);
});

test('radius: each mistake is one line, exit 2, nothing written', async (t) => {
  const dir = await tempDir(t);
  const cases: [string, unknown, RegExp][] = [
    ['unknown-edge.json', { name: 'x', services: [{ name: 'auth', issues: true }, { name: 'api', verifies: true }], edges: [{ from: 'api', to: 'billing' }] }, /"to" names unknown service "billing"/],
    ['no-issuer.json', { name: 'x', services: [{ name: 'api', verifies: true }], edges: [] }, /no issuer/],
    ['audience.json', { name: 'x', services: [{ name: 'auth', issues: true }, { name: 'api', verifies: true }], edges: [{ from: 'auth', to: 'api', token: 'own', audience: 'billing' }] }, /audience "billing" is accepted by no service/],
  ];
  for (const [name, topology, pattern] of cases) {
    const file = join(dir, name);
    await writeFile(file, JSON.stringify(topology));
    const r = await runMain(['radius', '--topology', file, '--out', join(dir, 'out')]);
    assert.equal(r.code, 2, name);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, pattern);
    assert.equal(r.stderr.trim().split('\n').length, 1, `${name}: one line`);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  }
  await assert.rejects(readFile(join(dir, 'out', 'radius.json')));
  for (const [args, pattern] of [
    [[], /missing: give one of them/],
    [['--topology', DEFAULT, '--from-k8s', 'docs/examples/k8s'], /are alternatives: give one, not --topology and --from-k8s/],
    [['--topology', DEFAULT, '--secret-name', 'X'], /--secret-name applies to --from-compose and --from-k8s only/],
    [['--from-compose', join(dir, 'none.yml')], /--from-compose .*none\.yml: cannot read it \(no such file/],
    [['--from-k8s', join(dir, 'none')], /--from-k8s .*none: cannot read the folder \(ENOENT\)/],
  ] as const) {
    const r = await runMain(['radius', ...args, '--out', join(dir, 'out')]);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, pattern);
    assert.equal(r.stderr.trim().split('\n').length, 1);
  }
});
