// Change points of every series (E-divisive means, core/e-divisive.ts), each with the run
// where the level moved, the size of the move with an interval, and its significance.
import { eDivisive, seedOf, seededRandom } from '../e-divisive.js';
import { mean, tCritical, variance } from '../stats.js';
import { appliesTo, machineRuns, type SetAsideRun } from './machine-runs.js';
import type { Series, SeriesRun } from './series.js';

export interface ChangeOptions {
  alpha: number;
  permutations: number;
  minSize: number;
  /** the newest runs in which a regression fails the check */
  window: number;
  /** smallest cost change that fails it, as a fraction (0.05) */
  threshold: number;
}

export const CHANGE_DEFAULTS: ChangeOptions = { alpha: 0.01, permutations: 199, minSize: 3, window: 5, threshold: 0.05 };

export interface ChangePoint {
  series: Series;
  /** index into series.runs of the first run at the new level */
  index: number;
  run: SeriesRun;
  /** the level (geometric mean) of the runs since the previous change point, and until the next */
  before: number;
  after: number;
  /** the change in cost per operation: +0.05 is 5% more expensive (a slowdown), whatever the unit */
  change: number;
  /** its 95% interval (Welch's t on log figures); null when a side has a single run */
  interval: [number, number] | null;
  p: number;
  regression: boolean;
  /** a regression of at least the threshold in the newest window: what fails the check */
  failing: boolean;
}

/** Welch's interval of the difference of two means, or null when a side cannot give a variance. */
function welch(a: readonly number[], b: readonly number[]): { d: number; half: number } | null {
  const d = mean(b) - mean(a);
  if (a.length < 2 || b.length < 2) return null;
  const [va, vb] = [variance(a) / a.length, variance(b) / b.length];
  const se = Math.sqrt(va + vb);
  if (se === 0) return { d, half: 0 };
  const df = (va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1));
  return { d, half: tCritical(df) * se };
}

/** `aside`: entries of runs the machine moved (machine-runs.ts), left out of the detection and the levels. */
export function seriesChanges(series: Series, o: ChangeOptions, aside: ReadonlySet<string> = new Set()): ChangePoint[] {
  // Indexes of the runs kept: a change point is found among them and named by its run in the whole series.
  const kept = series.runs.flatMap((r, i) => (aside.has(r.entry) ? [] : [i]));
  // On log figures: a step of 5% is the same size at any level, and rates and costs agree.
  const logs = kept.map((i) => Math.log(series.runs[i]!.value));
  const found = eDivisive(logs, { alpha: o.alpha, permutations: o.permutations, minSize: o.minSize, random: seededRandom(seedOf(series.key)) });
  const bounds = [0, ...found.map((c) => c.index), logs.length];
  // Cost rises when a rate falls: the sign that makes a slowdown positive.
  const sign = series.better === 'higher' ? -1 : 1;
  return found.map((c, i) => {
    const before = logs.slice(bounds[i]!, c.index);
    const after = logs.slice(c.index, bounds[i + 2]!);
    const w = welch(before, after);
    const shift = sign * (mean(after) - mean(before));
    const change = Math.expm1(shift);
    const interval: [number, number] | null = w === null ? null : [Math.expm1(sign * w.d - w.half), Math.expm1(sign * w.d + w.half)];
    const regression = change > 0;
    const index = kept[c.index]!;
    return {
      series, index, run: series.runs[index]!, before: Math.exp(mean(before)), after: Math.exp(mean(after)),
      change, interval, p: c.p, regression, failing: regression && change >= o.threshold && index >= series.runs.length - o.window,
    };
  });
}

/**
 * Change points of `series`, with the runs the machine moved set aside. Those are found among
 * `context` (every series of the history, when `series` is a selection of them).
 */
export function historyChanges(series: readonly Series[], o: ChangeOptions, context: readonly Series[] = series): { changes: ChangePoint[]; setAside: SetAsideRun[] } {
  const machine = machineRuns(context);
  const changes = series.flatMap((s) => seriesChanges(s, o, machine.bySeries.get(s.key)));
  return { changes, setAside: machine.runs.filter((r) => series.some((s) => appliesTo(r, s))) };
}
