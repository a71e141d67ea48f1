// Chart builders: every spec compiles with vega-lite and renders with vega in Node to an SVG
// with data marks; edge cases return null or skip what they must; numbers come from the input.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { AlgName } from '../../core/algorithms.js';
import { caseId } from '../../bench/case.js';
import { deriveRatios } from '../../bench/derive.js';
import type { EngineName, KeyPrep, Op } from '../../core/results/names.js';
import type { CompletedRun, LoadDocument, LoadRun } from '../../core/results/load.js';
import type { CompletedCase, MicroCase, MicroDocument } from '../../core/results/micro.js';
import type { BlastRadius, KeyScheme } from '../../reports/blast-radius/types.js';
import {
  blastRadiusChart, decisionChart, exposureChart, latencyChart, replayChart, loadChart, overheadChart, pqCostChart, rotationChart, scalingChart, throughputChart, tokenSizeChart, type DecisionPoint,
} from '../../reports/charts/index.js';
import { tokenBudget } from '../../reports/charts/post-quantum.js';
import { HEADER_LIMITS } from '../../reports/header-limits.js';
import { buildReport } from '../../reports/build-report.js';
import { POST_QUANTUM_TITLE } from '../../reports/post-quantum.js';
import { SERVER_DEFAULTS } from '../../servers/defaults.js';
import type { Block } from '../../reports/blocks.js';
import type { EnvFingerprint } from '../../core/results/env.js';
import { specRows } from '../../reports/html/chart-data.js';
import { historyTrendChart } from '../../reports/charts/history-trend.js';
import { CHANGE_DEFAULTS, historyChanges } from '../../core/history/changes.js';
import type { Series } from '../../core/history/series.js';

// ---- factories: plausible figures, built here (never read from results/) ----

const ENV: EnvFingerprint = {
  cpuModel: 'Test CPU', cores: 8, totalMemoryBytes: 16 * 2 ** 30, os: 'linux', arch: 'x64', node: '20.0.0', openssl: '3.0.0', v8: '11',
  libraries: { jose: '6.2.18' }, uvThreadpoolSize: 4, uvThreadpoolSizeFromEnv: false, gitCommit: null, gitDirty: null,
  startedAt: '2025-01-01T00:00:00Z', endedAt: '2025-01-01T00:10:00Z',
};

/** node:crypto time per op (µs) per algorithm, roughly what a laptop measures. */
const BASE_US: Record<string, Record<Op, number>> = {
  HS256: { sign: 2.1, verify: 2.6 }, 'RS256-2048': { sign: 820, verify: 31 }, ES256: { sign: 42, verify: 115 }, EdDSA: { sign: 33, verify: 72 },
};
/** The rest of a `standard` matrix's 13 algorithms, for the charts that must stay readable at that size. */
const MORE_US: Record<string, Record<Op, number>> = {
  HS384: { sign: 2.4, verify: 2.9 }, HS512: { sign: 2.5, verify: 3 }, 'RS384-2048': { sign: 830, verify: 32 }, 'RS512-2048': { sign: 840, verify: 33 },
  'PS256-2048': { sign: 850, verify: 34 }, 'PS384-2048': { sign: 860, verify: 35 }, 'PS512-2048': { sign: 870, verify: 36 }, ES384: { sign: 160, verify: 480 }, ES512: { sign: 320, verify: 900 },
};
Object.assign(BASE_US, MORE_US);
const FOUR_ALGS = ['HS256', 'RS256-2048', 'ES256', 'EdDSA'];
const ENGINE_FACTOR: Record<string, number> = { 'node/prepared': 1, 'jose/prepared': 1.35, 'jose/per-call': 3.2, 'fast-jwt/prepared': 1.2 };

interface MicroOptions { algs?: string[]; threads?: number[]; repeats?: number; payloads?: ('small' | 'typical')[]; errored?: boolean }

function microDoc(o: MicroOptions = {}): MicroDocument {
  const algs = o.algs ?? FOUR_ALGS;
  const threads = o.threads ?? [1, 2, 4];
  const payloads = o.payloads ?? ['small'];
  const cases: MicroCase[] = [];
  for (let repeat = 1; repeat <= (o.repeats ?? 1); repeat++) {
    for (const label of algs) {
      const [alg, bits] = label.split('-') as [AlgName, string | undefined];
      const keyBits = bits ? Number(bits) : null;
      for (const op of ['sign', 'verify'] as const) {
        for (const [ek, factor] of Object.entries(ENGINE_FACTOR)) {
          const [engine, keyPrep] = ek.split('/') as [EngineName, KeyPrep];
          for (const payload of payloads) {
            for (const t of threads) {
              const spec = { alg, keyBits, op, engine, keyPrep, payload, threads: t };
              // Repeats differ a little, so the medians are real medians.
              const us = BASE_US[label]![op] * factor * (payload === 'typical' ? 1.1 : 1) * (1 + 0.02 * repeat);
              const opsPerSec = (1e6 / us) * t * 0.9 ** Math.log2(t);
              const ns = us * 1000;
              const c: CompletedCase = {
                ...spec, id: caseId(spec), state: 'completed', repeat, opsPerSec, durationMs: 1000,
                latencyNs: { mean: ns * 1.05, p50: ns, p75: ns * 1.1, p99: ns * 1.8, p999: ns * 3.5 }, rme: 0.8, samples: 1000,
                batchMeansNs: [ns], perThread: [], derived: { costVsHs256: null, costVsNodeFloor: null, scalingEfficiency: null },
              };
              cases.push(c);
            }
          }
        }
      }
    }
  }
  if (o.errored) {
    const spec = { alg: 'PS256' as const, keyBits: 2048, op: 'sign' as const, engine: 'jose' as const, keyPrep: 'prepared' as const, payload: 'small' as const, threads: 1 };
    cases.push({ ...spec, id: caseId(spec), state: 'errored', stage: 'gate', error: 'boom', repeat: 1 });
  }
  return {
    schemaVersion: 1, kind: 'micro', env: ENV,
    config: {
      preset: null, budget: { timeMs: 100, warmupMs: 10, minSamples: 10 }, repeat: o.repeats ?? 1,
      matrix: { algs: [], rsaBits: [2048], ops: ['sign', 'verify'], engines: ['jose', 'node', 'fast-jwt'], keyPreps: ['prepared', 'per-call'], payloads, threads },
    },
    cases: deriveRatios(cases),
  };
}

