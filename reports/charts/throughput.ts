// Sign and verify throughput per algorithm and engine, with the node:crypto floor drawn as a tick:
// the floor is what the algorithm itself costs, so the gap to it is the library's own overhead.
// The micro helpers the other micro charts share live here too (the chart files are one per chart).
import type { TopLevelSpec } from 'vega-lite';
import type { CompletedCase, MicroDocument } from '../../core/results/micro.js';

export const FLOOR = 'node:crypto floor';
export const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
/** one panel of a two-panel (sign | verify) chart, so the pair is about 560 px wide */
export const PANEL_WIDTH = 220;
/** legends under the panels, so the chart's width is the panels' */
export const LEGEND_BELOW = { legend: { orient: 'bottom', direction: 'horizontal' } } as const;
// A fixed palette so every micro chart colours an engine the same way; the floor is near-black.
const PALETTE = ['#4c78a8', '#f58518', '#54a24b', '#b279a2', '#e45756', '#72b7b2', '#eeca3b', '#9d755d'];
const FLOOR_COLOUR = '#222222';

import { median } from '../../core/stats.js';
import { caseFigures, type CaseFigure } from '../../core/repeats.js';

/** One case identity (everything but the repeat), medians over its completed repeats. */
export interface MicroRow {
  label: string;
  alg: string;
  keyBits: number | null;
  op: string;
  engine: string;
  keyPrep: string;
  /** the legend entry: engine and key prep, or the floor */
  series: string;
  payload: string;
  threads: number;
  repeats: number;
  /** the median over the repeats, and the interval of that median (core/repeats.ts) */
  opsPerSec: number;
  opsLow: number;
  opsHigh: number;
  /** median of the repeats' operations in the window ÷ the window */
  windowOpsPerSec: number;
  /** why the figure is unstable, or null */
  unstable: string | null;
  meanUs: number;
  p50Us: number;
  p75Us: number;
  p99Us: number;
  p999Us: number;
  rme: number;
  costVsHs256: number | null;
  costLow: number | null;
  costHigh: number | null;
  costVsNodeFloor: number | null;
  scalingEfficiency: number | null;
  efficiencyLow: number | null;
  efficiencyHigh: number | null;
  /** why an efficiency above 100% is real (core/repeats.ts), or null */
  superlinear: string | null;
  /** the threads' busy share in the timed run (event-loop utilisation), or null */
  threadBusy: number | null;
}

export const algLabel = (c: { alg: string; keyBits: number | null }): string => (c.keyBits === null ? c.alg : `${c.alg}-${c.keyBits}`);
const seriesOf = (c: { engine: string; keyPrep: string }): string => (c.engine === 'node' ? FLOOR : `${c.engine} (${c.keyPrep})`);

