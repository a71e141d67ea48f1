// --measure instructions under real Valgrind, small: two cases counted in two orders give the
// same counts (each case has a process of its own), compare calls the pair unchanged, and
// refuses a count against a time. Skipped, saying so, where Valgrind is not installed.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import type { CountedCase, MicroDocument } from '../../core/results/micro.js';
import { runCli, tempDir } from '../support/helpers.js';

const valgrind = (() => { try { execFileSync('valgrind', ['--version'], { stdio: 'ignore' }); return true; } catch { return false; } })();
const counted = async (dir: string) => (JSON.parse(await readFile(join(dir, 'micro.json'), 'utf8')) as MicroDocument).cases.filter((c): c is CountedCase => c.state === 'counted');

test('instruction counts do not depend on the order of the cases, and compare calls an A/A pair unchanged', { skip: valgrind ? false : 'valgrind is not installed (apt-get install valgrind); .ci/run installs it' }, async (t) => {
  const dir = await tempDir(t);
  const keys = join(dir, 'keys');
  const flags = ['micro', '--measure', 'instructions', '--algs', 'HS256', '--engines', 'node', '--payloads', 'small', '--threads', '1', '--no-cycles', '--jobs', '1', '--keys', keys];
  const a = await runCli([...flags, '--ops', 'sign,verify', '--out', join(dir, 'a')]);
  assert.equal(a.code, 0, a.stderr);
  assert.match(a.stdout, /instructions per op, small payload \(callgrind Ir, not a time\)/);
  const b = await runCli([...flags, '--ops', 'verify,sign', '--out', join(dir, 'b')]);
  assert.equal(b.code, 0, b.stderr);
  const [ca, cb] = [await counted(join(dir, 'a')), await counted(join(dir, 'b'))];
  assert.deepEqual(ca.map((c) => c.id), ['HS256/sign/node/prepared/small/t1', 'HS256/verify/node/prepared/small/t1']);
  assert.deepEqual(cb.map((c) => c.id), ['HS256/verify/node/prepared/small/t1', 'HS256/sign/node/prepared/small/t1']);
  for (const c of ca) {
    const other = cb.find((x) => x.id === c.id)!;
    // Behaviour, not speed: the same work counted twice, whichever case ran first (measured: hundredths of a percent apart).
    assert.ok(Math.abs(other.instructionsPerOp / c.instructionsPerOp - 1) < 0.005, `${c.id}: ${c.instructionsPerOp} then ${other.instructionsPerOp}`);
    assert.equal(other.inputSha256, c.inputSha256);
    assert.ok(c.instructionsPerOp > 1000);
  }
  const same = await runCli(['compare', '--baseline', join(dir, 'a'), '--candidate', join(dir, 'b')]);
  assert.equal(same.code, 0, same.stderr);
  assert.match(same.stdout, /0 regressed, 0 improved, 2 unchanged, 0 inconclusive \(instruction counts, threshold 1%\)/);
  const timed = await runCli(['micro', '--preset', 'smoke', '--algs', 'HS256', '--engines', 'node', '--pin', 'none', '--out', join(dir, 't')]);
  assert.equal(timed.code, 0, timed.stderr);
  const mixed = await runCli(['compare', '--baseline', join(dir, 'a'), '--candidate', join(dir, 't')]);
  assert.equal(mixed.code, 2);
  assert.match(mixed.stderr, /instructions and time are not the same quantity/);
  assert.equal(mixed.stderr.trim().split('\n').length, 1);
});