const SCHEME_US = { baseline: 0, hs256: 4, rs256: 45, es256: 140, eddsa: 90 } as const;

function run(scenario: CompletedRun['scenario'], scheme: keyof typeof SCHEME_US, extra: Partial<CompletedRun> = {}): CompletedRun {
  const us = SCHEME_US[scheme];
  const rps = 1e6 / (60 + us);
  return {
    scenario, scheme, engine: scheme === 'baseline' ? null : 'jose', policy: null, connections: 10, repeat: 1, state: 'completed', durationS: 10, requests: rps * 10, requestsPerSec: rps,
    // Whole milliseconds, as the load client reports them: p50 is often 0.
    latencyMs: { p50: Math.round(0.4 + us / 1000), p90: Math.round(0.8 + us / 100), p99: Math.round(1.6 + us / 50), p99_9: Math.round(4 + us / 20) }, non2xx: 0, errors: 0,
    authorizationHeaderBytes: scenario === 'verify' && scheme !== 'baseline' ? 300 + us : null,
    serverVerifyUs: scenario === 'verify' && scheme !== 'baseline' ? { p50: us, p99: us * 2.2 } : null,
    serverSignUs: scenario === 'mint' ? { p50: us * 8, p99: us * 15 } : null,
    serverCpuPerRequestUs: 50, serverEventLoopUtilization: 0.9, clientCpuUtilization: 0.6, clientBound: false,
    relative: { requestsPerSecVsBaseline: rps / (1e6 / 60), requestsPerSecVsHs256: null, p99VsBaseline: null, p99VsHs256: null },
    ...extra,
  };
}

function loadDoc(runs: LoadRun[]): LoadDocument {
  return {
    schemaVersion: 2, kind: 'load', env: ENV, runs,
    config: { preset: null, scenarios: ['verify', 'mint', 'rotation', 'outage'], schemes: ['baseline', 'hs256', 'rs256', 'es256', 'eddsa'], engines: ['jose'], connections: [10], durationS: 10, tokenPoolSize: 100, repeat: 1 },
  };
}

function fullLoad(clientBoundScheme: string | null = 'baseline'): LoadDocument {
  const schemes = ['baseline', 'hs256', 'rs256', 'es256', 'eddsa'] as const;
  return loadDoc([
    ...schemes.map((s) => run('verify', s, { clientBound: s === clientBoundScheme })),
    run('mint', 'hs256'), run('mint', 'rs256'),
    // rejectedPerSecond stops at the last non-zero second: the chart pads it to the 10 s run.
    run('rotation', 'rs256', { policy: 'staged', rotation: { rotationsSeen: 2, validRejected: 0, rejectedPerSecond: [] } }),
    run('rotation', 'rs256', { policy: 'immediate', rotation: { rotationsSeen: 2, validRejected: 37, rejectedPerSecond: [0, 0, 0, 21, 9, 0, 7] } }),
    run('outage', 'rs256', { outage: { issuerStoppedAtS: 3, knownKeyFailures: 0, knownKeyRequests: 5000, unknownKidRequests: 40, unknownKidAccepted: 0, jwksFetchAttempts: 4, jwksFetchBound: 5, jwksCooldownMs: 2000 } }),
    { scenario: 'verify', scheme: 'eddsa', engine: 'jose', policy: null, connections: 10, repeat: 2, state: 'errored', error: 'server died' },
  ]);
}

const SERVICES = ['issuer', 'orders', 'billing', 'partner'];
function radius(scheme: KeyScheme, forge: (a: number, b: number) => boolean, mintingHolders: number): BlastRadius {
  const forgeable = SERVICES.map((_, a) => SERVICES.map((__, b) => forge(a, b)));
  const forgeablePairs = forgeable.flatMap((row, a) => row.filter((f, b) => f && a !== b)).length;
  return { scheme, services: SERVICES, forgeable, figures: { mintingHolders, mintingHoldersExternal: 1, forgeablePairs, rotationTouches: 3, secretDistributionPoints: 3 } };
}
const RADII = [
  radius('hs256-shared', (a, b) => b > 0 || a === 0, 4),
  radius('hs256-per-service', (a, b) => a === 0 || a === b, 4),
  radius('jwks', (a) => a === 0, 1),
];

// ---- helpers ----

// compile() ignores unknown properties, so check each spec against vega-lite's own JSON Schema too.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const vlSchema = JSON.parse(readFileSync(fileURLToPath(import.meta.resolve('vega-lite/vega-lite-schema.json')), 'utf8')) as object;
const validVegaLite = addFormats(new Ajv({ strict: false, allowUnionTypes: true })).compile(vlSchema);

