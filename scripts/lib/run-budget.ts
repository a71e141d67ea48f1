// The time budget of `jwtbench run` (npm start): the micro phase's extra repeats and the load
// runs' windows are what give way when the machine is slow; every case and every run still
// happens. How the budget is shared, and the line that says whether it bound.
import { plannedLoadMs } from '../../bench/load/budget.js';
import type { LoadDocument } from '../../core/results/load.js';
import type { CaseFigure } from '../../core/results/micro.js';

/**
 * The run's default budget: npm start also builds (tsc -b, 1-3 s when dist/ is up to date) and
 * starts npm and node, and the README promises npm start under 90 s.
 */
export const RUN_BUDGET_S = 84;
/** kept for the report at the end (3-5 s measured, the longer on a busy machine) */
export const REPORT_RESERVE_MS = 5_000;

export interface BudgetPlan {
  startedAt: number;
  budgetMs: number;
  /** no extra micro repeat starts after this: the load phase's planned time and the report's are kept */
  microFinishBy: number;
  /** the load runs' windows are sized to end by this */
  loadFinishBy: number;
}

export function planBudget(startedAt: number, budgetS: number, loadRuns: number, loadDurationS: number): BudgetPlan {
  const budgetMs = budgetS * 1000;
  const loadFinishBy = startedAt + budgetMs - REPORT_RESERVE_MS;
  return { startedAt, budgetMs, microFinishBy: loadFinishBy - plannedLoadMs(loadRuns, loadDurationS), loadFinishBy };
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** One line: the time used against the budget and by each phase, and what it cut when it bound. */
export function budgetLine(plan: BudgetPlan, endedAt: number, micro: { doneAt: number; maxRepeats: number; figures: readonly CaseFigure[] }, load: LoadDocument & { doneAt: number }): string {
  const used = endedAt - plan.startedAt;
  const phases = `micro ${s(micro.doneAt - plan.startedAt)}, load ${s(load.doneAt - micro.doneAt)}, report ${s(endedAt - load.doneAt)}`;
  const cuts: string[] = [];
  if (micro.doneAt >= plan.microFinishBy) {
    const short = micro.figures.filter((f) => f.unstable !== null && f.repeats < micro.maxRepeats).length;
    cuts.push(`no extra micro repeat started after ${s(plan.microFinishBy - plan.startedAt)}${short > 0 ? ` (${short} unstable case${short > 1 ? 's' : ''} kept fewer than ${micro.maxRepeats} repeats)` : ''}`);
  }
  const full = load.config.durationS;
  const windows = load.runs.flatMap((r) => (r.state === 'completed' ? [r.durationS] : []));
  const cut = windows.filter((d) => d < full * 0.95);
  if (cut.length > 0) cuts.push(`${cut.length} of ${windows.length} load runs measured ${Math.min(...cut).toFixed(1)}–${Math.max(...cut).toFixed(1)} s instead of ${full} s`);
  const head = `time budget: ${s(used)} of ${s(plan.budgetMs)}${used > plan.budgetMs ? ', over it' : ''} (${phases})`;
  return cuts.length === 0 ? `${head}; it did not bind (the extra repeats and the load runs had all their time)`
    : `${head}; the machine was slower than the budget allows, so it bound: ${cuts.join('; ')} (run --budget <s> for more time)`;
}
