// jwtbench history add | changes | report through main(): the store (a folder or a .jsonl
// file), its keys and series, corrupt entries reported and skipped, change points named by
// run with compare's exit statuses, and the trend page written.
import assert from 'node:assert/strict';
import { appendFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { envMismatches } from '../../bench/compare/compare.js';
import { conditionMismatches } from '../../bench/compare/conditions.js';
import { envKey } from '../../core/history/env-key.js';
import { buildSeries } from '../../core/history/series.js';
import { readHistory } from '../../core/history/store.js';
import { runMain, tempDir } from '../support/helpers.js';
import { instructionRun, loadRun, microRun, testEnv } from '../support/history-fixtures.js';

const CASE = 'HS256/sign/node/prepared/small/t1';

async function writeRun(dir: string, docs: { micro?: unknown; load?: unknown }): Promise<string> {
  await mkdir(dir, { recursive: true });
  if (docs.micro) await writeFile(join(dir, 'micro.json'), JSON.stringify(docs.micro));
  if (docs.load) await writeFile(join(dir, 'load.json'), JSON.stringify(docs.load));
  return dir;
}

/** A history of runs at the given rates, one --label each (run-1, run-2 ...), all of one commit. */
async function history(dir: string, store: string, rates: number[]): Promise<void> {
  for (const [i, rate] of rates.entries()) {
    const run = await writeRun(join(dir, `run-${i + 1}`), { micro: microRun({ [CASE]: rate }, { startedAt: new Date(Date.UTC(2026, 11, 1, 10, i)).toISOString() }) });
    const r = await runMain(['history', 'add', run, '--history', store, '--commit', 'c0ffee', '--label', `run-${i + 1}`], dir);
    assert.equal(r.code, 0, r.stderr);
  }
}

test('add keys a run by commit, branch and label; micro, load and instruction counts are series apart; the same run twice is kept once', async (t) => {
  const dir = await tempDir(t);
  const run = await writeRun(join(dir, 'r'), { micro: microRun({ [CASE]: 1000 }), load: loadRun([500, 520, 510]) });
  const counted = await writeRun(join(dir, 'i'), { micro: instructionRun({ [CASE]: [2000, 2010, 1990] }) });
  const store = join(dir, 'store');
  const add = await runMain(['history', 'add', run, counted, '--history', store, '--commit', 'abc123', '--branch', 'main', '--label', 'jose 6.2.18'], dir);
  assert.equal(add.code, 0, add.stderr);
  assert.match(add.stdout, /added: .*abc123.*main, jose 6\.2\.18/);
  const again = await runMain(['history', 'add', run, '--history', store, '--commit', 'abc123', '--branch', 'main', '--label', 'jose 6.2.18'], dir);
  assert.match(again.stdout, /already in the history/);
  assert.equal((await readdir(store)).length, 2);
  const { entries, skipped } = await readHistory(store);
  assert.deepEqual(skipped, []);
  assert.deepEqual(entries.map((e) => [e.commit, e.branch, e.label]), [['abc123', 'main', 'jose 6.2.18'], ['abc123', 'main', 'jose 6.2.18']]);
  const series = buildSeries(entries);
  assert.deepEqual(series.map((s) => [s.case, s.measure, s.unit]).sort(), [
    [`instructions/${CASE}`, 'instructions', 'instructions/op'],
    ['load/verify/hs256/jose/c10', 'time', 'req/s'],
    [`micro/${CASE}`, 'time', 'ops/s'],
  ]);
  const load = series.find((s) => s.case.startsWith('load/'))!;
  assert.deepEqual([load.runs[0]!.value, load.runs[0]!.interval], [510, [500, 520]], 'the median of the repeats, their range as the interval');
  const instructions = series.find((s) => s.measure === 'instructions')!;
  assert.equal(instructions.runs[0]!.value, 2000);
  assert.notEqual(instructions.key, series.find((s) => s.case === `micro/${CASE}`)!.key);
});

test('a series is one environment: another CPU or Node major is another series, a Node patch release is not', () => {
  const key = (over: Parameters<typeof testEnv>[0]) => envKey({ env: testEnv(over), placement: 'one process' });
  assert.equal(key({ node: '20.19.0', libraries: { jose: '5.9.6' } }), key({}));
  assert.notEqual(key({ node: '22.1.0' }), key({}));
  assert.notEqual(key({ cpuModel: 'Other CPU' }), key({}));
  assert.notEqual(key({ uvThreadpoolSize: 8 }), key({}));
  assert.notEqual(envKey({ env: testEnv(), placement: 'pinned by threads' }), key({}));
  // Whatever compare refuses to compare is in the key.
  for (const over of [{ cpuModel: 'X' }, { usableCores: 1 }, { arch: 'arm64' }, { uvThreadpoolSize: 2 }, { execArgv: ['--no-concurrent-recompilation'] }]) {
    const [a, b] = [testEnv(), testEnv(over)];
    assert.ok(envMismatches(a, b).length + conditionMismatches(a, b).length > 0);
    assert.notEqual(key(over), key({}), JSON.stringify(over));
  }
});

test('a .jsonl store: appends lines; a corrupt line is named with its line number and skipped, the rest still read', async (t) => {
  const dir = await tempDir(t);
  const store = join(dir, 'history.jsonl');
  await history(dir, store, [100, 101]);
  await appendFile(store, '{"truncated": \n');
  await history(dir, store, [99]);
  const lines = (await readFile(store, 'utf8')).trimEnd().split('\n');
  assert.equal(lines.length, 4);
  const r = await runMain(['history', 'changes', '--history', store], dir);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /history\.jsonl:3: skipped, not valid JSON/);
  assert.match(r.stderr, /1 history entry skipped of 4/);
  assert.match(r.stdout, /0 change points in 1 series/);
  await writeFile(join(dir, 'bad.json'), '{"schemaVersion":1,"kind":"history-entry"}\n');
  const folder = join(dir, 'f');
  await mkdir(folder);
  await writeFile(join(folder, 'x.json'), '{"schemaVersion":1,"kind":"history-entry"}\n');
  const bad = await runMain(['history', 'changes', '--history', folder], dir);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /x\.json: skipped, not a history entry: .*must have required property/);
});

