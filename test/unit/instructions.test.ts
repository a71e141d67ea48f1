// --measure instructions without Valgrind: reading callgrind's dumps, the counting protocol over
// fake regions, the flags it refuses, the key set and what compare makes of two count runs.
import assert from 'node:assert/strict';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { estimatedCycles, parseDump, regionCounts } from '../../bench/instructions/callgrind-dump.js';
import { countCase, powerOfTwoOps, PROTOCOL, type Protocol } from '../../bench/instructions/protocol.js';
import { KeySet } from '../../bench/instructions/key-set.js';
import { callgrindArgs, measuredCommand, measuredEnv, type ValgrindTool } from '../../bench/instructions/valgrind.js';
import { renderInstructionSummary } from '../../bench/instructions/summary.js';
import { resolveMicroOptions } from '../../bench/micro-options.js';
import { compareInstructions, instructionMismatches } from '../../bench/compare/instructions.js';
import { ALGORITHMS } from '../../core/algorithms.js';
import { JwtbenchError } from '../../core/errors.js';
import type { CountedCase, MicroDocument } from '../../core/results/micro.js';
import { validateResults } from '../../core/results/results-file.js';
import { captureEnv } from '../../core/env.js';
import { tempDir } from '../support/helpers.js';

test('a callgrind dump gives its totals by event; trailing zero events may be left out', () => {
  const text = 'version: 1\ncreator: callgrind-3.19.0\ndesc: Trigger: Client Request: region-0\nevents: Ir Dr Dw I1mr\nfn=(1) f\n3 10 2\nsummary: 0\ntotals: 1000 200 100\n';
  assert.deepEqual(parseDump(text), { Ir: 1000, Dr: 200, Dw: 100, I1mr: 0 });
  assert.deepEqual(regionCounts(text), { instructions: 1000, estimatedCycles: null });
  assert.throws(() => parseDump('not a dump'), /no events/);
});

test('estimated cycles are L1 hits + 5 x LL hits + 35 x RAM accesses', () => {
  // 1000 accesses, 30 L1 misses of which 4 went to RAM: 970 + 5 x 26 + 35 x 4 = 1240
  const c = { Ir: 700, Dr: 200, Dw: 100, I1mr: 10, D1mr: 15, D1mw: 5, ILmr: 1, DLmr: 2, DLmw: 1 };
  assert.equal(estimatedCycles(c), 1240);
  assert.equal(estimatedCycles({ Ir: 5 }), null);
});

/** Fake regions: a cost per call that falls as "V8 tiers up" over the first calls, plus a fixed per-region extra. */
function fakeHooks(costAt: (callIndex: number) => number, regionExtra = 0) {
  let calls = 0;
  const log: string[] = [];
  return {
    log,
    hooks: {
      async warm(n: number) { log.push(`warm ${n}`); calls += n; },
      async count(n: number, name: string) {
        let sum = regionExtra;
        for (let i = 0; i < n; i++) sum += costAt(calls + i);
        calls += n;
        log.push(`${name} ${n}`);
        return { instructions: sum, estimatedCycles: sum * 1.5 };
      },
    },
  };
}

test('the protocol warms up by calls, sizes regions as a power of two and counts a fixed number of them', async () => {
  // 100k instructions per call once warm, 200k during the first 1000 calls
  const { hooks, log } = fakeHooks((i) => (i < 1000 ? 200_000 : 100_000));
  const c = await countCase(hooks);
  assert.equal(c.steady, true);
  assert.equal(c.instructionsPerOp, 100_000);
  assert.equal(c.estimatedCyclesPerOp, 150_000);
  // calibrated at 200k per call: 50M / 200k = 250 -> 128 calls a region
  assert.equal(c.opsPerRegion, 128);
  assert.equal(c.warmupOps, PROTOCOL.firstWarmupOps + PROTOCOL.calibrationOps + PROTOCOL.warmupOps);
  assert.deepEqual(log, ['warm 32', 'calibration 8', 'warm 3000', ...[0, 1, 2, 3, 4].map((r) => `region-${r} 128`)]);
});

