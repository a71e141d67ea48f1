// Artillery reports in and tests out, without Artillery: the shape import reads, the figures it
// takes, and the one-line refusals of a report of another shape.
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { artilleryScript, type ExportMeta } from '../../bench/artillery/export.js';
import { checkArtilleryReport, checkExportMeta, importArtilleryRun } from '../../bench/artillery/import.js';
import { validateResults } from '../../core/results/results-file.js';
import { runMain, tempDir } from '../support/helpers.js';

const target: ExportMeta['target'] = {
  origin: 'http://127.0.0.1:8402', path: '/resource', method: 'GET', rateCapPerS: 20, clientWorkers: 1,
  token: { source: 'minted', placement: 'bearer', name: null, header: { alg: 'PS256', typ: 'JWT', kid: 'k1' }, lengthChars: 400, poolSize: 100 },
};
const meta: ExportMeta = { jwtbenchArtilleryExport: 1, target, durationS: 20, arrivalRatePerS: 20, maxVusers: 10, tokensExpireAt: null, exportedAt: '2026-01-01T00:00:00.000Z' };

const times = { min: 0, max: 30, count: 400, mean: 2, p50: 1, median: 1, p75: 2, p90: 3, p95: 5, p99: 9.5, p999: 20 };
/** The shape `artillery run --output` writes (2.0.22), with made-up counts. */
function report() {
  const period = (at: number, n: number) => ({
    counters: { 'http.requests': n, 'http.responses': n, 'http.codes.200': n - 2, 'http.codes.401': 2, 'errors.ETIMEDOUT': 1 },
    rates: { 'http.request_rate': 20 }, firstCounterAt: at, lastCounterAt: at + 9_950, period: at,
    summaries: { 'http.response_time': times }, histograms: {},
  });
  const start = 1_800_000_000_000;
  return {
    aggregate: {
      counters: { 'http.requests': 400, 'http.responses': 400, 'http.codes.200': 396, 'http.codes.401': 2, 'http.codes.503': 2, 'errors.ETIMEDOUT': 1, 'errors.ECONNRESET': 1, 'vusers.created': 401 },
      rates: { 'http.request_rate': 20 }, firstCounterAt: start, lastCounterAt: start + 20_000, period: start,
      summaries: { 'http.response_time': times }, histograms: {},
    },
    intermediate: [period(start, 200), period(start + 10_000, 200)],
  };
}

test('an Artillery report becomes a valid target run: counters, percentiles, periods, workers', () => {
  const [run] = importArtilleryRun(checkArtilleryReport(report(), 'r.json'), meta, 3, 'r.json');
  assert.ok(run && run.state === 'completed');
  assert.equal(run.client, 'artillery');
  assert.equal(run.scheme, null, 'PS256 is no reference scheme');
  assert.equal(run.durationS, 20);
  assert.equal(run.requests, 400);
  assert.equal(run.requestsPerSec, 20);
  assert.deepEqual(run.latencyMs, { p50: 1, p90: 3, p99: 9.5, p99_9: 20 });
  assert.equal(run.non2xx, 4);
  assert.equal(run.errors, 2);
  assert.equal(run.connections, 30, '--count 3 workers of 10 virtual users');
  assert.equal(run.target!.rateCapPerS, 60);
  assert.equal(run.clientCpuUtilization, null);
  assert.equal(run.periods!.length, 2);
  assert.deepEqual(run.periods![1], { startS: 10, durationS: 9.95, requests: 200, requestsPerSec: 200 / 9.95, latencyMs: { p50: 1, p99: 9.5 }, non2xx: 2, errors: 1 });
  // It fits a load.json as written.
  validateResults('load', { schemaVersion: 1, kind: 'load', env: envStub(), config: { preset: null, scenarios: ['target'], schemes: [], connections: [30], durationS: 20, tokenPoolSize: 100, repeat: 1 }, runs: [run] }, 'test');
});

function envStub() {
  return { cpuModel: 'x', cores: 2, os: 'linux', node: 'v20', openssl: '3', libraries: {}, uvThreadpoolSize: 4, gitCommit: null, startedAt: '2026-01-01T00:00:00.000Z', endedAt: '2026-01-01T00:00:20.000Z' };
}

