// Latency distribution per case: a rule from p50 to p99.9 with a point per percentile, so the tail
// shows and not only the mean. Log x, because HMAC (µs) and RSA signing (ms) share one axis.
import type { TopLevelSpec } from 'vega-lite';
import type { MicroDocument } from '../../core/results/micro.js';
import { LEGEND_BELOW, PANEL_WIDTH, SCHEMA, headline, seriesScale, uniq, bandHeight, panelPerOp } from './throughput.js';

const PERCENTILES = ['p50Us', 'p75Us', 'p99Us', 'p999Us'];
// Field names hold no dots (Vega-Lite would read "p99.9" as a nested field), so name them here.
const PERCENTILE_NAME = "datum.percentile === 'p999Us' ? 'p99.9' : replace(datum.percentile, 'Us', '')";

export function latencyChart(micro: MicroDocument): TopLevelSpec | null {
  const slice = headline(micro);
  if (!slice) return null;
  const rows = slice.rows.filter((r) => r.p50Us > 0 && r.p999Us > 0);
  if (rows.length === 0) return null;
  const labels = uniq(rows.map((r) => r.label));
  const series = uniq(rows.map((r) => r.series));
  const y = { field: 'label', type: 'nominal', title: 'algorithm', sort: labels } as const;
  const yOffset = { field: 'series', type: 'nominal', sort: series } as const;
  const color = { field: 'engine', type: 'nominal', title: 'engine', scale: seriesScale(rows, 'engine') } as const;
  return {
    $schema: SCHEMA,
    title: { text: 'Latency per operation', subtitle: [`p50 → p99.9 in µs, log scale; ${slice.note}`, `rows within an algorithm: ${series.join(', ')}`] },
    data: { values: rows },
    facet: panelPerOp(rows),
    spec: {
      width: PANEL_WIDTH,
      height: bandHeight(labels.length, series.length, 9),
      layer: [
        {
          mark: { type: 'rule', strokeWidth: 1.5 },
          encoding: {
            y, yOffset, color,
            x: { field: 'p50Us', type: 'quantitative', title: 'latency (µs, log)', scale: { type: 'log' } },
            x2: { field: 'p999Us' },
            tooltip: [
              { field: 'label', title: 'algorithm' }, { field: 'series', title: 'engine (key prep)' },
              { field: 'p50Us', title: 'p50 (µs)', type: 'quantitative', format: ',.2f' },
              { field: 'p75Us', title: 'p75 (µs)', type: 'quantitative', format: ',.2f' },
              { field: 'p99Us', title: 'p99 (µs)', type: 'quantitative', format: ',.2f' },
              { field: 'p999Us', title: 'p99.9 (µs)', type: 'quantitative', format: ',.2f' },
            ],
          },
        },
        {
          transform: [{ fold: PERCENTILES, as: ['percentile', 'us'] }, { calculate: PERCENTILE_NAME, as: 'percentileName' }],
          mark: { type: 'point', filled: true, size: 36 },
          encoding: {
            y, yOffset, color,
            x: { field: 'us', type: 'quantitative' },
            shape: { field: 'percentileName', type: 'nominal', title: 'percentile', sort: ['p50', 'p75', 'p99', 'p99.9'] },
            tooltip: [
              { field: 'label', title: 'algorithm' }, { field: 'series', title: 'engine (key prep)' },
              { field: 'percentileName', title: 'percentile' }, { field: 'us', title: 'µs', type: 'quantitative', format: ',.2f' },
            ],
          },
        },
      ],
    },
    config: LEGEND_BELOW,
  };
}
