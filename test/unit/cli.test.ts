// The CLI's answers to bad flags, unknown commands and --help, through main() in this process.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runMain, tempDir } from '../support/helpers.js';

const badFlags: [string[], RegExp][] = [
  [['micro', '--threads', '0'], /--threads must be a positive integer \(got "0"\)/],
  [['micro', '--algs', 'HS256,XX1'], /--algs has unknown algorithm "XX1"/],
  [['micro', '--time', 'abc'], /--time must be a positive number of milliseconds \(got "abc"\)/],
  [['micro', '--warmup=-1'], /--warmup must be zero or a positive number/],
  [['micro', '--time', '-5'], /--time must be a positive number of milliseconds \(got "-5"\)/],
  [['micro', '--time', '0x10'], /--time must be a positive number of milliseconds \(got "0x10"\)/],
  [['report', '--bogus'], /^jwtbench report: Unknown option '--bogus'\.\n$/],
  [['micro', '--frobnicate'], /Unknown option '--frobnicate'/],
  [['micro', '--time'], /--time <value>' argument missing/],
  [['micro', '--engines', 'node', '--key-prep', 'per-call'], /select no cases/],
  // bounds: a typo is refused, not run (and the flag given is the one named)
  [['micro', '--repeat', '1001'], /--repeat must be at most 1000 \(got 1001\)/],
  [['micro', '--time', '1e15'], /--time must be at most 60000 ms/],
  [['micro', '--extra-time', '1e12'], /--extra-time must be at most 3600000 ms/],
  [['load', '--repeat', '99999999999'], /--repeat must be at most 100/],
  [['probe', '--target', 'http://127.0.0.1:9/x', '--token', 'a.b.c', '--timeout', '99999999999'], /--timeout must be at most 60000 milliseconds/],
  [['targets', '--openssl-seconds', '3000'], /--openssl-seconds must be at most 60/],
  [['serve', '--scheme', 'baseline', '--issuer-port', '5077'], /--issuer-port is not used by the baseline scheme/],
  [['load', '--target', 'http://127.0.0.1:9/x', '--token-file', 'f', '--engines', 'jose'], /--engines does not apply with --target/],
  [['compare', '--baseline', 'a', '--candidate', 'b', '--json', '--markdown'], /--markdown cannot be combined with --json: choose one output/],
  [['compare', '--baseline', 'a', '--candidate', 'b', '--markdown', '--format', 'bencher'], /--format cannot be combined with --markdown/],
];

for (const [args, message] of badFlags) {
  test(`jwtbench ${args.join(' ')} exits 2 with one line naming the flag`, async () => {
    const r = await runMain(args);
    assert.equal(r.code, 2);
    assert.match(r.stderr, message);
    assert.equal(r.stderr.trim().split('\n').length, 1, `one line: ${r.stderr}`);
    assert.doesNotMatch(r.stderr, /^\s+at /m, 'no stack trace');
  });
}

test('unknown commands exit 2; no command prints usage and exits 2', async () => {
  const unknown = await runMain(['bench-everything']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown command "bench-everything"/);
  const none = await runMain([]);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /Usage: jwtbench <command>/);
  const help = await runMain(['help', 'bench-everything']);
  assert.equal(help.code, 2);
  assert.match(help.stderr, /unknown command "bench-everything"/);
});

test('the top-level usage keeps every command summary in one column', async () => {
  const lines = (await runMain(['--help'])).stdout.split('\n').filter((l) => /^ {2}[a-z]+ {2,}\S/.test(l));
  assert.ok(lines.length >= 13, lines.join('\n'));
  const columns = new Set(lines.map((l) => /^ {2}[a-z]+ +/.exec(l)![0].length));
  assert.equal(columns.size, 1, lines.join('\n'));
});

test('an --out that cannot be written is refused before anything is measured or written', async (t) => {
  const dir = await tempDir(t);
  const file = join(dir, 'a-file');
  await writeFile(file, 'x');
  for (const args of [['micro', '--preset', 'smoke', '--out', file], ['load', '--preset', 'smoke', '--out', file], ['run', '--out', join(file, 'sub')]]) {
    const r = await runMain(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, /^jwtbench \w+: --out cannot write .*a-file is a file, not a folder\n$/, args.join(' '));
  }
  // The report's page named by a folder: nothing beside it is written either.
  await mkdir(join(dir, 'page.html'));
  const r = await runMain(['report', join(dir, 'nothing.json'), '--out', join(dir, 'page.html')]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--out cannot write .*page\.html: it is a folder/);
  assert.deepEqual((await readdir(dir)).sort(), ['a-file', 'page.html']);
});

test('--help works on every command and at the top', async () => {
  for (const args of [['--help'], ['micro', '--help'], ['run', '--help'], ['help', 'micro']]) {
    const r = await runMain(args);
    assert.equal(r.code, 0, args.join(' '));
    assert.match(r.stdout, /Usage: jwtbench/);
  }
  assert.match((await runMain(['micro', '--help'])).stdout, /--threads <list>/);
});

test('more threads than CPUs is refused: each figure assumes a CPU per thread', async () => {
  const { allowedCpus } = await import('../../bench/pin-plan.js');
  const over = allowedCpus().length + 1;
  const r = await runMain(['micro', '--preset', 'smoke', '--threads', `1,${over}`]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, new RegExp(`--threads must be at most the \\d+ CPUs? this process may use \\(got ${over}\\)`));
});
