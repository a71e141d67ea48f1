import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli, runMain, tempDir } from '../support/helpers.js';

test('report: one offline HTML file, summary.md and its SVG charts, from a micro run alone', async (t) => {
  const dir = await tempDir(t);
  assert.equal((await runCli(['micro', '--preset', 'smoke', '--algs', 'HS256,RS256', '--out', dir])).code, 0);
  // A chart an earlier report left behind is not taken for this one's.
  await mkdir(join(dir, 'charts'));
  await writeFile(join(dir, 'charts', 'load.svg'), '<svg>an older report</svg>');
  const r = await runMain(['report', join(dir, 'micro.json'), '--out', join(dir, 'decision.html')]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /report: .*decision\.html/);
  const html = await readFile(join(dir, 'decision.html'), 'utf8');
  assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
  assert.doesNotMatch(html, /<script[^>]+src=/i, 'no external script');
  assert.doesNotMatch(html, /<link[^>]+href=/i, 'no external stylesheet');
  assert.match(html, /vegaEmbed/);
  assert.match(html, /Recommendation/);
  assert.match(html, /not measured/, 'without a load run the server figures say so');
  const md = await readFile(join(dir, 'summary.md'), 'utf8');
  const links = [...md.matchAll(/\]\((charts\/[\w-]+\.svg)\)/g)].map((m) => m[1]!);
  assert.ok(links.length >= 3, md);
  for (const link of links) assert.match(await readFile(join(dir, link), 'utf8'), /^<svg/);
  assert.deepEqual((await readdir(join(dir, 'charts'))).sort(), links.map((l) => l.slice('charts/'.length)).sort(), 'only this report\'s charts');
  assert.match(md, /### Every figure with its interval/);
  assert.match(md, /\| algorithm \| op \| engine \| ops\/s \| interval \| repeats \| time vs HS256 \| unstable because \|/);
  assert.ok(existsSync(join(dir, 'decision.html')));
});

test('report refuses bad input with one clear line and exit 2', async (t) => {
  const dir = await tempDir(t);
  const missing = await runMain(['report', join(dir, 'nothing-here')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /nothing-here: cannot read it \(ENOENT\)/);
  const empty = await runMain(['report', dir]);
  assert.equal(empty.code, 2);
  assert.match(empty.stderr, /no micro\.json or load\.json found/);
  assert.equal((await runCli(['micro', '--preset', 'smoke', '--algs', 'HS256', '--ops', 'sign', '--out', dir])).code, 0);
  await writeFile(join(dir, 'topology.json'), JSON.stringify({ name: 'x', services: [{ name: 'a', verifies: true }], edges: [] }));
  const topo = await runMain(['report', dir, '--topology', join(dir, 'topology.json')]);
  assert.equal(topo.code, 2);
  assert.match(topo.stderr, /issuer/i);
  assert.equal(topo.stderr.trim().split('\n').length, 1);
});

test('report reads a radius.json: the deployment as found beside the what-ifs, replay and exposure charts, and decision.md with replay and time', async (t) => {
  const dir = await tempDir(t);
  assert.equal((await runCli(['micro', '--preset', 'smoke', '--algs', 'HS256,RS256', '--out', dir])).code, 0);
  const derived = await runMain(['radius', '--from-compose', 'docs/examples/compose/docker-compose.yml', '--out', dir]);
  assert.equal(derived.code, 0, derived.stderr);
  const r = await runMain(['report', dir, '--out', join(dir, 'report.html')]);
  assert.equal(r.code, 0, r.stderr);
  const html = await readFile(join(dir, 'report.html'), 'utf8');
  for (const id of ['blast-radius', 'replay', 'exposure']) assert.match(html, new RegExp(`id="${id}"`), id);
  assert.match(html, /as-deployed is the deployment as found/);
  assert.match(html, /Derived from docs\/examples\/compose\/docker-compose\.yml \(compose\)/);
  const md = await readFile(join(dir, 'decision.md'), 'utf8');
  assert.match(md, /Time: how long a compromise stays useful/);
  assert.match(md, /a stolen token can be replayed in 30 \(compromised, victim\) pairs with one audience for all services, 0 with an audience per service/);
  // A JWKS stops forgery but not replay: the recommendation adds an audience per service.
  assert.match(md, /use a JWKS, and give each service its own audience/);
  assert.match(md, /trust modelled from .*radius\.json \(from docs\/examples\/compose\/docker-compose\.yml\)/);
  // The radius file is given like a results file when the report is made again.
  assert.match(md, /jwtbench report .*radius\.json/);

  const both = await runMain(['report', dir, '--topology', 'reports/blast-radius/default-topology.json', '--out', join(dir, 'r2.html')]);
  assert.equal(both.code, 2);
  assert.match(both.stderr, /radius\.json carries its topology; give it or --topology .*, not both/);
});
