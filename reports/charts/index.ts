// The report's chart builders: each turns results into a Vega-Lite spec, or null when the
// results hold nothing for that chart.
export { throughputChart } from './throughput.js';
export { overheadChart } from './overhead.js';
export { latencyChart } from './latency.js';
export { scalingChart } from './scaling.js';
export { loadChart } from './load.js';
export { rotationChart } from './scenario-layers.js';
export { blastRadiusChart, replayChart } from './blast-radius.js';
export { exposureChart } from './exposure.js';
export { decisionChart, type DecisionPoint } from './decision.js';
export { probeChart } from './probe.js';
export { pqCostChart, tokenSizeChart } from './post-quantum.js';
