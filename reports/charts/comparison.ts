// The comparison charts: the same figure from each environment side by side. An environment is
// a colour while the palette can tell them apart; beyond that each gets its own row instead.
import type { TopLevelSpec } from 'vega-lite';
import { LEGEND_BELOW, PANEL_WIDTH, SCHEMA, intervalTooltip, uniq } from './throughput.js';

/** Vega-Lite's default categorical scheme (tableau10) tells ten apart. */
export const CATEGORY_COLOURS = 10;

export interface ComparisonMicroPoint { environment: string; alg: string; op: 'sign' | 'verify'; opsPerSec: number; costVsHs256: number | null; costLow: number | null; costHigh: number | null }
export interface ComparisonLoadPoint { environment: string; scheme: string; requestsPerSec: number; vsHs256: number | null }

function byEnvironment(envs: string[]) {
  return envs.length <= CATEGORY_COLOURS
    ? { color: { field: 'environment', type: 'nominal', title: 'environment', sort: envs, legend: { labelLimit: 320 } }, yOffset: { field: 'environment', type: 'nominal', sort: envs } } as const
    : {};
}

export function comparisonMicroChart(points: ComparisonMicroPoint[]): TopLevelSpec | null {
  const values = points.filter((p) => p.costVsHs256 !== null && p.costVsHs256 > 0);
  const envs = uniq(values.map((v) => v.environment));
  if (envs.length < 2) return null;
  const algs = uniq(values.map((v) => v.alg));
  const many = envs.length > CATEGORY_COLOURS;
  return {
    $schema: SCHEMA,
    title: { text: 'Cost relative to HS256 per environment', subtitle: ['time per operation ÷ HS256\'s on the same machine, jose (prepared), 1 thread, log scale', 'bar through a point: the ratio\'s interval (docs/statistics.md)'] },
    data: { values },
    facet: { column: { field: 'op', type: 'nominal', title: null, sort: ['sign', 'verify'] }, ...(many ? { row: { field: 'environment', type: 'nominal', title: null, sort: envs } } : {}) },
    spec: {
      width: PANEL_WIDTH,
      height: algs.length * (many ? 18 : Math.max(18, 8 * envs.length)),
      layer: [
        { mark: { type: 'rule', color: '#888', strokeDash: [4, 3] }, encoding: { x: { datum: 1, type: 'quantitative' } } },
        {
          transform: [{ filter: 'datum.costLow !== null && datum.costHigh !== null' }],
          mark: { type: 'rule', strokeWidth: 2 },
          encoding: {
            y: { field: 'alg', type: 'nominal', title: 'algorithm', sort: algs },
            x: { field: 'costLow', type: 'quantitative' }, x2: { field: 'costHigh' },
            ...byEnvironment(envs),
          },
        },
        {
          mark: { type: 'point', filled: true, size: 60 },
          encoding: {
            y: { field: 'alg', type: 'nominal', title: 'algorithm', sort: algs },
            x: { field: 'costVsHs256', type: 'quantitative', title: 'time per op vs HS256 (×, log)', scale: { type: 'log' } },
            ...byEnvironment(envs),
            tooltip: [{ field: 'environment' }, { field: 'alg' }, { field: 'op' }, { field: 'costVsHs256', title: '× HS256', type: 'quantitative', format: '.2f' }, ...intervalTooltip('costLow', 'costHigh', '.2f', '×'), { field: 'opsPerSec', title: 'ops/s', type: 'quantitative', format: ',.0f' }],
          },
        },
      ],
    },
    config: LEGEND_BELOW,
  };
}

export function comparisonLoadChart(points: ComparisonLoadPoint[]): TopLevelSpec | null {
  const envs = uniq(points.map((v) => v.environment));
  if (envs.length < 2) return null;
  const schemes = uniq(points.map((v) => v.scheme));
  const many = envs.length > CATEGORY_COLOURS;
  return {
    $schema: SCHEMA,
    title: { text: 'Server requests per second per environment', subtitle: 'verify scenario, lowest connection count' },
    data: { values: points },
    ...(many ? { facet: { row: { field: 'environment', type: 'nominal', title: null, sort: envs } }, spec: { width: 480, height: schemes.length * 18, mark: 'bar', encoding: barEncoding(schemes, envs) } }
      : { width: 480, height: schemes.length * Math.max(18, 10 * envs.length), mark: 'bar', encoding: barEncoding(schemes, envs) }),
    config: LEGEND_BELOW,
  } as TopLevelSpec;
}

function barEncoding(schemes: string[], envs: string[]) {
  return {
    y: { field: 'scheme', type: 'nominal', title: 'scheme', sort: schemes },
    x: { field: 'requestsPerSec', type: 'quantitative', title: 'requests per second' },
    ...byEnvironment(envs),
    tooltip: [{ field: 'environment' }, { field: 'scheme' }, { field: 'requestsPerSec', title: 'req/s', type: 'quantitative', format: ',.0f' }, { field: 'vsHs256', title: 'vs HS256', type: 'quantitative', format: '.0%' }],
  } as const;
}
