// The load scenarios' names, the one list the scenario table (bench/load/scenarios.ts), the load
// results and the report's chart table (reports/charts/scenario-layers.ts) are keyed by. Adding a
// name to SCENARIO_NAMES (core/results/names.ts) makes both tables fail to compile until they describe it.
export { SCENARIO_NAMES, type ScenarioName } from './results/names.js';