test('a costly call gets a shorter warm-up, bounded by instructions', async () => {
  const { hooks, log } = fakeHooks(() => 6_000_000);
  const c = await countCase(hooks);
  assert.equal(log[2], `warm ${PROTOCOL.warmupInstructions / 6_000_000}`);
  assert.equal(c.opsPerRegion, 8);
  assert.equal(c.instructionsPerOp, 6_000_000);
});

test('regions that disagree still give their mean, the first left out, and say the count is not steady', async () => {
  let r = 0;
  const p: Protocol = { ...PROTOCOL };
  const hooks = {
    async warm() {},
    async count(n: number) { r += 1; return { instructions: n * (r % 2 ? 100 : 120), estimatedCycles: null }; },
  };
  const c = await countCase(hooks, p);
  assert.equal(c.steady, false);
  assert.deepEqual(c.regionInstructionsPerOp, [120, 100, 120, 100, 120]);
  assert.equal(c.instructionsPerOp, 110); // regions 1 to 4
  assert.equal(c.estimatedCyclesPerOp, null);
});

test('a measured process runs pinned at SCHED_FIFO where allowed, with ASLR off, fair scheduling and the allocator setting', () => {
  const tool: ValgrindTool = { path: '/usr/bin/valgrind', version: 'valgrind-3.19.0', setarch: '/usr/bin/setarch', realtime: { taskset: '/usr/bin/taskset', chrt: '/usr/bin/chrt' } };
  const vg = callgrindArgs('out', 'log', { cacheSim: false });
  assert.ok(vg.includes('--fair-sched=yes') && vg.includes('--instr-atstart=no'));
  const cmd = measuredCommand(tool, vg, ['--predictable'], 'child.js', ['task.json'], 1);
  assert.equal(cmd.file, '/usr/bin/taskset');
  assert.deepEqual(cmd.args.slice(0, 8), ['-c', '1', '/usr/bin/chrt', '-f', '1', '/usr/bin/setarch', '-R', '/usr/bin/valgrind']);
  assert.deepEqual(cmd.args.slice(-3), ['--predictable', 'child.js', 'task.json']);
  // where neither is permitted: valgrind itself, nothing in front
  const bare = measuredCommand({ ...tool, setarch: null, realtime: null }, vg, [], 'child.js', [], 1);
  assert.equal(bare.file, '/usr/bin/valgrind');
  assert.equal(measuredEnv().GLIBC_TUNABLES, 'glibc.malloc.tcache_count=65535');
});

test('region sizes are powers of two within bounds', () => {
  assert.equal(powerOfTwoOps(250, 4, 16384), 128);
  assert.equal(powerOfTwoOps(0.5, 4, 16384), 4);
  assert.equal(powerOfTwoOps(1e9, 4, 16384), 16384);
});

test('--measure instructions refuses the flags of a timed run, and its own flags need it', () => {
  const refuses = (flags: Record<string, unknown>, flag: string) => assert.throws(() => resolveMicroOptions(flags), (e: unknown) => e instanceof JwtbenchError && e.exitCode === 2 && e.message.startsWith(flag));
  refuses({ measure: 'instructions', repeat: '3' }, '--repeat');
  refuses({ measure: 'instructions', processes: '5' }, '--processes');
  refuses({ keys: '/tmp/k' }, '--keys');
  refuses({ measure: 'cycles' }, '--measure');
  refuses({ measure: 'instructions', tiers: 'turbo' }, '--tiers');
  const o = resolveMicroOptions({ measure: 'instructions', preset: 'ci', keys: 'k', 'no-cycles': true });
  assert.equal(o.measure, 'instructions');
  assert.equal(o.repeat, 1);
  assert.equal(o.processes, 1);
  assert.equal(o.instructions!.cacheSim, false);
  assert.ok(o.instructions!.keysDir!.endsWith('/k'));
  assert.equal(o.instructions!.realtime, true);
  assert.equal(resolveMicroOptions({ measure: 'instructions', 'no-realtime': true }).instructions!.realtime, false);
  refuses({ 'no-realtime': true }, '--no-realtime');
});

