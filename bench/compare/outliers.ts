// Disturbed processes: a run that other work on the machine slowed through all its repeats of
// a case stands above its own side's other runs, and with 5 processes a side one such figure
// spoils the complete separation p < 0.01 needs, hiding a real slowdown. Judged within one
// side only, so a real change, which moves every run of a side alike, is never mistaken for
// one; only slow outliers count, because interference only ever adds time.
import type { MicroDocument } from '../../core/results/micro.js';
import { median } from '../../core/stats.js';
import { completedCases, fastestRepeat, microKey } from './compare.js';

/**
 * The default margin, compare's equivalence margin: one process more than 5% slow pushes a
 * 5-against-5 interval past ±5%, so the case cannot be called unchanged (A/A chains left 4-6
 * of 16 cases inconclusive that way). Under ci's node flag 7 of 110 processes lay over 5%
 * above their side's others, none over 10% (docs/proof-runs.md).
 */
export const OUTLIER_MARGIN = 0.05;

export interface SlowCase {
  id: string;
  /** how far the run's figure lies above the median of the side's other runs, e.g. 0.3 */
  excess: number;
}

export interface SlowRun {
  label: string;
  cases: SlowCase[];
}

/**
 * The runs of one side that are slower than the median of the side's other runs by more than
 * `margin` (e.g. 0.1) on at least one case. Needs 3 runs or more: with two, neither is the odd one.
 */
export function slowOutliers(runs: readonly { label: string; doc: MicroDocument }[], margin: number): SlowRun[] {
  if (runs.length < 3) return [];
  // A run's figure per case is its fastest repeat, as compare counts a process.
  const all = runs.map((r) => ({ label: r.label, figures: fastestRepeat(completedCases(r.doc), microKey) }));
  return all.flatMap((run) => {
    const cases: SlowCase[] = [];
    for (const [id, figure] of run.figures) {
      const others = all.filter((o) => o !== run).flatMap((o) => (o.figures.has(id) ? [o.figures.get(id)!] : []));
      if (others.length < 2) continue;
      const excess = figure / median(others)! - 1;
      if (excess > margin) cases.push({ id, excess });
    }
    return cases.length > 0 ? [{ label: run.label, cases }] : [];
  });
}
