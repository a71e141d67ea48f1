// Where each load scenario is drawn, keyed by every scenario name (core/scenarios.ts): a panel of
// the load chart (requests/s, latency, server time), or a view of its own in the rotation chart.
// A new scenario fails to compile until it is given a place here.
import type { TopLevelSpec } from 'vega-lite';
import type { LoadDocument } from '../../core/results/load.js';
import { SCENARIO_NAMES, type ScenarioName } from '../../core/scenarios.js';
import { outageView, rotationView, type View } from './rotation.js';
import { SCHEMA } from './throughput.js';

type ScenarioLayer = { chart: 'load' } | { chart: 'rotation'; view(doc: LoadDocument): View | null };

export const SCENARIO_LAYERS: { readonly [K in ScenarioName]: ScenarioLayer } = {
  verify: { chart: 'load' },
  mint: { chart: 'load' },
  rotation: { chart: 'rotation', view: rotationView },
  outage: { chart: 'rotation', view: outageView },
  // A panel beside the reference servers: its "baseline" bar is the --compare-url run.
  target: { chart: 'load' },
};

/** The scenarios drawn as panels of the load chart, in table order. */
export const LOAD_PANEL_SCENARIOS: readonly ScenarioName[] = SCENARIO_NAMES.filter((s) => SCENARIO_LAYERS[s].chart === 'load');

/** The rotation chart: one view per scenario that has one, for those the run holds. */
export function rotationChart(load: LoadDocument): TopLevelSpec | null {
  const views = SCENARIO_NAMES.flatMap((s) => {
    const layer = SCENARIO_LAYERS[s];
    const view = layer.chart === 'rotation' ? layer.view(load) : null;
    return view ? [view] : [];
  });
  if (views.length === 0) return null;
  return { $schema: SCHEMA, title: 'Key rotation and issuer outage', vconcat: views, resolve: { scale: { color: 'independent' } } };
}
