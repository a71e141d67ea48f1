// One series of a history as a trend panel: a point per run (with its interval where the run
// carries one), the level between change points as a line, and each change point as a rule
// labelled with its run's commit. x is the run's place in the series, oldest first.
import type { TopLevelSpec } from 'vega-lite';
import type { ChangePoint } from '../../core/history/changes.js';
import type { Series } from '../../core/history/series.js';
import { SCHEMA } from './throughput.js';

const short = (c: string | null) => (c === null ? 'unknown' : c.slice(0, 8));

/** `aside`: entries of the runs set aside as the machine's (core/history/machine-runs.ts), drawn hollow. */
export function historyTrendChart(series: Series, changes: readonly ChangePoint[], aside: ReadonlySet<string> = new Set(), width = 860): TopLevelSpec {
  const runs = series.runs.map((r, i) => ({
    run: i + 1, value: r.value, low: r.interval?.[0] ?? null, high: r.interval?.[1] ?? null,
    commit: short(r.commit), label: r.label ?? '', time: r.time, run_was: aside.has(r.entry) ? 'set aside: every case moved at once' : 'counted',
  }));
  // The level of each stretch between change points: the geometric mean of its counted runs, as changes computes it.
  const bounds = [0, ...changes.map((c) => c.index), series.runs.length];
  const levels = bounds.slice(0, -1).map((start, i) => {
    const all = series.runs.slice(start, bounds[i + 1]);
    const part = all.some((r) => !aside.has(r.entry)) ? all.filter((r) => !aside.has(r.entry)) : all;
    return { from: start + 1, to: bounds[i + 1]!, level: Math.exp(part.reduce((s, r) => s + Math.log(r.value), 0) / part.length) };
  });
  const marks = changes.map((c) => ({
    run: c.index + 0.5, commit: short(c.run.commit), label: c.run.label ?? '',
    change: `${c.change >= 0 ? '+' : ''}${(c.change * 100).toFixed(1)}% cost`, p: c.p, kind: c.regression ? 'slower' : 'faster',
  }));
  const x = { field: 'run', type: 'quantitative' as const, title: 'run (oldest → newest)', scale: { domain: [0, series.runs.length + 1] }, axis: { tickMinStep: 1 } };
  const y = { type: 'quantitative' as const, title: series.unit, scale: { zero: false } };
  const colour = { field: 'kind', type: 'nominal' as const, scale: { domain: ['slower', 'faster'], range: ['#c0392b', '#1e8449'] }, legend: null };
  const spec: TopLevelSpec = {
    $schema: SCHEMA,
    title: { text: series.case, anchor: 'start', fontSize: 12 },
    width, height: 150,
    layer: [
      { data: { values: runs.filter((r) => r.low !== null) }, mark: { type: 'rule', color: '#9aa5b1' }, encoding: { x, y: { ...y, field: 'low' }, y2: { field: 'high' } } },
      // Counted runs and runs set aside as two layers with fixed colours: a colour scale here would merge with the change marks'.
      ...([['counted', { type: 'point', filled: true, size: 18, color: '#1f4e79' }], ['set aside: every case moved at once', { type: 'point', shape: 'cross', filled: true, size: 40, color: '#9aa5b1' }]] as const).map(([was, mark]) => ({
        data: { values: runs.filter((r) => r.run_was === was) }, mark,
        encoding: { x, y: { ...y, field: 'value' }, tooltip: [{ field: 'run_was' }, { field: 'run' }, { field: 'commit' }, { field: 'label' }, { field: 'time' }, { field: 'value', format: ',.4~r' }, { field: 'low', format: ',.4~r' }, { field: 'high', format: ',.4~r' }] },
      })),
      { data: { values: levels }, mark: { type: 'rule', color: '#e67e22', strokeWidth: 2 }, encoding: { x: { ...x, field: 'from' }, x2: { field: 'to' }, y: { ...y, field: 'level' } } },
      { data: { values: marks }, mark: { type: 'rule', strokeDash: [4, 3] }, encoding: { x, color: colour, tooltip: [{ field: 'commit' }, { field: 'label' }, { field: 'change' }, { field: 'p' }] } },
      { data: { values: marks }, mark: { type: 'text', align: 'left', dx: 3, baseline: 'top', y: 2, fontSize: 10 }, encoding: { x, text: { field: 'commit' }, color: colour } },
    ],
  };
  return spec;
}
