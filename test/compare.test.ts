import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { compareMicro } from '../bench/compare/compare.js';
import { welch } from '../bench/compare/welch.js';
import type { MicroDocument } from '../bench/micro-results.js';
import { runCli, tempDir } from './helpers.js';

const close = (actual: number, expected: number, eps: number) => assert.ok(Math.abs(actual - expected) <= eps, `${actual} != ${expected}`);

test("Welch's t-test matches a hand-checked example (Welch 1947 style data, as in the Wikipedia article)", () => {
  const a = [27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4];
  const b = [27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4];
  const w = welch(a, b, 0.05)!;
  close(w.t, 2.46, 0.01);
  close(w.df, 24.99, 0.01);
  close(w.p, 0.021, 0.001);
  assert.ok(w.ci[0] > 0 && w.ci[1] > w.ci[0]);
  assert.equal(welch([1], [1, 2], 0.05), null);
});

/** Deterministic noise: a sample of n values around `center` with relative spread `spread`. */
function sample(n: number, center: number, spread: number, seed: number): number[] {
  let x = seed;
  return Array.from({ length: n }, () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return center * (1 + spread * ((x / 2 ** 31) * 2 - 1));
  });
}

function doc(cases: { id: string; batchMeansNs: number[] }[]): MicroDocument {
  return {
    cases: cases.map(({ id, batchMeansNs }) => ({
      id, alg: 'HS256', keyBits: null, op: 'sign', engine: id, keyPrep: 'prepared', payload: 'small', threads: 1, repeat: 0,
      state: 'completed', opsPerSec: 1e9 / batchMeansNs[0]!, batchMeansNs,
    })),
  } as unknown as MicroDocument;
}

test('verdicts need both significance and an effect that matters', () => {
  const base = doc([
    { id: 'slower', batchMeansNs: sample(32, 1000, 0.02, 1) },
    { id: 'faster', batchMeansNs: sample(32, 1000, 0.02, 2) },
    { id: 'same', batchMeansNs: sample(32, 1000, 0.02, 3) },
    { id: 'tiny', batchMeansNs: sample(32, 1000, 0.001, 4) },
    { id: 'noisy', batchMeansNs: sample(4, 1000, 0.6, 5) },
  ]);
  const cand = doc([
    { id: 'slower', batchMeansNs: sample(32, 1200, 0.02, 6) },
    { id: 'faster', batchMeansNs: sample(32, 800, 0.02, 7) },
    { id: 'same', batchMeansNs: sample(32, 1000, 0.02, 8) },
    { id: 'tiny', batchMeansNs: sample(32, 1010, 0.001, 9) },
    { id: 'noisy', batchMeansNs: sample(4, 1100, 0.6, 10) },
  ]);
  const verdicts = Object.fromEntries(compareMicro(base, cand, { alpha: 0.01, threshold: 0.05 }).map((c) => [c.id.split('/')[2], c.verdict]));
  assert.deepEqual(verdicts, { slower: 'regressed', faster: 'improved', same: 'unchanged', tiny: 'unchanged', noisy: 'inconclusive' });
});

test('compare exits 1 on a regression, 0 without, 2 for bad input or different machines', async (t) => {
  const dir = await tempDir(t);
  const baseDir = join(dir, 'base');
  assert.equal((await runCli(['micro', '--preset', 'smoke', '--algs', 'HS256', '--engines', 'node', '--time', '50', '--out', baseDir])).code, 0);
  const baseFile = join(baseDir, 'micro.json');
  const original = JSON.parse(await readFile(baseFile, 'utf8')) as MicroDocument;
  const slowed = structuredClone(original);
  for (const c of slowed.cases) {
    if (c.state !== 'completed') continue;
    c.batchMeansNs = c.batchMeansNs.map((x) => x * 1.5);
    c.opsPerSec /= 1.5;
  }
  const slowFile = join(dir, 'slow.json');
  await writeFile(slowFile, JSON.stringify(slowed));

  const same = await runCli(['compare', '--baseline', baseFile, '--candidate', baseFile]);
  assert.equal(same.code, 0, same.stderr);
  assert.match(same.stdout, /0 regressed/);
  const regressed = await runCli(['compare', '--baseline', baseFile, '--candidate', slowFile, '--markdown']);
  assert.equal(regressed.code, 1, regressed.stderr);
  assert.match(regressed.stdout, /\| regressed \|/);

  const elsewhere = structuredClone(original);
  elsewhere.env.cpuModel = 'Some Other CPU';
  const elsewhereFile = join(dir, 'elsewhere.json');
  await writeFile(elsewhereFile, JSON.stringify(elsewhere));
  const mismatch = await runCli(['compare', '--baseline', baseFile, '--candidate', elsewhereFile]);
  assert.equal(mismatch.code, 2);
  assert.match(mismatch.stderr, /different machines: CPU model .*--allow-env-mismatch/);
  assert.equal((await runCli(['compare', '--baseline', baseFile, '--candidate', elsewhereFile, '--allow-env-mismatch'])).code, 0);

  assert.equal((await runCli(['compare', '--baseline', join(dir, 'missing.json'), '--candidate', baseFile])).code, 2);
  const alpha = await runCli(['compare', '--baseline', baseFile, '--candidate', baseFile, '--alpha', '0.7']);
  assert.equal(alpha.code, 2);
  assert.match(alpha.stderr, /--alpha must be below 0\.5/);
});

test('exports have the shapes github-action-benchmark and Bencher document', async () => {
  const { toBencher, toGithubActionBenchmark } = await import('../bench/compare/exports.js');
  const base = doc([{ id: 'a', batchMeansNs: sample(16, 1000, 0.02, 11) }]);
  const cand = doc([{ id: 'a', batchMeansNs: sample(16, 1100, 0.02, 12) }]);
  const cs = compareMicro(base, cand, { alpha: 0.01, threshold: 0.05 });
  const gab = toGithubActionBenchmark(cs);
  assert.equal(gab.length, 1);
  assert.deepEqual(Object.keys(gab[0]!).sort(), ['extra', 'name', 'range', 'unit', 'value']);
  assert.equal(gab[0]!.unit, 'ns/op');
  assert.equal(typeof gab[0]!.value, 'number');
  const bmf = toBencher(cs);
  const entry = Object.values(bmf)[0]!;
  assert.ok(entry.latency.lower_value! < entry.latency.value && entry.latency.value < entry.latency.upper_value!);
});
