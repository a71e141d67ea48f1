// Throughput against worker threads, per algorithm, op and engine, beside ideal linear scaling
// (k × the 1-thread throughput) dashed: the gap is what contention or the libuv pool costs.
import type { TopLevelSpec } from 'vega-lite';
import type { MicroDocument } from '../../bench/micro-results.js';
import { LEGEND_BELOW, PANEL_WIDTH, SCHEMA, microRows, uniq } from './throughput.js';

const MEASURED = 'measured';
const IDEAL = 'ideal (k × 1 thread)';

export function scalingChart(micro: MicroDocument): TopLevelSpec | null {
  const all = microRows(micro).filter((r) => r.opsPerSec > 0);
  if (!all.some((r) => r.threads > 1)) return null;
  // One payload, as in the other charts; prefer one that was measured at several thread counts.
  const multi = uniq(all.filter((r) => r.threads > 1).map((r) => r.payload));
  const payload = micro.config.matrix.payloads.find((p) => multi.includes(p)) ?? multi[0]!;
  const rows = all.filter((r) => r.payload === payload);
  const identity = (r: (typeof rows)[number]) => `${r.label}|${r.op}|${r.series}`;
  const single = new Map(rows.filter((r) => r.threads === 1).map((r) => [identity(r), r.opsPerSec]));
  const values = rows.flatMap((r) => {
    const base = { label: r.label, op: r.op, series: r.series, threads: r.threads, efficiency: r.scalingEfficiency, unstable: r.unstable };
    const one = single.get(identity(r));
    return [
      { ...base, kind: MEASURED, opsPerSec: r.opsPerSec, opsLow: r.opsLow, opsHigh: r.opsHigh, efficiencyLow: r.efficiencyLow, efficiencyHigh: r.efficiencyHigh },
      ...(one === undefined ? [] : [{ ...base, kind: IDEAL, opsPerSec: one * r.threads }]),
    ];
  });
  const threads = uniq(rows.map((r) => r.threads)).sort((a, b) => a - b);
  const series = uniq(rows.map((r) => r.series));
  const domain = [threads[0]!, threads.at(-1)!];
  const encoding = {
    x: { field: 'threads', type: 'quantitative', title: 'worker threads', scale: { domain }, axis: { values: threads, format: 'd' } },
    y: { field: 'opsPerSec', type: 'quantitative', title: 'throughput (ops/s, log)', scale: { type: 'log' }, axis: { format: '~s' } },
    color: { field: 'label', type: 'nominal', title: 'algorithm', sort: uniq(rows.map((r) => r.label)) },
  } as const;
  return {
    $schema: SCHEMA,
    title: { text: 'Thread scaling', subtitle: [`throughput against worker threads, log scale; dashed = ${IDEAL}`, `payload "${payload}"; one row of panels per engine (key prep); bar = the interval of the median of the repeats`] },
    data: { values },
    facet: {
      column: { field: 'op', type: 'nominal', title: null, sort: uniq(rows.map((r) => r.op)).sort() },
      row: { field: 'series', type: 'nominal', title: null, sort: series },
    },
    spec: {
      width: PANEL_WIDTH,
      height: 130,
      layer: [
        {
          mark: { type: 'line', strokeWidth: 1.5 },
          encoding: {
            ...encoding,
            strokeDash: { field: 'kind', type: 'nominal', title: null, legend: { labelLimit: 240 }, sort: [MEASURED, IDEAL], scale: { domain: [MEASURED, IDEAL], range: [[1, 0], [4, 3]] } },
          },
        },
        {
          transform: [{ filter: { field: 'kind', equal: MEASURED } }],
          mark: { type: 'rule', strokeWidth: 1.5 },
          encoding: { ...encoding, y: { ...encoding.y, field: 'opsLow' }, y2: { field: 'opsHigh' } },
        },
        {
          transform: [{ filter: { field: 'kind', equal: MEASURED } }],
          mark: { type: 'point', filled: true, size: 40 },
          encoding: {
            ...encoding,
            tooltip: [
              { field: 'label', title: 'algorithm' }, { field: 'series', title: 'engine (key prep)' }, { field: 'op', title: 'operation' },
              { field: 'threads', title: 'threads', type: 'quantitative' },
              { field: 'opsPerSec', title: 'ops/s', type: 'quantitative', format: ',.0f' },
              { field: 'efficiency', title: 'scaling efficiency', type: 'quantitative', format: '.0%' },
              { field: 'efficiencyLow', title: 'efficiency interval low', type: 'quantitative', format: '.0%' },
              { field: 'efficiencyHigh', title: 'efficiency interval high', type: 'quantitative', format: '.0%' },
              { field: 'unstable', title: 'unstable' },
            ],
          },
        },
      ],
    },
    config: LEGEND_BELOW,
  };
}
