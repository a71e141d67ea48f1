// compare and micro --processes from the command line: real runs, then the verdicts and exit statuses.
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import type { MicroDocument } from '../../core/results/micro.js';
import { runCli, runMain, tempDir } from '../support/helpers.js';

test('micro --processes runs fresh processes, and compare pools a directory of runs as processes', async (t) => {
  const dir = await tempDir(t);
  const run = await runCli(['micro', '--preset', 'smoke', '--algs', 'HS256', '--engines', 'node', '--ops', 'verify', '--processes', '5', '--repeat', '2', '--out', join(dir, 'five')]);
  assert.equal(run.code, 0, run.stderr);
  const five = JSON.parse(await readFile(join(dir, 'five', 'micro.json'), 'utf8')) as MicroDocument;
  assert.equal(five.config.processes, 5);
  assert.deepEqual(five.cases.map((c) => `${c.process}:${c.repeat}`), ['1:0', '1:1', '2:0', '2:1', '3:0', '3:1', '4:0', '4:1', '5:0', '5:1']);
  // The same processes as five runs of one process each, the way the workflow interleaves them.
  for (let p = 1; p <= 5; p++) {
    await mkdir(join(dir, 'runs', String(p)), { recursive: true });
    const one = { ...five, config: { ...five.config, processes: 1 }, cases: five.cases.filter((c) => c.process === p).map(({ process: _, ...c }) => c) };
    await writeFile(join(dir, 'runs', String(p), 'micro.json'), JSON.stringify(one));
  }
  for (const side of [join(dir, 'five'), join(dir, 'runs')]) {
    const cmp = await runMain(['compare', '--baseline', side, '--candidate', join(dir, 'five', 'micro.json'), '--json']);
    assert.equal(cmp.code, 0, cmp.stderr);
    const [c] = (JSON.parse(cmp.stdout) as { comparisons: { basis: string; change: number; p: number }[] }).comparisons;
    assert.equal(c!.basis, 'processes');
    assert.equal(c!.change, 0); // the same five processes on both sides
    assert.equal(c!.p, 1);
  }
  const other = JSON.parse(await readFile(join(dir, 'runs', '3', 'micro.json'), 'utf8')) as MicroDocument;
  other.env.usableCores = (other.env.usableCores ?? other.env.cores) + 1;
  await writeFile(join(dir, 'runs', '3', 'micro.json'), JSON.stringify(other));
  const mixed = await runMain(['compare', '--baseline', join(dir, 'runs'), '--candidate', join(dir, 'five')]);
  assert.equal(mixed.code, 2);
  assert.match(mixed.stderr, /--baseline holds runs from different machines: cores/);
});

