// The reference servers under load: requests/s and client-side latency per scheme against the
// no-auth baseline, then the server-measured time of the verify (and sign) call itself. Runs where
// the load generator was the bottleneck are faded and labelled: their rates are a floor, not speed.
import type { TopLevelSpec } from 'vega-lite';
import type { CompletedRun, LoadDocument } from '../../core/results/load.js';
import { median } from '../../core/stats.js';
import type { View } from './rotation.js';
import { LOAD_PANEL_SCENARIOS as SCENARIOS } from './scenario-layers.js';
import { SCHEMA, uniq } from './throughput.js';
import { schemeOf } from './run-scheme.js';

type Layer = Extract<Extract<Extract<View, { facet: unknown }>['spec'], { layer: unknown }>['layer'][number], { mark: unknown }>;
const CLIENT_BOUND = 'client-bound';
const fade = { condition: { test: 'datum.clientBound', value: 0.35 }, value: 1 } as const;

/** Median per (scenario, scheme) at the lowest connection count of each scenario, as the report text quotes. */
function loadRows(doc: LoadDocument) {
  const done = doc.runs.filter((r): r is CompletedRun => r.state === 'completed' && SCENARIOS.includes(r.scenario));
  const groups = new Map<string, CompletedRun[]>();
  for (const scenario of SCENARIOS) {
    const runs = done.filter((r) => r.scenario === scenario);
    if (runs.length === 0) continue;
    // The lowest count per client: Artillery's virtual users are not autocannon's connections.
    const client = (r: CompletedRun) => r.client ?? 'autocannon';
    const lowest = (c: string) => Math.min(...runs.filter((r) => client(r) === c).map((r) => r.connections));
    for (const r of runs.filter((x) => x.connections === lowest(client(x)))) {
      const key = `${r.scenario}|${schemeOf(r)}|${r.engine}`;
      groups.set(key, [...(groups.get(key) ?? []), r]);
    }
  }
  return [...groups.values()].map((rs) => {
    const first = rs[0]!;
    const med = (get: (r: CompletedRun) => number | null | undefined) => median(rs.map(get).filter((x): x is number => typeof x === 'number' && Number.isFinite(x)));
    const bound = rs.filter((r) => r.clientBound).length;
    return {
      scenario: first.scenario, scheme: schemeOf(first), connections: first.connections, repeats: rs.length,
      // one bar per scheme × engine; the baseline and target runs have no engine
      engine: first.engine ?? 'none', run: first.engine ? `${schemeOf(first)} ${first.engine}` : schemeOf(first),
      requestsPerSec: med((r) => r.requestsPerSec),
      // With several repeats, the whisker spans them all: the spread a reader should expect again. One repeat has none.
      requestsPerSecLow: rs.length > 1 ? Math.min(...rs.map((r) => r.requestsPerSec)) : null,
      requestsPerSecHigh: rs.length > 1 ? Math.max(...rs.map((r) => r.requestsPerSec)) : null,
      p50: med((r) => r.latencyMs.p50), p90: med((r) => r.latencyMs.p90),
      p99: med((r) => r.latencyMs.p99), p999: med((r) => r.latencyMs.p99_9),
      verifyP50: med((r) => r.serverVerifyUs?.p50), verifyP99: med((r) => r.serverVerifyUs?.p99),
      signP50: med((r) => r.serverSignUs?.p50), signP99: med((r) => r.serverSignUs?.p99),
      vsBaseline: med((r) => r.relative.requestsPerSecVsBaseline),
      // Marked when any repeat was client-bound: the median may then be the client's limit.
      clientBound: bound > 0, clientBoundRepeats: bound, marker: bound > 0 ? CLIENT_BOUND : '',
    };
  });
}