/** Validates against the schema, compiles (failing on any vega-lite warning) and renders to SVG in Node. */
async function render(spec: TopLevelSpec | null): Promise<string> {
  assert.ok(spec, 'a spec');
  assert.ok(validVegaLite(spec), JSON.stringify(validVegaLite.errors?.slice(0, 3)));
  const warnings: string[] = [];
  const logger = {
    level(): number { return 2; }, // vega-util Warn: the level()-only overload returns the level
    error(...a: unknown[]) { warnings.push(`error: ${a.join(' ')}`); return logger; },
    warn(...a: unknown[]) { warnings.push(a.join(' ')); return logger; },
    info() { return logger; },
    debug() { return logger; },
  } as unknown as NonNullable<Parameters<typeof compile>[1]>['logger'];
  const compiled = compile(spec, { logger });
  assert.deepEqual(warnings, [], 'vega-lite warnings');
  const view = new vega.View(vega.parse(compiled.spec), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    // Data marks are <g class="mark-… role-mark …"> groups with drawn children (frames and axes are role-frame/role-axis).
    const drawn = [...svg.matchAll(/<g class="mark-(\w+) role-mark[^"]*"[^>]*>(<path|<line|<text|<rect)/g)];
    assert.ok(drawn.length > 0, 'the SVG draws data marks');
    return svg;
  } finally {
    view.finalize();
  }
}

/** All inline data rows of a spec, wherever they sit: the rows the report's data toggle shows. */
const rows = specRows;

// ---- tests ----

test('micro charts compile and render; medians over repeats; errored cases skipped', async () => {
  const doc = microDoc({ repeats: 3, errored: true, payloads: ['small', 'typical'] });
  for (const build of [throughputChart, overheadChart, latencyChart, scalingChart]) {
    const spec = build(doc);
    await render(spec);
    assert.ok(!rows(spec).some((r) => r.alg === 'PS256'), `${build.name} skips the errored case`);
  }
  // Throughput: one row per identity (the median of 3 repeats), 1 thread, first payload.
  const tp = rows(throughputChart(doc));
  assert.ok(tp.every((r) => r.threads === 1 && r.payload === 'small'));
  assert.equal(tp.length, 4 * 2 * 4, 'alg × op × engine/keyPrep');
  // An unstable floor figure is ringed on its tick (no offset), the engines' on their offset dots.
  const layers = JSON.parse(JSON.stringify(throughputChart(doc))).spec.layer as { transform?: { filter?: unknown }[]; encoding?: { yOffset?: unknown } }[];
  const floorRing = layers.find((l) => String(l.transform?.[0]?.filter).includes('datum.series === "node:crypto floor"'));
  assert.ok(floorRing && floorRing.encoding?.yOffset === undefined, JSON.stringify(floorRing));
  const hsSign = doc.cases.filter((c): c is CompletedCase => c.state === 'completed' && c.alg === 'HS256' && c.op === 'sign' && c.engine === 'jose'
    && c.keyPrep === 'prepared' && c.threads === 1 && c.payload === 'small').map((c) => 1e9 / c.latencyNs.p50).sort((a, b) => a - b);
  // The figure is the rate at the median time per op (core/repeats.ts), the median of the repeats'.
  const hsRow = tp.find((r) => r.label === 'HS256' && r.op === 'sign' && r.series === 'jose (prepared)')!;
  assert.ok(Math.abs(hsRow.opsPerSec as number - hsSign[1]!) < 1e-6 * hsSign[1]!, `${hsRow.opsPerSec} vs ${hsSign[1]}`);
  assert.ok((hsRow.opsLow as number) <= (hsRow.opsPerSec as number) && (hsRow.opsPerSec as number) <= (hsRow.opsHigh as number), 'the interval holds the figure');
  assert.ok(tp.some((r) => r.series === 'node:crypto floor'), 'the floor is in the data');
  assert.match(JSON.stringify(throughputChart(doc)), /payload \\"small\\" \(first of small, typical\)/);
});

test('overhead: the HS256→RS256-2048 annotation is the measured ratio', async () => {
  const doc = microDoc();
  const spec = overheadChart(doc);
  await render(spec);
  for (const op of ['sign', 'verify'] as const) {
    const c = doc.cases.find((x): x is CompletedCase => x.state === 'completed' && x.alg === 'RS256' && x.keyBits === 2048 && x.op === op
      && x.engine === 'jose' && x.keyPrep === 'prepared' && x.threads === 1)!;
    const ratio = c.derived.costVsHs256!;
    const row = rows(spec).find((r) => r.label === 'RS256-2048' && r.op === op && r.engine === 'jose');
    assert.ok(Math.abs((row?.costVsHs256 as number) - ratio) < 1e-9 * ratio, `${row?.costVsHs256} vs ${ratio}`);
    const expected = `${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(1)}× HS256`;
    assert.equal(row?.note, expected);
    assert.ok(JSON.stringify(spec).includes(`${op} ${expected.replace(' HS256', '')}`), 'the subtitle quotes it too');
  }
  // Only jose (prepared) and the floor.
  assert.deepEqual([...new Set(rows(spec).map((r) => r.series))].sort(), ['jose (prepared)', 'node:crypto floor']);
});

test('micro edge cases: a single algorithm, one thread count, nothing completed', async () => {
  const one = microDoc({ algs: ['HS256'], threads: [1] });
  for (const build of [throughputChart, overheadChart, latencyChart]) await render(build(one));
  assert.equal(scalingChart(one), null, 'no multi-thread case → no scaling chart');
  // The heatmap's cells: efficiency against ideal linear scaling (k × the 1-thread throughput).
  const scaled = rows(scalingChart(microDoc({ algs: ['ES256'] })));
  const oneThread = scaled.find((r) => r.threads === 1 && r.op === 'sign' && r.series === 'jose (prepared)')!;
  const four = scaled.find((r) => r.threads === 4 && r.op === 'sign' && r.series === 'jose (prepared)')!;
  assert.equal(four.idealOpsPerSec, 4 * (oneThread.opsPerSec as number));
  assert.equal(four.efficiency, (four.opsPerSec as number) / (4 * (oneThread.opsPerSec as number)));
  // Every multi-thread cell carries its interval and prints how far it reaches; 1 thread has none.
  assert.ok((four.efficiencyLow as number) <= (four.efficiency as number) && (four.efficiency as number) <= (four.efficiencyHigh as number), 'the interval holds the figure');
  const reach = Math.max((four.efficiency as number) - (four.efficiencyLow as number), (four.efficiencyHigh as number) - (four.efficiency as number));
  assert.equal(four.cell, `${Math.round((four.efficiency as number) * 100)}% ±${Math.round(reach * 100)} pts`);
  assert.equal(oneThread.efficiencyLow, null);
  assert.equal(oneThread.cell, '100%');
  const failed = microDoc({ algs: [], errored: true });
  for (const build of [throughputChart, overheadChart, latencyChart, scalingChart]) assert.equal(build(failed), null, build.name);
  // A run that pinned each thread count apart says so under the chart's title.
  const pinned = microDoc({ algs: ['ES256'] });
  pinned.config.pinnedByThreads = [{ threads: 1, cpus: [1] }, { threads: 4, cpus: [0, 1, 2, 3] }];
  assert.match(JSON.stringify(scalingChart(pinned)), /pinned to as many CPUs \(1 thread on CPU 1; 4 threads on CPU 0,1,2,3\)/);
  assert.doesNotMatch(JSON.stringify(scalingChart(microDoc({ algs: ['ES256'] }))), /pinned to as many CPUs/);
});

test('load and rotation charts compile and render; client-bound runs are marked', async () => {
  const doc = fullLoad('hs256');
  const load = loadChart(doc);
  const svg = await render(load);
  assert.match(svg, />client-bound<\/text>/, 'the label is drawn');
  const marked = rows(load).filter((r) => r.clientBound === true);
  assert.ok(marked.length > 0 && marked.every((r) => r.scheme === 'hs256'));
  assert.ok(!rows(load).some((r) => r.scenario === 'rotation' || r.scenario === 'outage'));
  const rs = doc.runs.find((r): r is CompletedRun => r.state === 'completed' && r.scenario === 'verify' && r.scheme === 'rs256')!;
  assert.equal(rows(load).find((r) => r.scheme === 'rs256' && r.scenario === 'verify' && r.p999 !== undefined)?.p999, rs.latencyMs.p99_9);
  assert.ok(rows(load).some((r) => r.call === 'verify' && r.scheme === 'rs256' && r.p50 === rs.serverVerifyUs!.p50 && r.p99 === rs.serverVerifyUs!.p99));
  assert.ok(rows(load).some((r) => r.call === 'sign' && r.scenario === 'mint' && r.scheme === 'rs256'), 'mint runs show their sign time');

  const rotation = rotationChart(doc);
  await render(rotation);
  const immediate = rows(rotation).filter((r) => r.policy === 'immediate');
  assert.equal(immediate.length, 10, 'padded with zeros to the 10 s run');
  assert.deepEqual(immediate.map((r) => r.rejected), [0, 0, 0, 21, 9, 0, 7, 0, 0, 0]);
  assert.equal(rows(rotation).filter((r) => r.policy === 'staged').length, 10);
  assert.ok(rows(rotation).some((r) => r.measure === 'JWKS fetch attempts' && r.count === 4 && r.bound === 5));
  // Two engines' rotation runs are two series, not one median over both libraries.
  const two = rotationChart(loadDoc([
    run('rotation', 'rs256', { policy: 'immediate', rotation: { rotationsSeen: 2, validRejected: 10, rejectedPerSecond: [10] } }),
    run('rotation', 'rs256', { engine: 'node', policy: 'immediate', rotation: { rotationsSeen: 2, validRejected: 0, rejectedPerSecond: [] } }),
  ]));
  const series = new Map(rows(two).filter((r) => r.second === 0).map((r) => [r.scheme, r.rejected]));
  assert.deepEqual(Object.fromEntries(series), { 'rs256 (jose)': 10, 'rs256 (node)': 0 });
});

test('load edge cases: empty, no client-bound run, only verify, only an outage', async () => {
  const empty = loadDoc([]);
  assert.equal(loadChart(empty), null);
  assert.equal(rotationChart(empty), null);
  const errored = loadDoc([{ scenario: 'verify', scheme: 'hs256', engine: 'jose', policy: null, connections: 10, repeat: 1, state: 'errored', error: 'x' }]);
  assert.equal(loadChart(errored), null);
  assert.equal(rotationChart(errored), null);
  const plain = loadChart(fullLoad(null));
  const svg = await render(plain);
  assert.doesNotMatch(svg, />client-bound<\/text>/);
  const single = loadChart(loadDoc([run('verify', 'baseline'), run('verify', 'hs256')]));
  await render(single);
  assert.ok(rows(single).every((r) => r.requestsPerSecLow === null), 'one repeat: no interval drawn');
  assert.match(JSON.stringify(single), /one repeat per run, so no interval on requests\/s/);
  // Three repeats: the median is the bar, the whisker spans the lowest to the highest repeat.
  const repeated = loadChart(loadDoc([1, 2, 3].flatMap((repeat) => [run('verify', 'baseline', { repeat }), run('verify', 'hs256', { repeat, requestsPerSec: 1000 * repeat + 500 })])));
  await render(repeated);
  const hs = rows(repeated).find((r) => r.scheme === 'hs256' && r.requestsPerSec !== undefined && r.call === undefined)!;
  assert.deepEqual([hs.requestsPerSec, hs.requestsPerSecLow, hs.requestsPerSecHigh], [2500, 1500, 3500]);
  assert.match(JSON.stringify(repeated), /whiskers: the lowest to the highest repeat/);
  assert.equal(rotationChart(loadDoc([run('verify', 'hs256')])), null);
  const outageOnly = loadDoc([run('outage', 'es256', { outage: { issuerStoppedAtS: 3, knownKeyFailures: 2, knownKeyRequests: 100, unknownKidRequests: 1, unknownKidAccepted: 0, jwksFetchAttempts: 9, jwksFetchBound: 5, jwksCooldownMs: 1000 } })]);
  await render(rotationChart(outageOnly));
  assert.equal(loadChart(outageOnly), null, 'no verify or mint run');
});

test('blast radius: one heatmap per scheme with its figures in the title', async () => {
  const spec = blastRadiusChart(RADII);
  await render(spec);
  const headers = new Set(rows(spec).map((r) => r.panel));
  for (const r of RADII) {
    const s = (n: number) => (n === 1 ? '' : 's');
    const expected = `${r.scheme}\n${r.figures.forgeablePairs} forgeable pair${s(r.figures.forgeablePairs)}\n${r.figures.mintingHolders} minting holder${s(r.figures.mintingHolders)}`;
    assert.ok(headers.has(expected), `${r.scheme}: ${[...headers].join(' | ')}`);
  }
  assert.equal(rows(spec).length, RADII.length * SERVICES.length ** 2);
  assert.equal(rows(spec).filter((r) => r.status === 'can forge').length, RADII.reduce((n, r) => n + r.figures.forgeablePairs, 0));
  assert.equal(blastRadiusChart([]), null);
});

test('replay and exposure: one heatmap per scheme under an audience policy, and each scheme\'s windows as bars', async () => {
  const { schemeRadii } = await import('../../reports/blast-radius/model.js');
  const { DEFAULT_TOPOLOGY } = await import('../../reports/blast-radius/topology.js');
  const radii = schemeRadii(DEFAULT_TOPOLOGY);
  const replay = replayChart(radii, 'shared-audience');
  await render(replay);
  // 30 + 5 + 30 replayable pairs in the default topology (test/unit/radius-model.test.ts)
  assert.equal(rows(replay).filter((r) => r.status === 'can replay').length, 65);
  assert.ok(rows(replay).some((r) => r.panel === 'hs256-per-service\n5 replayable pairs'));
  assert.equal(replayChart(radii, 'declared'), null, 'the default topology declares no audiences');
  const exposure = exposureChart(radii);
  await render(exposure);
  assert.deepEqual(rows(exposure).map((r) => `${r.scheme} ${r.minutes}`), ['hs256-shared 10080', 'hs256-shared 60', 'hs256-per-service 10080', 'hs256-per-service 60', 'jwks 70', 'jwks 60']);
  assert.equal(exposureChart([]), null);
});

test('decision: schemes by overhead and blast radius, one x measure', async () => {
  const points: DecisionPoint[] = [
    { scheme: 'hs256-shared', label: 'HS256, one shared secret', verifyUs: 4, throughputCostVsHs256: 1, forgeablePairs: 9, mintingHolders: 4 },
    { scheme: 'hs256-per-service', label: 'HS256, a secret per verifier', verifyUs: 4, throughputCostVsHs256: 1, forgeablePairs: 3, mintingHolders: 4 },
    { scheme: 'jwks', label: 'RS256 (2048) with JWKS', verifyUs: 45, throughputCostVsHs256: 1.3, forgeablePairs: 3, mintingHolders: 1 },
    { scheme: 'jwks', label: 'EdDSA with JWKS', verifyUs: null, throughputCostVsHs256: 1.2, forgeablePairs: 3, mintingHolders: 1 },
  ];
  const xs = (spec: TopLevelSpec | null) => rows(spec).map((r) => r.x as number).sort((a, b) => a - b);
  const all = decisionChart(points.map((p) => ({ ...p, verifyUs: p.verifyUs ?? 30 })));
  await render(all);
  assert.deepEqual(xs(all), [4, 4, 30, 45], 'server verify µs when every scheme has it');
  assert.match(JSON.stringify(all), /server-side verify time, p50 \(µs, log\)/);
  // EdDSA lacks a server figure: the cost ratio covers every scheme, so the axis uses it.
  const spec = decisionChart(points);
  await render(spec);
  assert.deepEqual(xs(spec), [1, 1, 1.2, 1.3]);
  assert.match(JSON.stringify(spec), /relative to HS256/);
  // Neither covers all: µs wins the tie and the scheme left off is named.
  const tie = decisionChart(points.map((p) => (p.label.startsWith('RS256') ? { ...p, throughputCostVsHs256: null } : p)));
  await render(tie);
  assert.deepEqual(xs(tie), [4, 4, 45]);
  assert.match(JSON.stringify(tie), /not measured on this axis: EdDSA with JWKS/);
  await render(decisionChart(points.slice(0, 1)));
  assert.equal(decisionChart([]), null);
  // Several engines: one panel each, the floor (node, the algorithm) first.
  const engines = decisionChart(points.flatMap((p) => [{ ...p, engine: 'jose', verifyUs: p.verifyUs ?? 30 }, { ...p, engine: 'node', verifyUs: (p.verifyUs ?? 30) / 10 }]));
  await render(engines);
  assert.equal(rows(engines).length, 2 * points.length);
  assert.deepEqual((engines as { facet: { column: { sort: string[] } } }).facet.column.sort, ['node', 'jose']);
  // Uncertainty: a bar through a point that has a range on the axis in use; none says so.
  assert.match(JSON.stringify(all), /one load repeat per point, so no interval/);
  const ranged = decisionChart(points.map((p) => ({ ...p, verifyUs: p.verifyUs ?? 30, verifyUsRange: [(p.verifyUs ?? 30) * 0.9, (p.verifyUs ?? 30) * 1.1] as [number, number] })));
  await render(ranged);
  assert.ok(rows(ranged).every((r) => (r.xLow as number) < (r.x as number) && (r.x as number) < (r.xHigh as number)));
  assert.match(JSON.stringify(ranged), /the lowest to the highest load repeat/);
  const microRanged = decisionChart(points.map((p) => ({ ...p, costRange: [p.throughputCostVsHs256! * 0.95, p.throughputCostVsHs256! * 1.05] as [number, number] })));
  assert.ok(rows(microRanged).every((r) => r.xLow !== null), 'the cost axis takes the cost ranges');
});

test('decision: options at one blast radius and close in cost are told apart by colour, named once each in the legend, with no text over the plot', async () => {
  // The default run's JWKS options: the same pairs, costs 1.6× to 3.2× apart, labels ~25 characters long.
  const options = [['HS256, one shared secret', 36, 1], ['HS256, a secret per verifier', 6, 1], ['RS256 (2048-bit) with JWKS', 6, 1.6], ['ES256 with JWKS', 6, 2.9], ['EdDSA (Ed25519) with JWKS', 6, 3.2], ['ML-DSA-44 with JWKS', 6, 23]] as const;
  const points: DecisionPoint[] = options.flatMap(([label, pairs, cost]) => ['node', 'jose'].map((engine) => ({
    scheme: label.startsWith('HS256') ? 'hs256' : 'jwks', engine, label, verifyUs: null, throughputCostVsHs256: engine === 'node' ? cost * 3 : cost, costSource: 'micro' as const, forgeablePairs: pairs, mintingHolders: 1,
  })));
  for (const spec of [decisionChart(points), decisionChart(points.filter((p) => p.engine === 'jose'))]) {
    const svg = await render(spec);
    assert.doesNotMatch(JSON.stringify(spec), /"type":"text"/, 'no text mark');
    const colour = colourChannels(spec);
    assert.deepEqual(colour.map((c) => c.field), ['label']);
    assert.ok(options.length <= colour[0]!.palette);
    // Drawn text is axis titles, ticks, the title and the legend: each option appears once, in the legend.
    for (const [label] of options) assert.equal(svg.split(`>${label.replace(/&/g, '&amp;')}</text>`).length - 1, 1, label);
    assert.match(svg, /role-legend/);
  }
  // A noisy ratio's interval reaching below zero keeps the log axis valid: its bar starts at the axis's left end.
  const noisy = decisionChart(points.map((p) => ({ ...p, costRange: [p.throughputCostVsHs256! - 1.8, p.throughputCostVsHs256! * 2] as [number, number] })));
  await render(noisy);
  const domain = JSON.stringify(noisy).match(/"domain":\[([^\]]+)\]/)![1]!.split(',').map(Number);
  assert.ok(domain[0]! > 0 && domain[0]! < 1, `log domain ${domain}`);
  const negative = rows(noisy).filter((r) => (r.xLow as number) <= 0);
  assert.ok(negative.length > 0 && negative.every((r) => r.xLowDrawn === domain[0]));
});

