// A history's entries as series: one case, one measure, one environment, its runs in commit
// order (the commit's author time; runs of one commit, or without one, by when they started).
import type { EnvFingerprint } from '../results/env.js';
import type { HistoryEntry, HistoryMeasure } from '../results/history.js';

export interface SeriesRun {
  entry: string;
  commit: string | null;
  label: string | null;
  branch: string | null;
  /** the author time, or the run's start when the commit's is unknown */
  time: string;
  value: number;
  interval: [number, number] | null;
}

export interface Series {
  /** <case>@<env key>: unique within a history */
  key: string;
  case: string;
  measure: HistoryMeasure;
  unit: string;
  better: 'higher' | 'lower';
  env: string;
  environment: EnvFingerprint | null;
  runs: SeriesRun[];
}

const orderKey = (e: HistoryEntry) => `${e.authorTime ?? e.startedAt}\u0000${e.startedAt}\u0000${e.id}`;

/**
 * Every series of the entries, sorted by key; `entries` in any order. `newest` (a pull
 * request's runs, say) come after all of them, in the order given, whatever their commit's time.
 */
export function buildSeries(entries: readonly HistoryEntry[], newest: readonly HistoryEntry[] = []): Series[] {
  const ordered = [...[...entries].sort((a, b) => (orderKey(a) < orderKey(b) ? -1 : orderKey(a) > orderKey(b) ? 1 : 0)), ...newest];
  const byKey = new Map<string, Series>();
  for (const e of ordered) {
    for (const p of e.points) {
      // The measure is in the key too: a time series and an instruction count never share one.
      const key = `${p.case}@${p.env}${p.measure === 'time' ? '' : `#${p.measure}`}`;
      let s = byKey.get(key);
      if (!s) {
        s = { key, case: p.case, measure: p.measure, unit: p.unit, better: p.better, env: p.env, environment: e.environments[p.env] ?? null, runs: [] };
        byKey.set(key, s);
      }
      s.runs.push({ entry: e.id, commit: e.commit, label: e.label, branch: e.branch, time: e.authorTime ?? e.startedAt, value: p.value, interval: p.interval });
    }
  }
  return [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
}
