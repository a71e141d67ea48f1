// A load phase inside a time budget (jwtbench run): each run's length from the time left, so
// a busy machine, where starting servers and minting the token pool take longer, shortens the
// measured windows instead of overrunning; every run still happens, and records its length.
import { warmupS } from './scenarios.js';

/** What a run costs besides its windows: servers started, the token pool minted, stopped (1.6 s on the quiet 2-core machine; 5-10 s at a load average of 10). */
export const RUN_OVERHEAD_MS = 2_000;
/** The shortest measured window a budget may leave a run: below it autocannon's whole-millisecond latencies and one-second samples say little. */
export const MIN_RUN_S = 2;

/** The time a load phase of `runs` runs of `durationS` is expected to take, warm-ups included, at the assumed overhead. */
export function plannedLoadMs(runs: number, durationS: number): number {
  return runs * (RUN_OVERHEAD_MS + (durationS + warmupS(durationS)) * 1000);
}

/**
 * The measured window of the next run: what is left, shared by the runs still to go, less each
 * one's overhead and warm-up (min(1, d/4) before a window of d), between MIN_RUN_S and the
 * plan's own length; in tenths of a second.
 */
export function durationWithin(leftMs: number, runsLeft: number, overheadMs: number, fullS: number): number {
  const perRunS = (leftMs / Math.max(1, runsLeft) - overheadMs) / 1000;
  const windowS = perRunS >= 5 ? perRunS - 1 : perRunS * 0.8; // d + min(1, d/4) = perRunS
  return Math.min(fullS, Math.max(MIN_RUN_S, Math.floor(windowS * 10) / 10));
}