test('changes names the run where the level moved, its size with an interval and p, and exits 1 on a regression in the newest window', async (t) => {
  const dir = await tempDir(t);
  const store = join(dir, 'store');
  // 10 runs at one level, then 5 runs 10% more expensive per operation. (Fewer runs cannot be
  // told apart reliably: with 7 and 5, only 2 of the 792 orders split as cleanly, p ≈ 0.0025,
  // which 199 permutations estimate above 0.01 about 1 time in 11; docs/history.md.)
  const rates = [100, 101, 99, 100.5, 99.5, 100, 100.2, 99.7, 100.4, 100.1, 91, 90.5, 91.2, 90.8, 91.1].map((r) => r * 1000);
  await history(dir, store, rates);
  const r = await runMain(['history', 'changes', '--history', store], dir);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  const row = r.stdout.split('\n').find((l) => l.includes('REGRESSION'))!;
  assert.match(row, /11 of 15.*c0ffee.*run-11/);
  assert.match(row, /\+10\.\d% \[\+\d+\.\d%, \+\d+\.\d%\]/);
  assert.match(r.stdout, /1 regression of at least 5% in the newest 5 runs/);
  // past the threshold, outside the window, or an improvement: no failure
  assert.equal((await runMain(['history', 'changes', '--history', store, '--threshold', '15'], dir)).code, 0);
  assert.equal((await runMain(['history', 'changes', '--history', store, '--window', '3'], dir)).code, 0);
  const json = JSON.parse((await runMain(['history', 'changes', '--history', store, '--json'], dir)).stdout) as { changes: { index: number; label: string; p: number; interval: number[] }[] };
  assert.deepEqual(json.changes.map((c) => [c.index, c.label]), [[10, 'run-11']]);
  assert.ok(json.changes[0]!.p <= 0.01);
  const faster = join(dir, 'faster');
  await history(dir, faster, [...rates].reverse());
  assert.equal((await runMain(['history', 'changes', '--history', faster], dir)).code, 0);
});

test('changes --candidate judges a pull request\'s runs as the newest points, one per run directory', async (t) => {
  const dir = await tempDir(t);
  const store = join(dir, 'store');
  await history(dir, store, [100, 101, 99, 100.5, 99.5, 100, 100.2, 99.8, 100.1, 100.3].map((r) => r * 1000));
  const pr = join(dir, 'pr');
  for (const [i, rate] of [88, 88.5, 87.9, 88.2, 88.1].entries()) await writeRun(join(pr, String(i + 1)), { micro: microRun({ [CASE]: rate * 1000 }) });
  const r = await runMain(['history', 'changes', '--history', store, '--candidate', pr, '--commit', 'feed42', '--label', 'pr'], dir);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /11 of 15 .*feed42 .*pr .*REGRESSION/);
  assert.equal((await readdir(store)).length, 10, 'the candidate is not added to the store');
});

test('report writes one offline page with a panel per series and the change-point table', async (t) => {
  const dir = await tempDir(t);
  const store = join(dir, 'store');
  await history(dir, store, [100, 101, 99, 100.5, 99.5, 100, 100.3, 91, 90.5, 91.2, 90.8, 91.1, 90.9, 91.3].map((r) => r * 1000));
  const out = join(dir, 'page', 'history.html');
  const r = await runMain(['history', 'report', '--history', store, '--out', out], dir);
  assert.equal(r.code, 0, r.stderr);
  const html = await readFile(out, 'utf8');
  assert.match(html, /Content-Security-Policy/);
  assert.match(html, /<td>c0ffee<\/td><td>run-8<\/td>/);
  assert.equal(html.match(/class="chart"/g)?.length, 1);
});

test('bad input exits 2 with one line naming the flag or file', async (t) => {
  const dir = await tempDir(t);
  const cases: [string[], RegExp][] = [
    [['history', 'add', dir], /--history is required/],
    [['history', 'add', join(dir, 'missing'), '--history', join(dir, 's')], /missing: cannot read it \(ENOENT\)/],
    [['history', 'changes', '--history', join(dir, 's'), '--window', '0'], /--window must be a positive integer/],
    [['history', 'changes', '--history', join(dir, 's')], /holds no readable run/],
    [['history', 'changes', '--history', join(dir, 's'), '--branch', 'x'], /--branch applies only to history add or report/],
    [['history', 'changes', '--history', join(dir, 's'), '--alpha', '0.001'], /--permutations 199 cannot give a p of 0\.001/],
    [['history', 'frob'], /needs a subcommand: add, changes or report \(got "frob"\)/],
  ];
  await writeRun(join(dir, 'empty'), { micro: { ...microRun({ [CASE]: 1 }), figures: [] } });
  cases.push([['history', 'add', join(dir, 'empty'), '--history', join(dir, 's')], /holds no figures to add/]);
  for (const [args, message] of cases) {
    const r = await runMain(args, dir);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, message, args.join(' '));
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  }
});