test('compare exits 1 on a regression, 0 without, 2 for bad input or different machines', async (t) => {
  const dir = await tempDir(t);
  const baseDir = join(dir, 'base');
  const micro = await runCli(['micro', '--preset', 'smoke', '--algs', 'HS256', '--engines', 'node', '--time', '50', '--repeat', '2', '--out', baseDir]);
  assert.equal(micro.code, 0, micro.stderr);
  const baseFile = join(baseDir, 'micro.json');
  const original = JSON.parse(await readFile(baseFile, 'utf8')) as MicroDocument;
  // Two timed repeats of each case, after one untimed warm-up round that leaves no record.
  assert.equal(original.config.warmupRounds, 1);
  assert.deepEqual([...new Set(original.cases.map((c) => c.repeat))], [0, 1]);
  assert.equal(original.cases.length, 2 * 2);
  const slowed = structuredClone(original);
  for (const c of slowed.cases) {
    if (c.state !== 'completed') continue;
    c.batchMeansNs = c.batchMeansNs.map((x) => x * 1.5);
    c.opsPerSec /= 1.5;
  }
  const slowFile = join(dir, 'slow.json');
  await writeFile(slowFile, JSON.stringify(slowed));

  const same = await runMain(['compare', '--baseline', baseFile, '--candidate', baseFile]);
  assert.equal(same.code, 0, same.stderr);
  assert.match(same.stdout, /0 regressed/);
  const regressed = await runMain(['compare', '--baseline', baseFile, '--candidate', slowFile, '--markdown']);
  assert.equal(regressed.code, 1, regressed.stderr);
  assert.match(regressed.stdout, /\| regressed \|/);
  assert.match(regressed.stdout, /\| baseline \(ns per op\) \| candidate \(ns per op\) \| change \[90% CI\] \|/);
  assert.match(regressed.stdout, /_inconclusive_: neither; .*does not fail the check/);

  const elsewhere = structuredClone(original);
  elsewhere.env.cpuModel = 'Some Other CPU';
  const elsewhereFile = join(dir, 'elsewhere.json');
  await writeFile(elsewhereFile, JSON.stringify(elsewhere));
  const mismatch = await runMain(['compare', '--baseline', baseFile, '--candidate', elsewhereFile]);
  assert.equal(mismatch.code, 2);
  assert.match(mismatch.stderr, /different machines or differently: CPU model .*--allow-env-mismatch/);
  assert.equal((await runMain(['compare', '--baseline', baseFile, '--candidate', elsewhereFile, '--allow-env-mismatch'])).code, 0);

  // A run that pinned each thread count apart is not compared with one that did not, unasked.
  const pinned = structuredClone(original);
  pinned.config.pinnedByThreads = [{ threads: 1, cpus: [1] }];
  const pinnedFile = join(dir, 'pinned.json');
  await writeFile(pinnedFile, JSON.stringify(pinned));
  const placed = await runMain(['compare', '--baseline', baseFile, '--candidate', pinnedFile]);
  assert.equal(placed.code, 2);
  assert.match(placed.stderr, /CPU placement \(all thread counts in one process vs each thread count pinned to as many CPUs\).*--allow-env-mismatch/);
  assert.equal((await runMain(['compare', '--baseline', baseFile, '--candidate', pinnedFile, '--allow-env-mismatch'])).code, 0);

  // The libuv threadpool and node flags are measurement conditions; versions are what a comparison is often for.
  const pool = structuredClone(original);
  pool.env.uvThreadpoolSize = original.env.uvThreadpoolSize + 12;
  pool.env.node = `${original.env.node}-next`;
  const poolFile = join(dir, 'pool.json');
  await writeFile(poolFile, JSON.stringify(pool));
  const pooled = await runMain(['compare', '--baseline', baseFile, '--candidate', poolFile]);
  assert.equal(pooled.code, 2);
  assert.match(pooled.stderr, /libuv threadpool size \(\d+ vs \d+\).*--allow-env-mismatch/);
  const upgraded = structuredClone(original);
  upgraded.env.node = `${original.env.node}-next`;
  upgraded.env.libraries = { ...original.env.libraries, jose: '99.0.0' };
  const upgradedFile = join(dir, 'upgraded.json');
  await writeFile(upgradedFile, JSON.stringify(upgraded));
  const upgrade = await runMain(['compare', '--baseline', baseFile, '--candidate', upgradedFile]);
  assert.equal(upgrade.code, 0, upgrade.stderr);
  assert.match(upgrade.stderr, /versions differ \(what this comparison measures, if intended\): node .* → .*-next, jose .* → 99\.0\.0/);
  // A file is read by its kind, not its name; sides with no kind in common say so.
  const loadish = { ...structuredClone(original), kind: 'load' };
  const namedLikeMicro = join(dir, 'baseline.json');
  await writeFile(namedLikeMicro, JSON.stringify(loadish));
  const byKind = await runMain(['compare', '--baseline', namedLikeMicro, '--candidate', baseFile]);
  assert.equal(byKind.code, 2);
  assert.match(byKind.stderr, /baseline\.json: invalid load results/);

  assert.equal((await runMain(['compare', '--baseline', join(dir, 'missing.json'), '--candidate', baseFile])).code, 2);
  const alpha = await runMain(['compare', '--baseline', baseFile, '--candidate', baseFile, '--alpha', '0.7']);
  assert.equal(alpha.code, 2);
  assert.match(alpha.stderr, /--alpha must be below 0\.5/);
});

