// Thread scaling as a heatmap: scaling efficiency (throughput at k threads ÷ k × the 1-thread
// throughput) per algorithm and thread count, one panel per operation and engine. A line per
// algorithm stopped being readable past ten algorithms (colours repeat in the palette); a cell
// per (algorithm, threads) stays readable at the full matrix, and 100% is ideal linear scaling.
// Each cell prints its interval's reach beside the figure (`104% ±7 pts`): above 100% on a machine
// with enough cores is noise unless the interval stays above it, and a cell says which.
import type { TopLevelSpec } from 'vega-lite';
import type { NonNormalizedSpec } from 'vega-lite/types_unstable/spec/index.js';
import type { MicroDocument } from '../../core/results/micro.js';
import { describePlacement } from '../../core/placement.js';
import { LEGEND_BELOW, SCHEMA, intervalTooltip, microRows, uniq } from './throughput.js';

export function scalingChart(micro: MicroDocument): TopLevelSpec | null {
  const all = microRows(micro).filter((r) => r.opsPerSec > 0);
  if (!all.some((r) => r.threads > 1)) return null;
  // One payload, as in the other charts; prefer one that was measured at several thread counts.
  const multi = uniq(all.filter((r) => r.threads > 1).map((r) => r.payload));
  const payload = micro.config.matrix.payloads.find((p) => multi.includes(p)) ?? multi[0]!;
  const rows = all.filter((r) => r.payload === payload);
  const identity = (r: (typeof rows)[number]) => `${r.label}|${r.op}|${r.series}`;
  const single = new Map(rows.filter((r) => r.threads === 1).map((r) => [identity(r), r.opsPerSec]));
  const busyOne = new Map(rows.filter((r) => r.threads === 1).map((r) => [identity(r), r.threadBusy]));
  // Only rows with a 1-thread figure have an efficiency; the ideal is k × that figure.
  const values = rows.flatMap((r) => {
    const one = single.get(identity(r));
    if (one === undefined) return [];
    // The figure's own efficiency (rounds paired, core/repeats.ts), so the cell matches its interval.
    const efficiency = r.threads > 1 && r.scalingEfficiency !== null ? r.scalingEfficiency : r.opsPerSec / (one * r.threads);
    // core/repeats.ts's interval of the ratio (from the rounds both ran in); none for 1 thread
    const [low, high] = r.threads > 1 && r.efficiencyLow !== null && r.efficiencyHigh !== null ? [r.efficiencyLow, r.efficiencyHigh] : [null, null];
    const reach = low === null || high === null ? null : Math.max(efficiency - low, high - efficiency);
    return [{
      label: r.label, op: r.op, series: r.series, threads: r.threads, opsPerSec: r.opsPerSec, idealOpsPerSec: one * r.threads, efficiency,
      efficiencyLow: low, efficiencyHigh: high, unstable: r.unstable, superlinear: r.superlinear, threadBusy: busyOne.get(identity(r)) ?? null,
      // The reach in percentage points of efficiency ("31% ±20 pts"): a relative ± would read as ±65% here.
      cell: `${Math.round(efficiency * 100)}%${reach === null ? '' : ` ±${Math.round(reach * 100)} pts`}${r.superlinear === null ? '' : '*'}`,
    }];
  });
  if (!values.some((v) => v.threads > 1)) return null;
  const threads = uniq(values.map((r) => r.threads)).sort((a, b) => a - b);
  const ops = uniq(values.map((r) => r.op)).sort();
  const encoding = (labels: string[], last: boolean) => ({
    // the axis title once, under the last block
    x: { field: 'threads', type: 'ordinal', title: last ? 'worker threads' : null, sort: threads, axis: { labelAngle: 0 } },
    y: { field: 'label', type: 'nominal', title: null, sort: labels },
  } as const);
  const engines = uniq(values.map((r) => r.series));
  // One block per engine with only the algorithms it ran (noble-pq runs ML-DSA alone): a view
  // of its own data each, because a facet with independent scales over layers is not supported.
  const block = (series: string, i: number): NonNormalizedSpec => {
    const mine = values.filter((v) => v.series === series);
    const enc = encoding(uniq(mine.map((r) => r.label)), i === engines.length - 1);
    return {
      // the engine's name over its block, where the eye starts reading it
      title: { text: series, anchor: 'start', fontSize: 12, fontWeight: 'bold' },
      data: { values: mine },
      facet: {
        // sign / verify over the first block's columns only: the blocks below line up with them
        column: { field: 'op', type: 'nominal', title: null, sort: ops, header: { labels: i === 0 } },
      },
      spec: {
        width: Math.max(120, 56 * threads.length),
        height: { step: 18 },
        layer: [
          {
            mark: { type: 'rect' },
            encoding: {
              ...enc,
              color: { field: 'efficiency', type: 'quantitative', title: 'scaling efficiency', scale: { scheme: 'viridis', domain: [0, 1], clamp: true }, legend: { format: '.0%' } },
              tooltip: [
                { field: 'label', title: 'algorithm' }, { field: 'series', title: 'engine (key prep)' }, { field: 'op', title: 'operation' },
                { field: 'threads', title: 'threads', type: 'quantitative' },
                { field: 'opsPerSec', title: 'ops/s', type: 'quantitative', format: ',.0f' },
                { field: 'idealOpsPerSec', title: 'ideal ops/s (k × 1 thread)', type: 'quantitative', format: ',.0f' },
                { field: 'efficiency', title: 'scaling efficiency', type: 'quantitative', format: '.0%' },
                ...intervalTooltip('efficiencyLow', 'efficiencyHigh', '.0%', 'efficiency'),
                { field: 'threadBusy', title: 'busy at 1 thread (event-loop utilisation)', type: 'quantitative', format: '.0%' },
                { field: 'superlinear', title: 'why above 100%' },
                { field: 'unstable', title: 'unstable' },
              ],
            },
          },
          {
            mark: { type: 'rect', fill: null, stroke: '#d62728', strokeWidth: 2 },
            transform: [{ filter: 'datum.unstable !== null' }],
            encoding: enc,
          },
          {
            mark: { type: 'text', fontSize: 9 },
            encoding: {
              ...enc,
              text: { field: 'cell', type: 'nominal' },
              // Light text on the dark (low) end of viridis, dark on the light end.
              color: { condition: { test: 'datum.efficiency < 0.6', value: 'white' }, value: 'black' },
            },
          },
        ],
      },
    };
  };
  return {
    $schema: SCHEMA,
    title: { text: 'Thread scaling', subtitle: ['scaling efficiency: throughput at k threads ÷ (k × throughput at 1 thread); 100% = ideal linear scaling', '± how far its interval reaches, in percentage points of efficiency (docs/statistics.md); a red outline marks an unstable case',
      ...(micro.config.pinnedByThreads ? [`each thread count ran in its own process pinned to as many CPUs (${describePlacement(micro.config.pinnedByThreads)})`] : []),
      ...(values.some((v) => v.superlinear !== null) ? ['* above 100% for real: at 1 thread the engine waited on its async calls (busy share in the tooltip), time more threads use'] : []),
      `payload "${payload}"; one block per engine (key prep)`] },
    vconcat: engines.map(block),
    // one colour scale and legend for every block: 0-100% means the same everywhere
    resolve: { scale: { color: 'shared' } },
    config: LEGEND_BELOW,
  };
}
