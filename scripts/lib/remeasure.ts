// The workflow's re-measure step as the proof scripts run it (action.yml does the same in
// shell): two passes over the sides, each disturbed run `jwtbench outliers` names measured
// again, until the limit is spent; the rest stand as measured.
import { scriptFail } from './script-args.js';

export interface RemeasureSide {
  dir: string;
  /** measure the run in this directory again */
  measure: (run: string) => Promise<void>;
}

/** How many runs were measured again, and how many flags the limit left as measured. */
export async function remeasureDisturbed(sides: readonly RemeasureSide[], limit: number, outliers: (dir: string) => Promise<string[]>,
  onLeft: (run: string) => void = () => {}): Promise<{ remeasured: number; left: number }> {
  let remeasured = 0;
  let left = 0;
  for (let pass = 1; pass <= 2; pass++) {
    for (const side of sides) {
      for (const run of await outliers(side.dir)) {
        if (remeasured >= limit) {
          left += 1;
          onLeft(run);
          continue;
        }
        await side.measure(run);
        remeasured += 1;
      }
    }
  }
  return { remeasured, left };
}

/** --remeasure-limit's value, or one line and exit status 2. */
export function remeasureLimitOf(value: string | undefined, usage: string): number {
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 0) scriptFail(`--remeasure-limit must be a whole number (got ${value})`, usage);
  return limit;
}