test('a key set is written once, 0600 in a 0700 folder, and read back the same', async (t) => {
  const dir = join(await tempDir(t), 'keys');
  const first = KeySet.open(dir);
  const hs = ALGORITHMS.HS256;
  const key = await first.key(hs, null);
  first.setToken('HS256/verify/node/prepared/small/t1', 'a.b.c');
  await first.save();
  assert.equal((await stat(dir)).mode & 0o777, 0o700);
  assert.equal((await stat(join(dir, 'jwtbench-keys.json'))).mode & 0o777, 0o600);
  const again = KeySet.open(dir);
  assert.equal(again.reused, true);
  assert.equal(again.clockS, first.clockS);
  assert.equal(again.sha256(), first.sha256());
  assert.deepEqual(await again.key(hs, null), key);
  assert.equal(again.token('HS256/verify/node/prepared/small/t1'), 'a.b.c');
  assert.equal(again.inputSha256(hs, null, 'a.b.c'), first.inputSha256(hs, null, 'a.b.c'));
  assert.notEqual(KeySet.open(null).sha256(), first.sha256()); // a run of its own matches nothing
  assert.match(await readFile(join(dir, 'jwtbench-keys.json'), 'utf8'), /"clockS"/);
});

const INPUT = 'a'.repeat(64);
function counted(id: string, instructionsPerOp: number, extra: Partial<CountedCase> = {}): CountedCase {
  const [alg, op, engine] = id.split('/') as ['HS256', 'sign' | 'verify', string];
  return {
    id, alg, keyBits: null, op, engine, keyPrep: 'prepared', payload: 'small', threads: 1, repeat: 0, state: 'counted',
    instructionsPerOp, estimatedCyclesPerOp: instructionsPerOp * 1.2, opsPerRegion: 256, regionInstructionsPerOp: [instructionsPerOp, instructionsPerOp],
    regionEstimatedCyclesPerOp: null, warmupOps: 3040, steady: true, inputSha256: INPUT,
    derivedInstructions: { instructionsVsHs256: 1, instructionsVsNodeFloor: null }, ...extra,
  };
}

function doc(cases: CountedCase[], over: Partial<NonNullable<MicroDocument['config']['instructions']>> = {}): MicroDocument {
  const now = new Date();
  return {
    schemaVersion: 1, kind: 'micro', env: captureEnv(now, now),
    config: {
      preset: 'ci', matrix: { algs: ['HS256'], rsaBits: [2048], ops: ['sign', 'verify'], engines: ['node', 'jose'], keyPreps: ['prepared'], payloads: ['small'], threads: [1] },
      budget: { timeMs: 100, warmupMs: 30, minSamples: 16 }, repeat: 1, measure: 'instructions',
      instructions: {
        valgrind: 'valgrind-3.19.0', valgrindArgs: ['--tool=callgrind'], nodeFlags: ['--predictable'], tiers: 'all', env: { TZ: 'UTC' }, aslr: 'off',
        keySetSha256: INPUT, keySetReused: true, clockS: 1, cacheSim: null, cyclesFormula: null, protocol: { ...PROTOCOL }, processPerCase: true, ...over,
      },
    },
    cases,
  };
}

test('a counted run is a valid micro.json', () => {
  const d = doc([counted('HS256/verify/node/prepared/small/t1', 89_431.5)]);
  assert.equal(validateResults('micro', JSON.parse(JSON.stringify(d)), 'test').cases[0]!.state, 'counted');
});

