import { allowedCpus } from '../../bench/pin-plan.js';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ALG_NAMES } from '../../core/algorithms.js';
import { expandMatrix, skippedCases, smokeMatrix } from '../../bench/matrix.js';
import { resolveMicroOptions } from '../../bench/micro-options.js';
import { PRESETS } from '../../bench/presets.js';

test('RSA key sizes multiply only RS* and PS*; per-call applies only to jose', () => {
  const cases = expandMatrix({
    algs: ['HS256', 'RS256', 'PS256', 'ES256'], rsaBits: [2048, 4096], ops: ['sign', 'verify'],
    engines: ['jose', 'node'], keyPreps: ['prepared', 'per-call'], payloads: ['small'], threads: [1, 2],
  });
  // per alg-variant: ops 2 x (jose 2 preps + node 1) x threads 2 = 12; variants: HS256, RS256x2, PS256x2, ES256 = 6
  assert.equal(cases.length, 6 * 12);
  assert.deepEqual([...new Set(cases.filter((c) => c.alg === 'RS256').map((c) => c.keyBits))], [2048, 4096]);
  assert.ok(cases.filter((c) => c.alg === 'HS256' || c.alg === 'ES256').every((c) => c.keyBits === null));
  assert.ok(cases.filter((c) => c.keyPrep === 'per-call').every((c) => c.engine === 'jose'));
  assert.equal(new Set(cases.map((c) => c.id)).size, cases.length, 'ids are unique');
});

test('the full preset covers every algorithm at every RSA size', () => {
  const m = { ...PRESETS.full.matrix, threads: [1], payloads: ['small'] as const, engines: ['node'] as const, ops: ['sign'] as const };
  // ML-DSA on the floor runs where node:crypto has it and is skipped, with a reason, elsewhere
  const cases = [...expandMatrix(m), ...skippedCases(m).map((s) => s.spec)];
  assert.equal(cases.length, 3 + 6 * 3 + 4 + 3);
  assert.deepEqual([...new Set(cases.map((c) => c.alg))], ALG_NAMES);
  assert.ok(PRESETS.full.matrix.engines.includes('noble-pq') && PRESETS.standard.matrix.engines.includes('noble-pq'));
});

test('the quick preset is what npm start promises: every algorithm, default key size, both ops, jose prepared + node (+ noble-pq for ML-DSA), one payload, 1 thread', () => {
  const cases = expandMatrix(PRESETS.quick.matrix);
  const skipped = skippedCases(PRESETS.quick.matrix);
  // classical: jose and node; ML-DSA: jose, node and noble-pq, whichever of them run here
  assert.equal(cases.length + skipped.length, 13 * 2 * 2 + 3 * 2 * 3);
  assert.deepEqual([...new Set(cases.map((c) => c.alg))], ALG_NAMES, 'every algorithm has cases that run');
  assert.ok(skipped.every((s) => s.reason.length > 0 && s.spec.alg.startsWith('ML-DSA')));
  assert.ok(cases.every((c) => c.threads === 1 && c.keyPrep === 'prepared' && (c.keyBits === null || c.keyBits === 2048)));
  assert.equal(new Set(cases.map((c) => c.payload)).size, 1);
});

test('smoke mode keeps the first value of each key', () => {
  const m = smokeMatrix(PRESETS.full.matrix);
  assert.deepEqual(m.algs, ['HS256']);
  assert.deepEqual(m.threads, [1]);
  assert.equal(expandMatrix(m).length, 1);
});

test('flags replace the preset key by key and are matched case-insensitively', () => {
  const o = resolveMicroOptions({ preset: 'quick', algs: 'rs256,es256', threads: '2,1', ops: 'verify', time: '50' });
  assert.deepEqual(o.matrix.algs, ['RS256', 'ES256']);
  assert.deepEqual(o.matrix.threads, [1, 2]);
  assert.deepEqual(o.matrix.ops, ['verify']);
  assert.equal(o.budget.timeMs, 50);
  assert.deepEqual(o.matrix.engines, PRESETS.quick.matrix.engines);
  assert.deepEqual(resolveMicroOptions({ algs: 'all' }).matrix.algs, ALG_NAMES);
});

test('repeating adds one untimed warm-up round unless told otherwise', () => {
  assert.equal(resolveMicroOptions({ preset: 'smoke' }).warmupRounds, 0);
  assert.equal(resolveMicroOptions({ preset: 'quick' }).warmupRounds, 1);
  assert.equal(resolveMicroOptions({ preset: 'ci' }).warmupRounds, 3);
  assert.equal(resolveMicroOptions({ preset: 'quick', repeat: '5' }).warmupRounds, 1);
  assert.equal(resolveMicroOptions({ preset: 'ci', 'warmup-rounds': '0' }).warmupRounds, 0);
  assert.equal(resolveMicroOptions({ repeat: '2', 'warmup-rounds': '3' }).warmupRounds, 3);
});

test('runs take one process unless told otherwise; ci takes five, the fewest compare can test on', () => {
  assert.equal(resolveMicroOptions({ preset: 'quick' }).processes, 1);
  assert.equal(resolveMicroOptions({ preset: 'ci' }).processes, 5);
  assert.equal(resolveMicroOptions({ preset: 'ci', processes: '1' }).processes, 1);
  assert.throws(() => resolveMicroOptions({ processes: '0' }), /--processes must be a positive integer/);
  assert.throws(() => resolveMicroOptions({ processes: '101' }), /--processes must be at most 100/);
});

