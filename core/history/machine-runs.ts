// Runs the machine moved: on a shared machine a busy hour slows every case of a run at once
// (docs/measured.md saw 3%, 7-12% and 35-40%), and such a run beside a real step moves where
// change-point detection puts it. A run is set aside when, across the time series of one
// environment and kind (micro or load), the median case stands apart both from the runs just
// before it and from the runs just after it, in the same direction, by more than
// SET_ASIDE_SCALES times the spread of that median over the history. Both sides must agree:
// the first run of a real step matches the runs after it and is never set aside, nor is a run
// with fewer than two runs after it (a pull request's run is always judged). The history's first
// two runs, with none before them, are held against the runs after them alone. Instruction counts
// are left alone: a busy machine does not move them.
import { median as medianOrNull } from '../stats.js';
import type { Series } from './series.js';

/** How far (robust standard deviations of the median case's deviation) a run must stand apart. */
export const SET_ASIDE_SCALES = 5;
/** Runs on each side that a run is held against. */
const NEIGHBOURS = 3;
/** Fewest series of a group for their median to say anything about the machine. */
const MIN_SERIES = 4;

export interface SetAsideRun {
  entry: string;
  commit: string | null;
  env: string;
  /** micro or load: the series of that kind on that environment had the run set aside */
  kind: string;
  /** the median case's move from its neighbours, as a cost change (+0.08: every case about 8% slower) */
  change: number;
}

/** The median of values known to be there (every call here has at least one). */
const median = (values: readonly number[]): number => medianOrNull(values)!;

/** Each run's log deviation from its neighbours before, after and around it, by entry id. */
function deviations(s: Series): Map<string, { before: number; after: number; around: number }> {
  const logs = s.runs.map((r) => Math.log(r.value));
  const out = new Map<string, { before: number; after: number; around: number }>();
  logs.forEach((y, i) => {
    if (i > logs.length - 3 || logs.length < 2 + NEIGHBOURS) return;
    const next = logs.slice(i + 1, i + 1 + NEIGHBOURS);
    // The history's first two runs have no runs before them to agree with: the runs after speak for both sides.
    const prior = i < 2 ? next : logs.slice(Math.max(0, i - NEIGHBOURS), i);
    const around = i < 2 ? next : [...prior, ...next];
    out.set(s.runs[i]!.entry, { before: y - median(prior), after: y - median(next), around: y - median(around) });
  });
  return out;
}

const kindOf = (s: Series) => s.case.split('/')[0]!;
const groupOf = (s: Series) => `${s.env}\u0000${kindOf(s)}`;

/** Whether a set-aside run belongs to the group of `series` (its environment and kind). */
export const appliesTo = (r: SetAsideRun, series: Series) => r.env === series.env && r.kind === kindOf(series);

/** Whether `entry` was set aside from `series`. */
export const isSetAside = (runs: readonly SetAsideRun[], series: Series, entry: string) => runs.some((r) => r.entry === entry && appliesTo(r, series));

/** The runs to set aside, keyed by series key: what seriesChanges leaves out of each series. */
export function machineRuns(all: readonly Series[]): { runs: SetAsideRun[]; bySeries: Map<string, Set<string>> } {
  const groups = new Map<string, Series[]>();
  for (const s of all) if (s.measure === 'time') groups.set(groupOf(s), [...(groups.get(groupOf(s)) ?? []), s]);
  const runs: SetAsideRun[] = [];
  const bySeries = new Map<string, Set<string>>();
  for (const members of groups.values()) {
    if (members.length < MIN_SERIES) continue;
    const devs = members.map(deviations);
    const entries = [...new Set(members.flatMap((s) => s.runs.map((r) => r.entry)))];
    const across = entries.map((entry) => {
      const d = devs.map((m) => m.get(entry)).filter((x) => x !== undefined);
      return d.length < MIN_SERIES ? null : { entry, before: median(d.map((x) => x.before)), after: median(d.map((x) => x.after)), around: median(d.map((x) => x.around)) };
    }).filter((x) => x !== null);
    if (across.length < 2) continue;
    const centre = median(across.map((x) => x.around));
    const scale = 1.4826 * median(across.map((x) => Math.abs(x.around - centre)));
    if (!(scale > 0)) continue;
    const limit = SET_ASIDE_SCALES * scale;
    const better = members[0]!.better === 'higher' ? -1 : 1;
    const aside = across.filter((x) => Math.abs(x.around) > limit && Math.sign(x.before) === Math.sign(x.after) && Math.min(Math.abs(x.before), Math.abs(x.after)) > limit);
    const ids = new Set(aside.map((x) => x.entry));
    for (const s of members) bySeries.set(s.key, ids);
    for (const x of aside) {
      const run = members.flatMap((s) => s.runs).find((r) => r.entry === x.entry)!;
      runs.push({ entry: x.entry, commit: run.commit, env: members[0]!.env, kind: kindOf(members[0]!), change: Math.expm1(better * x.around) });
    }
  }
  return { runs, bySeries };
}