/** RS256, ES256 and EdDSA from the factory plus ML-DSA on noble-pq (and a skipped floor), with token bytes when asked. */
function pqDoc(withBytes: boolean): MicroDocument {
  const doc = microDoc({ algs: ['RS256-2048', 'ES256', 'EdDSA'], threads: [1] });
  const ML_US: Record<string, Record<Op, number>> = { 'ML-DSA-44': { sign: 5500, verify: 1450 }, 'ML-DSA-87': { sign: 16000, verify: 4200 } };
  const BYTES: Record<string, number> = { 'RS256-2048': 617, ES256: 361, EdDSA: 318, 'ML-DSA-44': 3504, 'ML-DSA-87': 6447 };
  const extra: MicroCase[] = [];
  for (const [alg, us] of Object.entries(ML_US)) {
    for (const op of ['sign', 'verify'] as const) {
      const spec = { alg: alg as AlgName, keyBits: null, op, engine: 'noble-pq' as const, keyPrep: 'prepared' as const, payload: 'small' as const, threads: 1 };
      const ns = us[op] * 1000;
      extra.push({
        ...spec, id: caseId(spec), state: 'completed', repeat: 1, opsPerSec: 1e6 / us[op], durationMs: 1000,
        latencyNs: { mean: ns, p50: ns, p75: ns, p99: ns, p999: ns }, rme: 1, samples: 100, batchMeansNs: [ns], perThread: [],
        derived: { costVsHs256: null, costVsNodeFloor: null, scalingEfficiency: null },
      });
      const floor = { ...spec, engine: 'node' as const };
      extra.push({ ...floor, id: caseId(floor), state: 'skipped', reason: 'node:crypto has no ML-DSA here', repeat: 0 });
    }
  }
  const cases = [...doc.cases, ...extra].map((c) => (withBytes && c.state === 'completed' ? { ...c, tokenBytes: BYTES[c.keyBits ? `${c.alg}-${c.keyBits}` : c.alg] } : c));
  return { ...doc, cases };
}

