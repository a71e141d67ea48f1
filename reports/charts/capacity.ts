// Cores needed against request rate per scheme (log-log), from the capacity model: straight
// lines whose vertical gaps are each scheme's overhead in cores.
import type { TopLevelSpec } from 'vega-lite';
import type { Capacity } from '../capacity.js';
import { LEGEND_BELOW, SCHEMA } from './throughput.js';

export function capacityChart(models: { label: string; capacity: Capacity }[]): TopLevelSpec | null {
  const values = models.flatMap(({ label, capacity }) => capacity.rows.flatMap((row) => capacity.targetRps.map((rps, i) => ({
    environment: label, scheme: row.scheme, requestsPerSec: rps, cores: row.cores[i]!, cpuPerRequestUs: row.cpuPerRequestUs,
  })))).filter((v) => v.cores > 0);
  if (values.length === 0) return null;
  const schemes = [...new Set(values.map((v) => v.scheme))];
  const encoding = {
    x: { field: 'requestsPerSec', type: 'quantitative', title: 'verified requests per second (log)', scale: { type: 'log' }, axis: { format: '~s' } },
    y: { field: 'cores', type: 'quantitative', title: 'cores needed (log)', scale: { type: 'log' }, axis: { format: '~g' } },
    color: { field: 'scheme', type: 'nominal', title: 'scheme', sort: schemes },
  } as const;
  const layer = [
    { mark: { type: 'line' as const, strokeWidth: 1.5 }, encoding },
    {
      mark: { type: 'point' as const, filled: true, size: 40 },
      encoding: {
        ...encoding,
        tooltip: [
          { field: 'environment' }, { field: 'scheme' },
          { field: 'requestsPerSec', title: 'req/s', type: 'quantitative' as const, format: ',' },
          { field: 'cores', title: 'cores', type: 'quantitative' as const, format: '.2~r' },
          { field: 'cpuPerRequestUs', title: 'server CPU per request (µs)', type: 'quantitative' as const, format: '.1f' },
        ],
      },
    },
  ];
  const title = { text: 'Cores needed to serve a request rate', subtitle: 'a model: rate × measured server CPU time per request, per scheme' };
  const envs = [...new Set(values.map((v) => v.environment))];
  if (envs.length === 1) return { $schema: SCHEMA, title, data: { values }, width: 520, height: 260, layer, config: LEGEND_BELOW };
  return {
    $schema: SCHEMA, title, data: { values },
    facet: { column: { field: 'environment', type: 'nominal', title: null, sort: envs } },
    spec: { width: Math.max(180, Math.floor(520 / envs.length)), height: 240, layer },
    config: LEGEND_BELOW,
  };
}