test('a report of another shape is refused in one line naming the problem', () => {
  assert.throws(() => checkArtilleryReport({ kind: 'load', runs: [] }, 'x.json'), /x\.json: is a jwtbench load results file, not an Artillery report/);
  assert.throws(() => checkArtilleryReport([], 'x.json'), /x\.json: is not an Artillery --output report/);
  assert.throws(() => checkArtilleryReport({ aggregate: { counters: {} } }, 'x.json'), /is not an Artillery --output report \(\/(aggregate|intermediate)/);
  const silent = report();
  silent.aggregate.summaries = {} as never;
  assert.throws(() => checkArtilleryReport(silent, 'x.json'), /has no http\.response_time summary: the test got no HTTP response/);
});

test('artillery import: bad reports exit 2 with one line and write no load.json', async (t) => {
  const dir = await tempDir(t);
  const out = join(dir, 'out');
  await writeFile(join(dir, 'truncated.json'), '{"aggregate": {');
  await writeFile(join(dir, 'other.json'), JSON.stringify({ hello: 'world' }));
  await mkdir(join(dir, 'no-meta'));
  await writeFile(join(dir, 'no-meta', 'report.json'), JSON.stringify(report()));
  const cases: [string[], RegExp][] = [
    [[join(dir, 'missing.json')], /missing\.json: cannot read it \(ENOENT\)/],
    [[join(dir, 'truncated.json')], /truncated\.json: not JSON/],
    [[join(dir, 'other.json')], /other\.json: is not an Artillery --output report/],
    [[join(dir, 'no-meta', 'report.json')], /--test .*jwtbench-export\.json: cannot read it \(ENOENT\); give --test/],
    [[], /import needs one argument/],
  ];
  for (const [args, message] of cases) {
    const r = await runMain(['artillery', 'import', ...args, '--out', out]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, message);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.equal(existsSync(join(out, 'load.json')), false);
  }
  const r = await runMain(['artillery', 'export', '--target', 'http://127.0.0.1:9/x', '--token-file', 'f']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--rate is required/);
});

test('the exported script puts the payload token where the placement says, and nothing else secret', () => {
  const script = artilleryScript({ target, placement: { kind: 'cookie', name: 'session' }, durationS: 20, arrivalRatePerS: 20, maxVusers: 10 });
  assert.match(script, /target: "http:\/\/127\.0\.0\.1:8402"/);
  assert.match(script, /arrivalRate: 20\n\s+maxVusers: 10/);
  assert.match(script, /- get:\n\s+url: "\/resource"\n\s+headers:\n\s+"cookie": "session=\{\{ token \}\}"/);
  assert.match(script, /path: "tokens\.csv"/);
});

test('an export file whose target block load.json would refuse is refused at --test, naming the field', () => {
  assert.doesNotThrow(() => checkExportMeta(meta, 'x/jwtbench-export.json'));
  const { poolSize: _, ...token } = target.token;
  assert.throws(() => checkExportMeta({ ...meta, target: { ...target, token } }, 'x/jwtbench-export.json'),
    (error: Error & { code?: string }) => error.code === 'JWTBENCH_BAD_FLAG' && /^--test x\/jwtbench-export\.json: not a jwtbench-export\.json .*\/target\/token must have required property 'poolSize'/.test(error.message));
  assert.throws(() => checkExportMeta({ ...meta, durationS: 0 }, 'x/jwtbench-export.json'), /\/durationS/);
});

test('artillery import --append: the same report twice is refused; another run of the test becomes the next repeat', async (t) => {
  const dir = await tempDir(t);
  const out = join(dir, 'out');
  await writeFile(join(dir, 'jwtbench-export.json'), JSON.stringify(meta));
  await writeFile(join(dir, 'report.json'), JSON.stringify(report()));
  const second = report();
  second.aggregate.counters['http.responses'] = 380;
  await writeFile(join(dir, 'second.json'), JSON.stringify(second));
  assert.equal((await runMain(['artillery', 'import', join(dir, 'report.json'), '--out', out])).code, 0);
  const again = await runMain(['artillery', 'import', join(dir, 'report.json'), '--append', '--out', out]);
  assert.equal(again.code, 2);
  assert.match(again.stderr, /--append .*load\.json already holds this run .*imported before/);
  const next = await runMain(['artillery', 'import', join(dir, 'second.json'), '--test', dir, '--append', '--out', out]);
  assert.equal(next.code, 0, next.stderr);
  const doc = validateResults('load', JSON.parse(await readFile(join(out, 'load.json'), 'utf8')), 'load.json');
  assert.deepEqual(doc.runs.map((r) => r.repeat), [0, 1]);
});
