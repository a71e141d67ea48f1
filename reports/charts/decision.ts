// The decision in one picture: each scheme by what it costs (measured) against what a breach
// exposes (modelled), so "faster but riskier" and "slower but contained" read off directly.
// With several engines, one panel per engine: node is what the algorithm costs, jose and
// fast-jwt what it costs with that library.
import type { TopLevelSpec } from 'vega-lite';
import { SCHEMA, intervalTooltip } from './throughput.js';

export interface DecisionPoint {
  scheme: string;
  /** the engine the cost was measured on (node = the algorithm alone) */
  engine?: string;
  label: string;
  verifyUs: number | null;
  /** the lowest and highest repeat's verify p50, when the load run had several repeats */
  verifyUsRange?: [number, number] | null;
  throughputCostVsHs256: number | null;
  /** the cost's interval: its range over load repeats, or the micro ratio's interval */
  costRange?: [number, number] | null;
  /** where the cost comes from, the same for every point of a chart: micro verify time, or the load run's throughput */
  costSource?: 'micro' | 'load';
  forgeablePairs: number;
  mintingHolders: number;
}

export function decisionChart(points: DecisionPoint[]): TopLevelSpec | null {
  // One x measure for every point: the micro cost ratio when the run has micro figures; else
  // server verify time when it covers as many points as the load run's cost ratio (µs and ×
  // cannot share an axis); points without it are named in the subtitle.
  const withUs = points.filter((p) => p.verifyUs !== null && p.verifyUs > 0);
  const withCost = points.filter((p) => p.throughputCostVsHs256 !== null && p.throughputCostVsHs256 > 0);
  // With micro figures, their cost ratio: jose's server-side µs is a wait on its threadpool, not a cost.
  const micro = points.some((p) => p.costSource === 'micro');
  const useUs = !micro && withUs.length > 0 && withUs.length >= withCost.length;
  const placed = (useUs ? withUs : withCost).map((p) => {
    const range = (useUs ? p.verifyUsRange : p.costRange) ?? null;
    return { ...p, x: (useUs ? p.verifyUs : p.throughputCostVsHs256)!, xLow: range?.[0] ?? null, xHigh: range?.[1] ?? null };
  });
  if (placed.length === 0) return null;
  const name = (p: DecisionPoint) => (p.engine ? `${p.label} (${p.engine})` : p.label);
  const left = points.filter((p) => !placed.some((q) => name(q) === name(p))).map(name);
  const fromLoad = placed.some((p) => p.costSource === 'load');
  const xTitle = useUs ? 'server-side verify time, p50 (µs, log)'
    : fromLoad ? 'server cost relative to HS256: its requests/s ÷ this one\'s (×, log)' : 'verify time per op relative to HS256, micro (×, log)';
  // No text beside the points: options at the same blast radius and similar cost (RS256, ES256
  // and EdDSA with JWKS) put their labels over each other. Each option has its colour instead,
  // named in the legend in the options' order, and the tooltip names the point.
  const xs = placed.flatMap((v) => [v.x, v.xLow ?? v.x, v.xHigh ?? v.x]).filter((v) => v > 0);
  // Padded domain: room around the outer points, and a valid log domain even for a single point.
  const domain: [number, number] = [Math.min(...xs) / 1.6, Math.max(...xs) * 1.6];
  // An interval reaching zero or below (a noisy ratio's) has no place on a log axis: its bar is
  // drawn from the axis's left end, and the tooltip gives its real ends.
  const values = placed.map((v) => ({ ...v, xLowDrawn: v.xLow === null ? null : Math.max(v.xLow, domain[0]) }));
  const engines = [...new Set(values.map((v) => v.engine ?? 'jose'))];
  const facetted = engines.length > 1;
  const x = { field: 'x', type: 'quantitative', title: xTitle, scale: { type: 'log', domain } } as const;
  const y = { field: 'forgeablePairs', type: 'quantitative', title: 'blast radius (forgeable service pairs)', scale: { zero: true, nice: true } } as const;
  const ranged = values.filter((v) => v.xLow !== null).length;
  const layer = [
    {
      transform: [{ filter: 'datum.xLow !== null && datum.xHigh !== null' }],
      mark: { type: 'rule' as const, color: '#333', strokeWidth: 1.5 },
      encoding: { x: { ...x, field: 'xLowDrawn' }, x2: { field: 'xHigh' }, y },
    },
    {
      mark: { type: 'point' as const, filled: true, opacity: 0.85 },
      encoding: {
        x, y,
        size: { field: 'mintingHolders', type: 'quantitative', title: 'minting holders', scale: { range: [60, 600] }, legend: { format: 'd', values: [...new Set(values.map((v) => v.mintingHolders))].sort((a, b) => a - b) } },
        color: { field: 'label', type: 'nominal', title: 'option', sort: [...new Set(points.map((p) => p.label))], legend: { labelLimit: 320 } },
        tooltip: [
          { field: 'label', title: 'scheme' },
          { field: 'engine', title: 'engine' },
          { field: 'verifyUs', title: 'server verify p50 (µs)', type: 'quantitative', format: ',.1f' },
          { field: 'throughputCostVsHs256', title: 'cost vs HS256 (×)', type: 'quantitative', format: '.2f' },
          ...intervalTooltip('xLow', 'xHigh', ',.2f'),
          { field: 'forgeablePairs', title: 'forgeable pairs', type: 'quantitative' },
          { field: 'mintingHolders', title: 'minting holders', type: 'quantitative' },
        ],
      },
    },
  ];
  const title = {
    text: 'Overhead against blast radius',
    subtitle: [`lower left is cheaper and safer; point size = services holding minting material${left.length > 0 ? `; not measured on this axis: ${left.join(', ')}` : ''}`,
      ranged > 0 ? (useUs || fromLoad ? 'bar through a point: the lowest to the highest load repeat' : 'bar through a point: the micro ratio\'s interval')
        : (useUs || fromLoad ? 'one load repeat per point, so no interval (load --repeat 3 draws one)' : 'no interval: the micro ratios had too few repeats'),
      ...(facetted ? ['one panel per engine: node = the algorithm on node:crypto, the others = the algorithm with that library'] : [])],
  };
  if (!facetted) return { $schema: SCHEMA, title, data: { values }, width: 560, height: 300, layer } as TopLevelSpec;
  const order = ['node', ...engines.filter((e) => e !== 'node')].filter((e) => engines.includes(e));
  return {
    $schema: SCHEMA,
    title,
    data: { values: values.map((v) => ({ ...v, engine: v.engine ?? 'jose' })) },
    facet: { column: { field: 'engine', type: 'nominal', title: null, sort: order, header: { labelExpr: "datum.value === 'node' ? 'node (the algorithm)' : 'with ' + datum.value", labelFontWeight: 'bold' } } },
    spec: { width: 300, height: 260, layer },
  } as TopLevelSpec;
}