/** Completed cases only (errored ones are listed in the report text), one row per identity, in run order. */
export function microRows(doc: MicroDocument): MicroRow[] {
  const groups = new Map<string, CompletedCase[]>();
  for (const c of doc.cases) {
    if (c.state !== 'completed') continue;
    const key = [c.alg, c.keyBits, c.op, c.engine, c.keyPrep, c.payload, c.threads].join('|');
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  const figures = new Map<string, CaseFigure>(caseFigures([...groups.values()].flat()).map((f) => [f.id, f]));
  return [...groups.values()].map((cs) => {
    const first = cs[0]!;
    const f = figures.get(first.id)!;
    const med = (get: (c: CompletedCase) => number | null): number | null => median(cs.map(get).filter((x): x is number => x !== null && Number.isFinite(x)));
    return {
      label: algLabel(first), alg: first.alg, keyBits: first.keyBits, op: first.op, engine: first.engine, keyPrep: first.keyPrep,
      series: seriesOf(first), payload: first.payload, threads: first.threads, repeats: cs.length,
      opsPerSec: f.opsPerSec, opsLow: f.opsPerSecInterval[0], opsHigh: f.opsPerSecInterval[1], windowOpsPerSec: f.windowOpsPerSec, unstable: f.unstable,
      meanUs: (med((c) => c.latencyNs.mean) ?? NaN) / 1000,
      p50Us: (med((c) => c.latencyNs.p50) ?? NaN) / 1000,
      p75Us: (med((c) => c.latencyNs.p75) ?? NaN) / 1000,
      p99Us: (med((c) => c.latencyNs.p99) ?? NaN) / 1000,
      p999Us: (med((c) => c.latencyNs.p999) ?? NaN) / 1000,
      rme: med((c) => c.rme) ?? NaN,
      costVsHs256: f.costVsHs256?.value ?? null, costLow: f.costVsHs256?.interval[0] ?? null, costHigh: f.costVsHs256?.interval[1] ?? null,
      costVsNodeFloor: f.costVsNodeFloor?.value ?? null,
      scalingEfficiency: f.scalingEfficiency?.value ?? null, efficiencyLow: f.scalingEfficiency?.interval[0] ?? null, efficiencyHigh: f.scalingEfficiency?.interval[1] ?? null,
      superlinear: f.superlinear ?? null, threadBusy: f.threadBusy ?? null,
    };
  });
}

/**
 * The slice the single-thread charts show: the fewest threads measured (1 normally) and the
 * first payload of the matrix that has results, so each (algorithm, engine) appears once.
 */
export function headline(doc: MicroDocument): { rows: MicroRow[]; threads: number; payload: string; note: string } | null {
  const rows = microRows(doc).filter((r) => r.opsPerSec > 0);
  if (rows.length === 0) return null;
  const threads = Math.min(...rows.map((r) => r.threads));
  const measured = [...new Set(rows.map((r) => r.payload))];
  const payload = doc.config.matrix.payloads.find((p) => measured.includes(p)) ?? measured[0]!;
  const note = `${threads} thread${threads === 1 ? '' : 's'}, payload "${payload}"${measured.length > 1 ? ` (first of ${measured.join(', ')})` : ''}`;
  return { rows: rows.filter((r) => r.threads === threads && r.payload === payload), threads, payload, note };
}

/** Colour scale shared by the micro charts: one colour per engine series (or engine), the floor near-black. */
export function seriesScale(rows: MicroRow[], by: 'series' | 'engine' = 'series'): { domain: string[]; range: string[] } {
  const floor = by === 'series' ? FLOOR : 'node';
  const names = [...new Set(rows.map((r) => r[by]))].filter((s) => s !== floor);
  const domain = rows.some((r) => r[by] === floor) ? [...names, floor] : names;
  return { domain, range: domain.map((s, i) => (s === floor ? FLOOR_COLOUR : PALETTE[i % PALETTE.length]!)) };
}

export const uniq = <T>(xs: T[]): T[] => [...new Set(xs)];

export const UNSTABLE_NOTE = 'red ring = unstable (interval past ±5%, or floor siblings disagree; see the tooltip)';

/**
 * A red ring around each unstable figure (core/repeats.ts), on the chart's own x and y. The
 * colour is an encoding, not the mark's: a chart that encodes colour for all its layers would
 * otherwise paint the ring in the engine's colour.
 */
export function unstableRing(yOffset: { field: string; type: 'nominal'; sort: string[] } | null, encoding: Record<string, unknown> = {}, only = 'true') {
  return {
    transform: [{ filter: `datum.unstable != null && (${only})` }],
    mark: { type: 'point' as const, filled: false, size: 200, strokeWidth: 1.5 },
    encoding: { ...encoding, ...(yOffset ? { yOffset } : {}), color: { value: '#d62728' } },
  };
}

/** One column of panels per operation (sign, verify), in that order. */
export function panelPerOp(rows: readonly { op: string }[]) {
  return { column: { field: 'op', type: 'nominal', title: null, sort: uniq(rows.map((r) => r.op)).sort() } } as const;
}

/** A panel's height: a band per algorithm label, tall enough for one offset mark per series. */
export const bandHeight = (labels: number, series: number, perSeries = 8): number => labels * Math.max(16, perSeries * series);

/** The tooltip lines that name a micro case. */
export const CASE_TOOLTIP = [{ field: 'label', title: 'algorithm' }, { field: 'series', title: 'engine' }, { field: 'op', title: 'operation' }] as const;

/** The two tooltip lines of an interval held in `low` and `high` (core/repeats.ts). */
export function intervalTooltip(low: string, high: string, format: string, unit = '') {
  const suffix = unit ? ` (${unit})` : '';
  return [
    { field: low, title: `interval low${suffix}`, type: 'quantitative', format },
    { field: high, title: `interval high${suffix}`, type: 'quantitative', format },
  ] as const;
}

export function throughputChart(micro: MicroDocument): TopLevelSpec | null {
  const slice = headline(micro);
  if (!slice) return null;
  const { rows } = slice;
  const labels = uniq(rows.map((r) => r.label));
  const engines = uniq(rows.filter((r) => r.series !== FLOOR).map((r) => r.series));
  const tooltip = [
    ...CASE_TOOLTIP,
    { field: 'opsPerSec', title: 'ops/s (1e9 / median ns per op)', type: 'quantitative', format: ',.0f' },
    { field: 'windowOpsPerSec', title: 'ops/s in the window (other work included)', type: 'quantitative', format: ',.0f' },
    { field: 'meanUs', title: 'mean latency (µs)', type: 'quantitative', format: ',.2f' },
    ...intervalTooltip('opsLow', 'opsHigh', ',.0f', 'ops/s'),
    { field: 'rme', title: 'rme (%)', type: 'quantitative', format: '.1f' },
    { field: 'repeats', title: 'repeats (median shown)', type: 'quantitative' },
    { field: 'unstable', title: 'unstable' },
  ] as const;
  const unstable = rows.filter((r) => r.unstable !== null).length;
  return {
    $schema: SCHEMA,
    title: {
      text: 'Sign and verify throughput',
      subtitle: [
        `operations per second at the median time per operation, log scale; ${slice.note}; tick = ${FLOOR}`,
        `median of the repeats; bar = its interval; ${UNSTABLE_NOTE}${unstable > 0 ? ` (${unstable})` : ''}`,
      ],
    },
    data: { values: rows },
    facet: panelPerOp(rows),
    spec: {
      width: PANEL_WIDTH,
      // A fixed height, not a step: a step would conflict between the layer with yOffset and the one without.
      height: bandHeight(labels.length, engines.length),
      encoding: {
        y: { field: 'label', type: 'nominal', title: 'algorithm', sort: labels },
        x: { field: 'opsPerSec', type: 'quantitative', title: 'throughput (ops/s, log)', scale: { type: 'log' }, axis: { format: '~s' } },
        color: { field: 'series', type: 'nominal', title: 'engine (key prep)', scale: seriesScale(rows) },
        tooltip: [...tooltip],
      },
      layer: [
        // The floor spans the whole band, so each engine's dot reads against it.
        { transform: [{ filter: { field: 'series', equal: FLOOR } }], mark: { type: 'tick', thickness: 2 } },
        { transform: [{ filter: { field: 'series', equal: FLOOR } }], mark: { type: 'rule', strokeWidth: 1.5 }, encoding: { x2: { field: 'opsHigh' }, x: { field: 'opsLow', type: 'quantitative' } } },
        {
          transform: [{ filter: { not: { field: 'series', equal: FLOOR } } }],
          mark: { type: 'rule', strokeWidth: 2 },
          encoding: { x: { field: 'opsLow', type: 'quantitative' }, x2: { field: 'opsHigh' }, yOffset: { field: 'series', type: 'nominal', sort: engines } },
        },
        {
          transform: [{ filter: { not: { field: 'series', equal: FLOOR } } }],
          mark: { type: 'point', filled: true, size: 60, opacity: 0.9 },
          encoding: { yOffset: { field: 'series', type: 'nominal', sort: engines } },
        },
        // The floor's ring on its tick, across the band; the engines' on their offset dots.
        unstableRing({ field: 'series', type: 'nominal', sort: engines }, {}, `datum.series !== ${JSON.stringify(FLOOR)}`),
        unstableRing(null, {}, `datum.series === ${JSON.stringify(FLOOR)}`),
      ],
    },
    config: LEGEND_BELOW,
  };
}
