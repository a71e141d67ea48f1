// Disturbed processes are found within their own side, and measuring them again restores the
// separation compare's test needs.
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { compareMicro } from '../../bench/compare/compare.js';
import { slowOutliers } from '../../bench/compare/outliers.js';
import { mergeMicroRuns } from '../../bench/merge-micro.js';
import type { MicroDocument } from '../../core/results/micro.js';
import { runCli, runMain, tempDir } from '../support/helpers.js';

const ENV = { cpuModel: 'test CPU', cores: 2, arch: 'x64', os: 'linux', startedAt: '2026-01-01T00:00:00Z', endedAt: '2026-01-01T00:00:01Z' };

/** One process: per engine, three repeats whose median latencies are given. */
function run(p50s: Record<string, number[]>): MicroDocument {
  const cases = Object.entries(p50s).flatMap(([engine, xs]) => xs.map((p50, repeat) => ({
    id: engine, alg: 'HS256', keyBits: null, op: 'verify', engine, keyPrep: 'prepared', payload: 'small', threads: 1, repeat,
    state: 'completed', opsPerSec: 1e9 / p50, latencyNs: { p50 }, batchMeansNs: [p50],
  })));
  return { env: ENV, config: {}, cases } as unknown as MicroDocument;
}

// Five processes of one side; two processes of the same code differ by a few percent.
const LEVELS = [1.0, 1.03, 0.99, 1.02, 1.01];
const side = (scale: number, disturbed?: { process: number; by: number }) => LEVELS.map((level, i) => ({
  label: String(i + 1),
  doc: run({
    jose: [1.01, 1.0, 1.02].map((r) => 1000 * scale * level * r * (disturbed?.process === i + 1 ? disturbed.by : 1)),
    node: [1.0, 1.01, 1.0].map((r) => 800 * level * r),
  }),
}));

test('a process slowed through all its repeats of a case stands out from its own side', () => {
  const [flagged, ...rest] = slowOutliers(side(1, { process: 3, by: 1.3 }), 0.1);
  assert.deepEqual(rest, []);
  assert.equal(flagged!.label, '3');
  assert.deepEqual(flagged!.cases.map((c) => c.id), ['HS256/verify/jose/prepared/small/t1']);
  assert.ok(flagged!.cases[0]!.excess > 0.25 && flagged!.cases[0]!.excess < 0.35);
  // The few percent between undisturbed processes, a whole side slowed alike (a real change),
  // and a faster process are not outliers; nor is anything among fewer than 3 runs.
  assert.deepEqual(slowOutliers(side(1), 0.1), []);
  assert.deepEqual(slowOutliers(side(1.2), 0.1), []);
  assert.deepEqual(slowOutliers(side(1, { process: 2, by: 0.7 }), 0.1), []);
  assert.deepEqual(slowOutliers(side(1, { process: 1, by: 1.3 }).slice(0, 2), 0.1), []);
});

test('one disturbed baseline process hides a 10% slowdown; measured again, it is caught', () => {
  const o = { alpha: 0.01, threshold: 0.05 };
  const merged = (runs: { doc: MicroDocument }[]) => mergeMicroRuns(runs.map((r) => r.doc));
  const verdict = (base: { doc: MicroDocument }[]) => compareMicro(merged(base), merged(side(1.1)), o).find((c) => c.id.includes('/jose/'))!;
  assert.equal(verdict(side(1, { process: 4, by: 1.3 })).verdict, 'inconclusive');
  assert.equal(verdict(side(1)).verdict, 'regressed');
});

test('jwtbench outliers prints the disturbed run directories, one per line, and refuses bad input', async (t) => {
  const dir = await tempDir(t);
  // A real results file, so that the schema check passes; its figures set by hand.
  const micro = await runCli(['micro', '--preset', 'smoke', '--algs', 'HS256', '--engines', 'jose', '--ops', 'verify', '--out', join(dir, 'real')]);
  assert.equal(micro.code, 0, micro.stderr);
  const real = JSON.parse(await readFile(join(dir, 'real', 'micro.json'), 'utf8')) as MicroDocument;
  for (const [i, level] of LEVELS.entries()) {
    const doc = structuredClone(real);
    for (const c of doc.cases) if (c.state === 'completed') c.latencyNs.p50 = 1000 * level * (i === 1 ? 1.4 : 1);
    await mkdir(join(dir, 'baseline', String(i + 1)), { recursive: true });
    await writeFile(join(dir, 'baseline', String(i + 1), 'micro.json'), JSON.stringify(doc));
  }
  const found = await runMain(['outliers', join(dir, 'baseline')]);
  assert.equal(found.code, 0, found.stderr);
  assert.equal(found.stdout, `${join(dir, 'baseline', '2')}\n`);
  assert.match(found.stderr, /1 case\(s\) over 5% above the side's other runs \(most: HS256\/verify\/jose\/prepared\/small\/t1 \+4\d\.\d%\)/);
  // compare warns about it, naming the side, whether or not anyone measured it again.
  const cmp = await runMain(['compare', '--baseline', join(dir, 'baseline'), '--candidate', join(dir, 'baseline')]);
  assert.equal(cmp.code, 0, cmp.stderr);
  assert.match(cmp.stderr, /warning: --baseline run \S+baseline\/2 is over 5% slower than that side's other runs on 1 case\(s\)/);
  assert.match(cmp.stderr, /warning: --candidate run \S+baseline\/2 /);
  // A wider margin lets it pass.
  assert.equal((await runMain(['outliers', join(dir, 'baseline'), '--margin', '50'])).stdout, '');
  const one = await runMain(['outliers', join(dir, 'baseline', '1')]);
  assert.equal(one.code, 2);
  assert.match(one.stderr, /is one run; give the directory that holds a side's run directories/);
  const slashed = await runMain(['outliers', `${join(dir, 'baseline', '1')}/`]);
  assert.equal(slashed.code, 2);
  assert.match(slashed.stderr, /is one run/);
  assert.equal((await runMain(['outliers', join(dir, 'missing')])).code, 2);
  const file = await runMain(['outliers', join(dir, 'baseline', '1', 'micro.json')]);
  assert.equal(file.code, 2);
  assert.match(file.stderr, /is a file; give the directory/);
  await mkdir(join(dir, 'empty'));
  const empty = await runMain(['outliers', join(dir, 'empty')]);
  assert.equal(empty.code, 2);
  assert.match(empty.stderr, /holds no run directory with a micro\.json/);
  assert.match((await runMain(['outliers', join(dir, 'baseline'), '--margin', 'x'])).stderr, /--margin must be a positive number of percent/);
});