export function loadChart(load: LoadDocument): TopLevelSpec | null {
  const rows = loadRows(load);
  if (rows.length === 0) return null;
  const scenarios = SCENARIOS.filter((s) => rows.some((r) => r.scenario === s));
  const schemeOrder = uniq(['baseline', ...rows.map((r) => r.scheme)]);
  const engineOrder = ['none', 'node', 'jose', 'fast-jwt'];
  const schemes = [...rows].sort((a, b) => schemeOrder.indexOf(a.scheme) - schemeOrder.indexOf(b.scheme) || engineOrder.indexOf(a.engine) - engineOrder.indexOf(b.engine))
    .map((r) => r.run).filter((run, i, all) => all.indexOf(run) === i);
  const engines = engineOrder.filter((e) => rows.some((r) => r.engine === e));
  // About 48 px per scheme in the fullest panel, bars a fixed 30 px: few schemes keep slim bars.
  // (A width step would be neater, but with independent x in layered facets vega-lite warns it
  // cannot size the panels from the filtered/folded layers.)
  const width = (panels: string[]) => {
    const counts = new Map<string, number>();
    for (const p of panels) counts.set(p, (counts.get(p) ?? 0) + 1);
    return Math.max(120, 48 * Math.max(...counts.values()));
  };
  const conns = uniq(rows.map((r) => `${r.scenario} ${r.connections}`)).join(', ');
  const x = { field: 'run', type: 'nominal', title: 'scheme and engine', sort: schemes, axis: { labelAngle: -30 } } as const;
  const common = [
    { field: 'scheme', title: 'scheme' }, { field: 'engine', title: 'engine' }, { field: 'scenario', title: 'scenario' }, { field: 'connections', title: 'connections', type: 'quantitative' },
    { field: 'clientBoundRepeats', title: 'client-bound repeats', type: 'quantitative' }, { field: 'repeats', title: 'repeats (median shown)', type: 'quantitative' },
  ] as const;
  // The "client-bound" text over a run's mark, at the top of what that view plots.
  const label = (y: string): Layer => ({
    transform: [{ filter: 'datum.clientBound' }],
    mark: { type: 'text', dy: -6, baseline: 'bottom', fontSize: 10, fontStyle: 'italic' },
    encoding: { x, y: { field: y, type: 'quantitative' }, text: { field: 'marker' } },
  });
  // Panels per scenario (or call) each get their own x: mint runs have no baseline and fewer schemes.
  const panels = (field: string, sort: string[], suffix: string) => ({
    facet: { column: { field, type: 'nominal', title: null, sort, header: { labelExpr: `datum.value + '${suffix}'`, labelFontWeight: 'bold' } } },
    resolve: { scale: { x: 'independent' } },
  } as const);
  const throughput: View = {
    title: 'Requests per second (dashed line: the no-auth baseline)',
    data: { values: rows },
    ...panels('scenario', scenarios, ' scenario'),
    spec: {
      width: width(rows.map((r) => r.scenario)), height: 160,
      layer: [
        {
          mark: { type: 'bar', stroke: '#333', width: 30 },
          encoding: {
            x,
            y: { field: 'requestsPerSec', type: 'quantitative', title: 'requests/s', axis: { format: '~s' } },
            color: { field: 'engine', type: 'nominal', sort: engines, title: 'engine' },
            opacity: fade,
            strokeDash: { condition: { test: 'datum.clientBound', value: [3, 2] }, value: [1, 0] },
            strokeWidth: { condition: { test: 'datum.clientBound', value: 1.5 }, value: 0 },
            tooltip: [...common, { field: 'requestsPerSec', title: 'requests/s', type: 'quantitative', format: ',.0f' },
              { field: 'requestsPerSecLow', title: 'lowest repeat', type: 'quantitative', format: ',.0f' },
              { field: 'requestsPerSecHigh', title: 'highest repeat', type: 'quantitative', format: ',.0f' },
              { field: 'vsBaseline', title: 'vs baseline', type: 'quantitative', format: '.0%' }],
          },
        },
        {
          transform: [{ filter: 'datum.requestsPerSecLow !== null' }],
          mark: { type: 'rule', color: '#222', strokeWidth: 1.5 },
          encoding: { x, y: { field: 'requestsPerSecLow', type: 'quantitative' }, y2: { field: 'requestsPerSecHigh' } },
        },
        label('requestsPerSec'),
        { transform: [{ filter: { field: 'scheme', equal: 'baseline' } }], mark: { type: 'rule', strokeDash: [4, 3], color: '#555' }, encoding: { y: { field: 'requestsPerSec', type: 'quantitative' } } },
      ],
    },
  };
  const latency: View = {
    title: 'Client-side latency, p50 → p99.9 (ms)',
    data: { values: rows },
    ...panels('scenario', scenarios, ' scenario'),
    spec: {
      width: width(rows.map((r) => r.scenario)), height: 160,
      layer: [
        {
          mark: { type: 'rule', strokeWidth: 2 },
          encoding: {
            x, opacity: fade,
            // symlog, not log: the load client's percentiles are whole milliseconds, so 0 is common.
            y: { field: 'p50', type: 'quantitative', title: 'latency (ms, symlog)', scale: { type: 'symlog' } }, y2: { field: 'p999' },
            color: { field: 'engine', type: 'nominal', sort: engines, legend: null },
            tooltip: [...common, ...(['p50', 'p90', 'p99'] as const).map((p) => ({ field: p, title: `${p} (ms)`, type: 'quantitative', format: ',.2f' } as const)),
              { field: 'p999', title: 'p99.9 (ms)', type: 'quantitative', format: ',.2f' }],
          },
        },
        {
          // Field names hold no dots (Vega-Lite reads "p99.9" as a nested field): name p999 for display.
          transform: [{ fold: ['p50', 'p90', 'p99', 'p999'], as: ['percentile', 'ms'] }, { calculate: "datum.percentile === 'p999' ? 'p99.9' : datum.percentile", as: 'percentileName' }],
          mark: { type: 'point', filled: true, size: 40, color: '#333' },
          encoding: {
            x, opacity: fade,
            y: { field: 'ms', type: 'quantitative' },
            shape: { field: 'percentileName', type: 'nominal', title: 'percentile', sort: ['p50', 'p90', 'p99', 'p99.9'] },
            tooltip: [...common, { field: 'percentileName', title: 'percentile' }, { field: 'ms', title: 'ms', type: 'quantitative', format: ',.2f' }],
          },
        },
        label('p999'),
      ],
    },
  };
  const views: View[] = [throughput, latency];
  // Server-side time per call: verify in verify runs, sign in mint runs (a bar to p50, a whisker to p99).
  const server = rows.flatMap((r) => [
    { call: 'verify', p50: r.verifyP50, p99: r.verifyP99 }, { call: 'sign', p50: r.signP50, p99: r.signP99 },
  ].filter((c) => c.p50 !== null && c.p99 !== null).map((c) => ({ ...r, ...c })));
  if (server.length > 0) {
    const calls = uniq(server.map((s) => s.call));
    views.push({
      title: 'Time inside the server per call (µs): bar = p50, whisker = p99',
      data: { values: server },
      ...panels('call', calls, ' call'),
      spec: {
        width: width(server.map((r) => r.call)), height: 140,
        encoding: { x },
        layer: [
          {
            mark: { type: 'bar', color: '#6baed6', width: 30 },
            encoding: {
              opacity: fade,
              y: { field: 'p50', type: 'quantitative', title: 'µs per call' },
              tooltip: [...common, { field: 'call', title: 'call' }, { field: 'p50', title: 'p50 (µs)', type: 'quantitative', format: ',.1f' },
                { field: 'p99', title: 'p99 (µs)', type: 'quantitative', format: ',.1f' }],
            },
          },
          { mark: { type: 'rule', color: '#08519c' }, encoding: { y: { field: 'p50', type: 'quantitative' }, y2: { field: 'p99' } } },
          { mark: { type: 'tick', color: '#08519c', thickness: 2, size: 20 }, encoding: { y: { field: 'p99', type: 'quantitative' } } },
          label('p99'),
        ],
      },
    });
  }
  const bound = rows.filter((r) => r.clientBound).length;
  return {
    $schema: SCHEMA,
    title: {
      text: rows.every((r) => r.scenario === 'target') ? 'Your target under load (client-side figures only)' : 'Reference servers under load',
      subtitle: [`median of repeats; connections: ${conns}`,
        rows.some((r) => r.repeats > 1) ? 'requests/s whiskers: the lowest to the highest repeat' : 'one repeat per run, so no interval on requests/s: load --repeat 3 draws the range of repeats',
        ...(bound > 0 ? [`faded, dashed and labelled "${CLIENT_BOUND}": ${bound} run${bound === 1 ? '' : 's'} where the load generator, not the server, was the limit`] : [])],
    },
    vconcat: views,
    resolve: { scale: { color: 'independent', shape: 'independent' } },
  };
}