test('post-quantum: token sizes against the header limits and ML-DSA cost beside the classical algorithms', async () => {
  const doc = pqDoc(true);
  const sizes = tokenSizeChart(doc);
  await render(sizes);
  const data = rows(sizes);
  // the recorded bytes, one row per algorithm, and one rule per limit at the token it admits
  assert.deepEqual(data.filter((r) => 'tokenBytes' in r && 'label' in r).map((r) => [r.label, r.tokenBytes]).slice(0, 5),
    [['RS256-2048', 617], ['ES256', 361], ['EdDSA', 318], ['ML-DSA-44', 3504], ['ML-DSA-87', 6447]]);
  const budgets = data.filter((r) => 'budgetBytes' in r);
  assert.equal(budgets.length, HEADER_LIMITS.length);
  assert.ok(budgets.some((r) => r.budgetBytes === 8190 - 22 && /Apache/.test(String(r.limit))));
  assert.ok(budgets.some((r) => r.budgetBytes === 8192 && /jwtbench/.test(String(r.limit))));

  const cost = pqCostChart(doc);
  await render(cost);
  const costData = rows(cost);
  assert.deepEqual([...new Set(costData.map((r) => r.label))], ['ML-DSA-44', 'ML-DSA-87', 'RS256-2048', 'ES256', 'EdDSA']);
  assert.equal(costData.find((r) => r.label === 'ML-DSA-44' && r.op === 'verify')?.opsPerSec, 1e6 / 1450);
  assert.ok(!costData.some((r) => r.keyPrep === 'per-call'), 'prepared keys only');
  assert.ok(costData.every((r) => (r.opsLow as number) <= (r.opsPerSec as number) && (r.opsPerSec as number) <= (r.opsHigh as number)), 'every point carries its interval');
  assert.match(JSON.stringify(cost), /"x2":\{"field":"opsHigh"\}/, 'and draws it');

  // no tokenBytes recorded: no size chart, and the section says so; no ML-DSA case: no section
  assert.equal(tokenSizeChart(pqDoc(false)), null);
  assert.equal(pqCostChart(microDoc()), null);
});