test('undecided prints the cases a first look leaves inconclusive; compare --first-look judges them in a second look', async (t) => {
  const dir = await tempDir(t);
  const micro = await runCli(['micro', '--preset', 'smoke', '--algs', 'HS256', '--engines', 'node', '--repeat', '1', '--out', join(dir, 'template')]);
  assert.equal(micro.code, 0, micro.stderr);
  const template = JSON.parse(await readFile(join(dir, 'template', 'micro.json'), 'utf8')) as MicroDocument;
  // One process per run directory; sign's processes agree within 1%, verify's have one 7% off on each side.
  const write = async (side: string, j: number, p50: Record<string, number>) => {
    const doc = structuredClone(template);
    doc.cases = doc.cases.filter((c) => c.state === 'completed' && c.op in p50);
    for (const c of doc.cases) if (c.state === 'completed') { c.latencyNs.p50 = p50[c.op]!; c.batchMeansNs = [p50[c.op]!]; }
    await mkdir(join(dir, side, `${j}`), { recursive: true });
    await writeFile(join(dir, side, `${j}`, 'micro.json'), JSON.stringify(doc));
  };
  const verifyA = [1000, 1020, 990, 1070, 1010];
  const verifyB = [1012, 985, 1003, 1024, 940];
  for (let j = 1; j <= 5; j++) {
    await write('base', j, { sign: 2000 + j, verify: verifyA[j - 1]! });
    await write('cand', j, { sign: 2003 + j, verify: verifyB[j - 1]! });
  }
  const undecided = await runMain(['undecided', '--baseline', join(dir, 'base'), '--candidate', join(dir, 'cand')]);
  assert.equal(undecided.code, 0, undecided.stderr);
  assert.equal(undecided.stdout, 'HS256/verify/node/prepared/small/t1\n');
  assert.match(undecided.stderr, /^HS256\/verify\/node\/prepared\/small\/t1: first look: /);
  const first = await runMain(['compare', '--baseline', join(dir, 'base'), '--candidate', join(dir, 'cand'), '--first-look', '5', '--json']);
  const looks = (out: string) => Object.fromEntries((JSON.parse(out) as { comparisons: { id: string; look: number; verdict: string }[] }).comparisons.map((c) => [c.id.split('/')[1], `${c.look}:${c.verdict}`]));
  assert.deepEqual(looks(first.stdout), { sign: '1:unchanged', verify: '1:inconclusive' });
  // Five more processes a side, as the workflow measures them; sign was decided, its new processes do not count.
  for (let j = 6; j <= 10; j++) {
    await write('base', j, { sign: 2000, verify: [1005, 995, 1010, 1000, 1015][j - 6]! });
    await write('cand', j, { sign: 2300, verify: [1000, 1010, 990, 1005, 1012][j - 6]! });
  }
  const second = await runMain(['compare', '--baseline', join(dir, 'base'), '--candidate', join(dir, 'cand'), '--first-look', '5', '--json']);
  assert.equal(second.code, 0, second.stderr);
  assert.deepEqual(looks(second.stdout), { sign: '1:unchanged', verify: '2:unchanged' });
  const table = await runMain(['compare', '--baseline', join(dir, 'base'), '--candidate', join(dir, 'cand'), '--first-look', '5', '--markdown']);
  assert.match(table.stdout, /processes 10\/10, 2nd look/);
  assert.match(table.stdout, /In two looks: the first 5 processes a side/);
  const none = await runMain(['undecided', '--baseline', join(dir, 'base'), '--candidate', join(dir, 'base')]);
  assert.equal(none.stdout, '');
  for (const [flag, value] of [['--first-look', '1'], ['--first-look', 'five']] as const) {
    const bad = await runMain(['compare', '--baseline', join(dir, 'base'), '--candidate', join(dir, 'cand'), flag, value]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--first-look must be/);
  }
  // undecided refuses what compare refuses: no case in common, another machine.
  const other = structuredClone(template);
  other.cases = other.cases.map((c) => ({ ...c, alg: 'HS512', id: c.id.replace('HS256', 'HS512') }));
  await mkdir(join(dir, 'other', '1'), { recursive: true });
  await writeFile(join(dir, 'other', '1', 'micro.json'), JSON.stringify(other));
  const disjoint = await runMain(['undecided', '--baseline', join(dir, 'base'), '--candidate', join(dir, 'other')]);
  assert.equal(disjoint.code, 2);
  assert.match(disjoint.stderr, /no case in common/);
  const moved = structuredClone(template);
  moved.env.cpuModel = 'Some Other CPU';
  await mkdir(join(dir, 'moved', '1'), { recursive: true });
  await writeFile(join(dir, 'moved', '1', 'micro.json'), JSON.stringify(moved));
  const elsewhere = await runMain(['undecided', '--baseline', join(dir, 'base'), '--candidate', join(dir, 'moved')]);
  assert.equal(elsewhere.code, 2);
  assert.match(elsewhere.stderr, /different machines or differently: CPU model/);
  const noSide = await runMain(['undecided', '--baseline', join(dir, 'base')]);
  assert.equal(noSide.code, 2);
  assert.match(noSide.stderr, /--candidate is required/);
});
