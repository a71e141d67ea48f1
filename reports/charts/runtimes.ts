// The runtimes chart: each headline case's operations per second on each runtime, an engine a
// panel, a runtime a colour, so what changes between runtimes is seen engine by engine.
import type { TopLevelSpec } from 'vega-lite';
import type { RuntimePoint } from '../runtime-figures.js';
import { LEGEND_BELOW, PANEL_WIDTH, SCHEMA, uniq } from './throughput.js';

export function runtimesChart(points: readonly RuntimePoint[]): TopLevelSpec | null {
  const runtimes = uniq(points.map((p) => p.runtime));
  if (runtimes.length < 2) return null;
  const algs = uniq(points.map((p) => p.alg));
  const engines = uniq(points.map((p) => p.engine));
  return {
    $schema: SCHEMA,
    title: { text: 'Sign and verify per runtime', subtitle: ['operations per second, 1 thread, prepared keys, log scale; a panel per engine and op'] },
    data: { values: points.map((p) => ({ ...p })) },
    facet: { row: { field: 'engine', type: 'nominal', title: null, sort: engines }, column: { field: 'op', type: 'nominal', title: null, sort: ['sign', 'verify'] } },
    spec: {
      width: PANEL_WIDTH,
      height: algs.length * Math.max(18, 8 * runtimes.length),
      mark: { type: 'point', filled: true, size: 60 },
      encoding: {
        y: { field: 'alg', type: 'nominal', title: 'algorithm', sort: algs },
        yOffset: { field: 'runtime', type: 'nominal', sort: runtimes },
        x: { field: 'opsPerSec', type: 'quantitative', title: 'operations per second', scale: { type: 'log' } },
        color: { field: 'runtime', type: 'nominal', title: 'runtime', sort: runtimes, ...LEGEND_BELOW },
        tooltip: [{ field: 'runtime' }, { field: 'engine' }, { field: 'alg' }, { field: 'op' }, { field: 'opsPerSec', format: ',.0f', title: 'ops/s' }, { field: 'costVsHs256', format: '.2f', title: '× HS256' }],
      },
    },
  };
}