test('quick repeats an unstable case up to 13 times within 5 s; presets without extra repeats never add any', () => {
  const quick = resolveMicroOptions({ preset: 'quick' });
  assert.deepEqual([quick.repeat, quick.maxRepeats, quick.extraTimeMs], [9, 13, 5_000]);
  const ci = resolveMicroOptions({ preset: 'ci' });
  assert.equal(ci.maxRepeats, ci.repeat);
  assert.equal(resolveMicroOptions({ preset: 'smoke', repeat: '3' }).maxRepeats, 3);
  assert.equal(resolveMicroOptions({ preset: 'quick', 'max-repeats': '9' }).maxRepeats, 9);
});

test('quick pins to the last CPU when one CPU can hold its threads; --pin picks one or none', () => {
  const allowed = allowedCpus();
  assert.equal(resolveMicroOptions({ preset: 'quick' }).pin, allowed.length > 1 ? allowed.at(-1) : null);
  assert.equal(resolveMicroOptions({ preset: 'quick', threads: '1,2' }).pin, null, 'two threads need two CPUs');
  assert.equal(resolveMicroOptions({ preset: 'quick', pin: 'none' }).pin, null);
  assert.equal(resolveMicroOptions({ preset: 'ci' }).pin, null, 'ci is pinned from outside (taskset -c 1), as the workflow does');
  assert.equal(resolveMicroOptions({ preset: 'smoke', pin: String(allowed[0]) }).pin, allowed[0]);
});

test('standard and full pin each thread count to as many CPUs; --pin none and one CPU leave it to the OS', () => {
  const allowed = allowedCpus();
  const cpus = allowed.length;
  for (const preset of ['standard', 'full']) {
    const o = resolveMicroOptions({ preset });
    assert.equal(o.pin, null, preset);
    assert.equal(o.pinByThreads, cpus > 1, preset);
    assert.equal(resolveMicroOptions({ preset, pin: 'none' }).pinByThreads, false, preset);
  }
  assert.equal(resolveMicroOptions({ preset: 'quick', threads: '1,2' }).pinByThreads, cpus > 1);
  assert.equal(resolveMicroOptions({ preset: 'quick' }).pinByThreads, false, 'one thread count on one CPU: pinned as before');
  assert.equal(resolveMicroOptions({ preset: 'smoke', threads: '1,2' }).pinByThreads, false, 'smoke does not pin');
  assert.equal(resolveMicroOptions({ preset: 'standard', threads: '1' }).pin, cpus > 1 ? allowed.at(-1) : null);
});

test('quick, ci, standard and full measure with V8 optimizing on the benchmark thread; smoke with node as it is', () => {
  for (const preset of ['quick', 'ci', 'standard', 'full']) assert.deepEqual(resolveMicroOptions({ preset }).nodeFlags, ['--no-concurrent-recompilation'], preset);
  assert.deepEqual(resolveMicroOptions({ preset: 'smoke' }).nodeFlags, []);
});

test('the TEST-ONLY slowdown names an engine, an op and a percentage', () => {
  assert.deepEqual(resolveMicroOptions({ 'test-slowdown': 'jose:verify:10' }).testSlowdown, { engine: 'jose', op: 'verify', fraction: 0.1 });
  assert.equal(resolveMicroOptions({}).testSlowdown, undefined);
});

test('bad flag values are rejected with the flag named', () => {
  const cases: [Record<string, string>, RegExp][] = [
    [{ threads: '0' }, /^--threads must be a positive integer/],
    [{ threads: '1.5' }, /^--threads must be a positive integer/],
    [{ algs: 'HS999' }, /^--algs has unknown algorithm "HS999"/],
    [{ time: 'soon' }, /^--time must be a positive number of milliseconds/],
    [{ time: '-5' }, /^--time must be a positive number/],
    [{ 'rsa-bits': '1024' }, /^--rsa-bits must list RSA key sizes/],
    [{ preset: 'huge' }, /^--preset must be one of/],
    [{ engines: 'jose,,node' }, /^--engines must be a comma-separated list/],
    [{ repeat: '0' }, /^--repeat must be a positive integer/],
    [{ 'warmup-rounds': '-1' }, /^--warmup-rounds must be zero or a positive integer/],
    [{ 'max-repeats': '0' }, /^--max-repeats must be a positive integer/],
    [{ repeat: '5', 'max-repeats': '3' }, /^--max-repeats must be at least --repeat \(5\)/],
    [{ 'max-repeats': '1001' }, /^--max-repeats must be at most 1000/],
    [{ 'extra-time': '-1' }, /^--extra-time must be/],
    [{ pin: '4096' }, /^--pin must be a CPU this process may run on \(.+\), or none \(got 4096\)/],
    [{ pin: 'last' }, /^--pin must be zero or a positive integer/],
    [{ pin: '0', threads: '1,2' }, /^--pin pins to one CPU, which cannot run 2 threads side by side; leave it out/],
    [{ 'test-slowdown': 'jose:verify' }, /^--test-slowdown must be <engine>:<op>:<percent>/],
    [{ 'test-slowdown': 'jose:verify:0' }, /^--test-slowdown must be <engine>:<op>:<percent>/],
    [{ 'test-slowdown': 'nope:verify:10' }, /^--test-slowdown must be one of/],
  ];
  for (const [flags, message] of cases) {
    assert.throws(() => resolveMicroOptions(flags), (e: Error & { exitCode?: number }) => message.test(e.message) && e.exitCode === 2, JSON.stringify(flags));
  }
});

test('"all" selects every RSA size and every thread count up to the CPUs this process may use', () => {
  const o = resolveMicroOptions({ preset: 'smoke', 'rsa-bits': 'all', threads: 'all' });
  assert.deepEqual(o.matrix.rsaBits, [2048, 3072, 4096]);
  assert.deepEqual(o.matrix.threads, Array.from({ length: allowedCpus().length }, (_, i) => i + 1));
});
