// The resampling behind scripts/resample-coverage.ts: from measured processes, every way of
// drawing two disjoint groups of `size` processes; one group's pooled repeats give a case's
// interval (core/repeats.ts, as a run computes it), the other's its figure. Counts how often
// the interval held the figure. Pure, so it is tested on synthetic processes.
import { caseFigures, type RepeatInput } from '../../core/repeats.js';

export interface ResampledCoverage {
  size: number;
  /** (group, other group, case) triples judged */
  casePairs: number;
  covered: number;
  medianHalfWidth: number;
}

function* subsets(n: number, k: number, from = 0): Generator<number[]> {
  if (k === 0) { yield []; return; }
  for (let i = from; i < n; i++) for (const rest of subsets(n, k - 1, i + 1)) yield [i, ...rest];
}

/** Null when there are fewer than 2 × size processes. */
export function resampledCoverage(processes: readonly (readonly RepeatInput[])[], size: number): ResampledCoverage | null {
  if (size < 1 || 2 * size > processes.length) return null;
  const groups = [...subsets(processes.length, size)].map((members) => ({
    members, figures: new Map(caseFigures(members.flatMap((i) => processes[i]!)).map((f) => [f.id, f])),
  }));
  let casePairs = 0;
  let covered = 0;
  const halfWidths: number[] = [];
  for (const a of groups) {
    for (const b of groups) {
      if (a === b || a.members.some((i) => b.members.includes(i))) continue;
      for (const [id, fa] of a.figures) {
        const fb = b.figures.get(id);
        if (!fb) continue;
        casePairs += 1;
        if (fa.opsPerSecInterval[0] <= fb.opsPerSec && fb.opsPerSec <= fa.opsPerSecInterval[1]) covered += 1;
        halfWidths.push((fa.opsPerSecInterval[1] - fa.opsPerSecInterval[0]) / 2 / fa.opsPerSec);
      }
    }
  }
  halfWidths.sort((x, y) => x - y);
  return { size, casePairs, covered, medianHalfWidth: halfWidths[halfWidths.length >> 1] ?? 0 };
}