test('compare calls counts against the threshold alone', () => {
  const ids = ['HS256/verify/node/prepared/small/t1', 'HS256/verify/jose/prepared/small/t1', 'HS256/sign/jose/prepared/small/t1', 'HS256/sign/node/prepared/small/t1'];
  const a = doc(ids.map((id) => counted(id, 100_000)));
  const b = doc([counted(ids[0]!, 100_040), counted(ids[1]!, 102_000), counted(ids[2]!, 97_000), counted(ids[3]!, 100_000, { steady: false })]);
  const verdicts = compareInstructions(a, b, 0.01).map((c) => [c.id, c.verdict, c.metric, c.basis]);
  assert.deepEqual(verdicts, [
    [ids[0], 'unchanged', 'instructions per op', 'counts'],
    [ids[1], 'regressed', 'instructions per op', 'counts'],
    [ids[2], 'improved', 'instructions per op', 'counts'],
    [ids[3], 'unchanged', 'instructions per op', 'counts'],
  ]);
});

test('compare refuses counts against times, and counts of other flags, tools or inputs', () => {
  const id = 'HS256/verify/node/prepared/small/t1';
  const a = doc([counted(id, 1)]);
  const timed = { ...doc([]), config: { ...doc([]).config, measure: 'time' as const } };
  assert.match(instructionMismatches(a, timed)[0]!, /instructions and time are not the same quantity/);
  assert.match(instructionMismatches(a, doc([counted(id, 1)], { nodeFlags: ['--no-opt'] }))[0]!, /V8 flags/);
  assert.match(instructionMismatches(a, doc([counted(id, 1)], { valgrind: 'valgrind-3.22.0' }))[0]!, /Valgrind/);
  assert.match(instructionMismatches(a, doc([counted(id, 1, { inputSha256: 'b'.repeat(64) })]))[0]!, /key sets .*--keys/);
  assert.match(instructionMismatches(a, doc([counted(id, 1)], { valgrindArgs: ['--tool=callgrind', '--fair-sched=yes'] }))[0]!, /callgrind flags/);
  // a baseline counted before the allocator setting: its counts are a few percent off, so it is refused with what to do
  assert.match(instructionMismatches(a, doc([counted(id, 1)], { env: { TZ: 'UTC', GLIBC_TUNABLES: 'glibc.malloc.tcache_count=65535' } }))[0]!, /measured environment .*count the baseline again/);
  assert.match(instructionMismatches(a, doc([counted(id, 1)], { protocol: { ...PROTOCOL, regions: 9 } }))[0]!, /counting protocol/);
  assert.deepEqual(instructionMismatches(a, doc([counted(id, 1)], { env: { TZ: 'UTC' }, protocol: Object.fromEntries(Object.entries(PROTOCOL).reverse()) as typeof PROTOCOL })), []); // key order is not a difference
  assert.deepEqual(instructionMismatches(a, doc([counted(id, 1)])), []);
});

test('the instruction summary says what its figures are', () => {
  const s = renderInstructionSummary(doc([counted('HS256/verify/node/prepared/small/t1', 89_431.5), counted('HS256/verify/jose/prepared/small/t1', 501_275, { steady: false })]).cases);
  assert.match(s, /instructions per op, small payload \(callgrind Ir, not a time\)/);
  assert.match(s, /89\.4k \(1\.0x\)/);
  assert.match(s, /501\.3k \(1\.0x\) !/);
  assert.match(s, /estimated cycles per op, small payload \(advisory/);
});

test('without Valgrind, --measure instructions is one line naming the package, exit 2', async () => {
  const { runMain } = await import('../support/helpers.js');
  const before = process.env.JWTBENCH_VALGRIND;
  process.env.JWTBENCH_VALGRIND = '/nonexistent/valgrind';
  try {
    const r = await runMain(['micro', '--measure', 'instructions', '--algs', 'HS256', '--engines', 'node', '--out', '/tmp/jwtbench-never-written']);
    assert.equal(r.code, 2);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.match(r.stderr, /needs Valgrind, which is not installed: apt-get install valgrind/);
  } finally {
    if (before === undefined) delete process.env.JWTBENCH_VALGRIND; else process.env.JWTBENCH_VALGRIND = before;
  }
});