test('post-quantum section: every limit has a source, the verifier limit is the servers\' own, and figures are the measured ones', () => {
  assert.equal(HEADER_LIMITS.find((l) => l.id === 'jwtbench')?.bytes, SERVER_DEFAULTS.maxTokenBytes);
  for (const l of HEADER_LIMITS) assert.ok(l.source.length > 20 && l.bytes > 0, l.id);
  assert.equal(tokenBudget(HEADER_LIMITS.find((l) => l.id === 'nginx')!), 8192 - 'Authorization: Bearer '.length);

  const topology = { source: 'test', topology: { name: 't', services: [{ name: 'issuer', issues: true }, { name: 'api', verifies: true }], edges: [] } };
  const section = (doc: MicroDocument) => {
    const blocks = buildReport({ micro: { file: 'micro.json', doc }, load: null, probe: null, topology, groups: [], options: { labels: [], targetRps: [1000], coreCostPerMonth: null } } as unknown as Parameters<typeof buildReport>[0]).blocks;
    const start = blocks.findIndex((b) => b.kind === 'heading' && b.text === POST_QUANTUM_TITLE);
    if (start < 0) return null;
    const end = blocks.findIndex((b, i) => i > start && b.kind === 'heading' && b.level <= 2);
    return blocks.slice(start, end);
  };
  const doc1 = pqDoc(true);
  const withBytes = section(doc1)!;
  const text = JSON.stringify(withBytes);
  assert.ok(withBytes.some((b) => b.kind === 'chart' && b.id === 'pq-token-size'));
  assert.ok(withBytes.some((b) => b.kind === 'chart' && b.id === 'pq-cost'));
  const tables = withBytes.filter((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table');
  const sizeRow = tables[0]!.rows.find((r) => r[0] === 'ML-DSA-44')!;
  // the verifier counts the token (8192 - 3504); Apache the header line (8190 - 22 - 3504)
  assert.deepEqual(sizeRow.slice(0, 4), ['ML-DSA-44', '3,504', 'fits (4,688 B spare)', 'fits (4,664 B spare)']);
  assert.match(text, /node skipped ML-DSA-44, ML-DSA-87: node:crypto has no ML-DSA here/);
  assert.match(text, /draft-ietf-cose-dilithium-11/);
  // the verify ratio is the RS256-2048 floor's measured ops/s over ML-DSA-44's
  const floorVerify = doc1.cases.find((c) => c.state === 'completed' && c.alg === 'RS256' && c.engine === 'node' && c.op === 'verify') as CompletedCase;
  const costRow = tables[1]!.rows.find((r) => r[0] === 'ML-DSA-44')!;
  assert.deepEqual(costRow.slice(0, 4), ['ML-DSA-44', 'noble-pq (prepared)', '182', '690']);
  assert.equal(costRow[5], `${Math.round(floorVerify.opsPerSec / (1e6 / 1450))}×`);
  assert.match(JSON.stringify(section(pqDoc(false))), /Token sizes: not recorded/);
  assert.equal(section(microDoc()), null);
});

/** Every colour channel mapping a data field to categories, with how many colours its scale can show. */
function colourChannels(spec: unknown): { field: string; palette: number }[] {
  if (Array.isArray(spec)) return spec.flatMap(colourChannels);
  if (spec === null || typeof spec !== 'object') return [];
  const o = spec as Record<string, unknown>;
  const here = ['color', 'fill', 'stroke'].flatMap((k) => {
    const c = o[k] as { field?: string; type?: string; scale?: { range?: unknown[] } } | undefined;
    if (!c || typeof c !== 'object' || typeof c.field !== 'string' || c.type === 'quantitative') return [];
    // An explicit range shows as many colours as it lists; otherwise vega-lite's tableau10 shows 10.
    return [{ field: c.field, palette: Array.isArray(c.scale?.range) ? c.scale!.range!.length : 10 }];
  });
  return [...here, ...Object.entries(o).filter(([k]) => k !== 'data').flatMap(([, v]) => colourChannels(v))];
}

test('the methodology says where the micro run\'s threads ran', () => {
  const topology = { source: 'test', topology: { name: 't', services: [{ name: 'issuer', issues: true }, { name: 'api', verifies: true }], edges: [] } };
  const methodology = (doc: MicroDocument) => {
    const blocks = buildReport({ micro: { file: 'micro.json', doc }, load: null, probe: null, topology, groups: [], options: { labels: [], targetRps: [1000], coreCostPerMonth: null } } as unknown as Parameters<typeof buildReport>[0]).blocks;
    return JSON.stringify(blocks.slice(blocks.findIndex((b) => b.kind === 'heading' && b.text === 'Methodology and caveats')));
  };
  const doc = microDoc({ algs: ['HS256'] });
  assert.match(methodology(doc), /Microbenchmarks ran unpinned/);
  assert.match(methodology({ ...doc, config: { ...doc.config, pinnedCpu: 1 } }), /pinned to CPU 1 \(taskset\)/);
  assert.match(methodology({ ...doc, config: { ...doc.config, pinnedByThreads: [{ threads: 1, cpus: [1] }, { threads: 2, cpus: [0, 1] }] } }), /1 thread on CPU 1; 2 threads on CPU 0,1\): scaling is k threads on k CPUs/);
  assert.match(methodology({ ...doc, env: { ...doc.env, cores: 2, usableCores: 1 } }), /on one CPU of 2 \(pinned from outside\)/);
});

test('no chart maps more categories to colour than its palette tells apart, at the full matrix', async () => {
  const { capacityChart } = await import('../../reports/charts/capacity.js');
  const { comparisonMicroChart, comparisonLoadChart } = await import('../../reports/charts/comparison.js');
  const full = microDoc({ algs: Object.keys(BASE_US), threads: [1, 2, 4, 8], payloads: ['small', 'typical'] });
  assert.equal(new Set(full.cases.map((c) => c.alg + c.keyBits)).size, 13);
  const envs = Array.from({ length: 12 }, (_, i) => `machine ${i + 1}`);
  const specs: [string, TopLevelSpec | null][] = [
    ...[throughputChart, overheadChart, latencyChart, scalingChart].map((b) => [b.name, b(full)] as [string, TopLevelSpec | null]),
    ['load', loadChart(fullLoad())], ['rotation', rotationChart(fullLoad())], ['blast radius', blastRadiusChart(RADII)],
    ['comparison micro (3 environments)', comparisonMicroChart(envs.slice(0, 3).flatMap((environment) => ['HS256', 'ES256'].map((alg) => ({ environment, alg, op: 'verify' as const, opsPerSec: 1000, costVsHs256: alg === 'HS256' ? 1 : 40, costLow: alg === 'HS256' ? 1 : 38, costHigh: alg === 'HS256' ? 1 : 42 }))))],
    ['comparison micro (12 environments)', comparisonMicroChart(envs.flatMap((environment) => ['HS256', 'ES256'].map((alg) => ({ environment, alg, op: 'verify' as const, opsPerSec: 1000, costVsHs256: alg === 'HS256' ? 1 : 40, costLow: null, costHigh: null }))))],
    ['comparison load (12 environments)', comparisonLoadChart(envs.flatMap((environment) => ['hs256', 'rs256'].map((scheme) => ({ environment, scheme, requestsPerSec: 9000, vsHs256: 1 }))))],
    ['capacity', capacityChart(envs.slice(0, 2).map((label) => ({ label, capacity: { targetRps: [1000, 10000], coreCostPerMonth: null, figure: 'test', rows: ['baseline', 'hs256', 'rs256', 'es256', 'eddsa'].map((scheme, i) => ({ scheme, base: scheme, engine: null, cpuPerRequestUs: 20 + i * 10, cores: [0.02 + i / 100, 0.2 + i / 10], overHs256Cores: null, overBaselineCores: null, costPerMonth: null })) } })))],
  ];
  for (const [name, spec] of specs) {
    await render(spec);
    const data = rows(spec);
    for (const { field, palette } of colourChannels(spec)) {
      const categories = new Set(data.map((r) => r[field]).filter((v) => v !== undefined));
      assert.ok(categories.size <= palette, `${name}: ${categories.size} values of ${field} in a palette of ${palette}`);
    }
  }
});

test('the decision chart puts one measure on its x axis: micro cost for every point when there is micro', () => {
  const point = (scheme: string, engine: string, cost: number, source: 'micro' | 'load', verifyUs: number | null) => ({
    scheme, engine, label: scheme, verifyUs, verifyUsRange: null, throughputCostVsHs256: cost, costRange: null, costSource: source, forgeablePairs: 6, mintingHolders: 1,
  });
  const spec = decisionChart([point('hs256-shared', 'jose', 1, 'micro', 200), point('jwks', 'jose', 2.2, 'micro', 260)]) as unknown as { data: { values: { x: number }[] }; layer: { encoding?: { x?: { title?: string } } }[] };
  assert.deepEqual(spec.data.values.map((v) => v.x).sort(), [1, 2.2], 'the micro ratios, not the server µs');
  assert.match(JSON.stringify(spec), /verify time per op relative to HS256, micro/);
  const load = decisionChart([point('hs256-shared', 'jose', 1, 'load', null), point('jwks', 'jose', 1.23, 'load', null)]);
  assert.match(JSON.stringify(load), /server cost relative to HS256: its requests\/s ÷ this one's/);
});

test('history trend: a panel per series renders, runs set aside in grey crosses of their own, change marks keep their colours', async () => {
  const values = Array.from({ length: 30 }, (_, i) => (i >= 15 ? 900 : 1000) * (1 + 0.004 * Math.sin(i * 1.7)) / (i === 8 ? 1.1 : 1));
  const series = Array.from({ length: 5 }, (_, k): Series => ({
    key: `micro/C${k}@env`, case: `micro/C${k}`, measure: 'time', unit: 'ops/s', better: 'higher', env: 'env', environment: null,
    runs: values.map((v, i) => ({ entry: `e${i}`, commit: `c${i}`, label: null, branch: null, time: '', value: k === 0 ? v : 1000 * (1 + 0.004 * Math.cos(i * 1.3 + k)) / (i === 8 ? 1.1 : 1), interval: null })),
  }));
  const { changes, setAside } = historyChanges(series, CHANGE_DEFAULTS);
  assert.deepEqual(setAside.map((r) => r.entry), ['e8']);
  const spec = historyTrendChart(series[0]!, changes.filter((c) => c.series === series[0]), new Set(['e8']));
  await render(spec);
  const layers = (spec as { layer: { mark: { color?: string; shape?: string }; data: { values: { run_was?: string }[] } }[] }).layer;
  const crosses = layers.find((l) => l.mark.shape === 'cross')!;
  assert.deepEqual(crosses.data.values.map((r) => r.run_was), ['set aside: every case moved at once']);
  assert.ok(!layers.some((l) => l.mark.color === undefined && l.data.values.some((r) => r.run_was)), 'run points carry a fixed colour, not a scale shared with the change marks');
});
