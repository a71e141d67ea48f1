// The post-quantum horizon in two charts: the recorded token size of each algorithm against the
// token budget each header limit leaves, and the sign/verify throughput of ML-DSA beside the
// classical JWKS algorithms.
import type { TopLevelSpec } from 'vega-lite';
import type { MicroDocument } from '../../core/results/micro.js';
import { HEADER_LIMITS, bytesCounted, type HeaderLimit } from '../header-limits.js';
import { costRows, tokenSizes } from '../post-quantum-figures.js';
import { CASE_TOOLTIP, LEGEND_BELOW, PANEL_WIDTH, SCHEMA, UNSTABLE_NOTE, intervalTooltip, seriesScale, unstableRing, uniq, bandHeight, panelPerOp } from './throughput.js';

/** The largest token a limit admits: its size less the `Authorization: Bearer ` prefix when it counts the line. */
export function tokenBudget(limit: HeaderLimit): number {
  return limit.bytes - bytesCounted(limit, 0);
}

export function tokenSizeChart(micro: MicroDocument, limits: readonly HeaderLimit[] = HEADER_LIMITS): TopLevelSpec | null {
  const sizes = tokenSizes(micro);
  if (sizes.length === 0) return null;
  const labels = sizes.map((s) => s.label);
  const budgets = limits.map((l) => ({ limit: `${l.label} (${l.bytes.toLocaleString('en-US')} B ${l.counts})`, budgetBytes: tokenBudget(l) }));
  const x = { type: 'quantitative', title: 'token bytes (compact JWS)' } as const;
  return {
    $schema: SCHEMA,
    title: { text: 'Token size against header limits', subtitle: ['recorded token bytes per algorithm; a line: the largest token a limit admits', 'for header-line limits, the limit less "Authorization: Bearer " (22 bytes)'] },
    width: PANEL_WIDTH * 2,
    height: labels.length * 18,
    layer: [
      {
        data: { values: sizes },
        mark: { type: 'bar', color: '#4c78a8', opacity: 0.85 },
        encoding: {
          y: { field: 'label', type: 'nominal', title: 'algorithm', sort: labels },
          x: { field: 'tokenBytes', ...x },
          tooltip: [{ field: 'label', title: 'algorithm' }, { field: 'tokenBytes', title: 'token bytes', type: 'quantitative', format: ',d' }],
        },
      },
      {
        data: { values: sizes },
        mark: { type: 'text', align: 'left', dx: 3, fontSize: 10 },
        encoding: {
          y: { field: 'label', type: 'nominal', sort: labels },
          x: { field: 'tokenBytes', ...x },
          text: { field: 'tokenBytes', type: 'quantitative', format: ',d' },
        },
      },
      {
        data: { values: budgets },
        mark: { type: 'rule', strokeWidth: 1.5, strokeDash: [4, 3] },
        encoding: {
          x: { field: 'budgetBytes', ...x },
          color: { field: 'limit', type: 'nominal', title: 'limit (default)', sort: budgets.map((b) => b.limit) },
          tooltip: [{ field: 'limit', title: 'limit' }, { field: 'budgetBytes', title: 'largest token admitted (bytes)', type: 'quantitative', format: ',d' }],
        },
      },
    ],
    config: { legend: { orient: 'bottom', direction: 'vertical' } },
  };
}

export function pqCostChart(micro: MicroDocument): TopLevelSpec | null {
  const rows = costRows(micro);
  if (!rows.some((r) => r.label.startsWith('ML-DSA'))) return null;
  const labels = uniq(rows.map((r) => r.label));
  const series = uniq(rows.map((r) => r.series));
  return {
    $schema: SCHEMA,
    title: { text: 'ML-DSA against RS256, ES256 and EdDSA', subtitle: ['operations per second, log scale; prepared keys, the headline thread count and payload', `bar through a point: its interval (docs/statistics.md); ${UNSTABLE_NOTE}`] },
    data: { values: rows },
    facet: panelPerOp(rows),
    spec: {
      width: PANEL_WIDTH,
      height: bandHeight(labels.length, series.length),
      encoding: {
        y: { field: 'label', type: 'nominal', title: 'algorithm', sort: labels },
        yOffset: { field: 'series', type: 'nominal', sort: series },
        x: { field: 'opsPerSec', type: 'quantitative', title: 'throughput (ops/s, log)', scale: { type: 'log' }, axis: { format: '~s' } },
        color: { field: 'series', type: 'nominal', title: 'engine (key prep)', scale: seriesScale(rows) },
      },
      layer: [
        // ML-DSA signing's repeats spread widely (signing loops a variable number of times): the bar shows how far
        { mark: { type: 'rule', strokeWidth: 2 }, encoding: { x: { field: 'opsLow', type: 'quantitative' }, x2: { field: 'opsHigh' } } },
        {
          mark: { type: 'point', filled: true, size: 60, opacity: 0.9 },
          encoding: {
            tooltip: [
              ...CASE_TOOLTIP,
              { field: 'opsPerSec', title: 'ops/s', type: 'quantitative', format: ',.0f' },
              ...intervalTooltip('opsLow', 'opsHigh', ',.0f', 'ops/s'),
              { field: 'unstable', title: 'unstable' },
              { field: 'meanUs', title: 'mean latency (µs)', type: 'quantitative', format: ',.1f' },
            ],
          },
        },
        unstableRing({ field: 'series', type: 'nominal', sort: series }),
      ],
    },
    config: LEGEND_BELOW,
  };
}
