// The load scenarios' names, the one list the scenario table (bench/load/scenarios.ts), the load
// results and the report's chart table (reports/charts/scenario-layers.ts) are keyed by. Adding a
// name here makes both tables fail to compile until they describe it.
export const SCENARIO_NAMES = ['verify', 'mint', 'rotation', 'outage'] as const;

export type ScenarioName = (typeof SCENARIO_NAMES)[number];
