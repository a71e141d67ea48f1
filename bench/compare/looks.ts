// A sequential design for per-process comparisons: a first look at the first n processes of
// each side, and, for the cases it leaves inconclusive only, a second look at every process
// once more have been measured for them. Looking twice is two chances of an error, so each
// rate is split between the looks in advance (Bonferroni, which holds whatever the dependence
// between the looks): a false regression stays at most alpha, a change of the threshold called
// unchanged at most the equivalence alpha, as with one look.
import { exactLevels } from './mann-whitney.js';

export interface LookRates {
  alpha: number;
  equivalenceAlpha: number;
}

/**
 * The first look's share of each rate. At alpha 0.01 the first look keeps what one look at 5
 * against 5 can reach (p 0.0079 needs 0.008 or more); its equivalence test at 0.04 uses a
 * slightly wider interval than one look's (one-sided miss chance 0.0278 instead of 0.0476),
 * which leaves the second look enough (0.0222) for a 95.6% interval. On recorded A/A pairs
 * (docs/compare.md) this split decided more cases than a first look at the full 0.05.
 */
export const FIRST_LOOK_SHARE = 0.8;

/**
 * The first look tests at FIRST_LOOK_SHARE of each rate; the second at what the first look's
 * exact test really spent subtracted from the whole (5 against 5 at 0.01 and 0.05: it spends
 * 0.0079 and 0.0278, which leaves 0.0020 and 0.022, rounded down).
 */
export function lookRates(look: 1 | 2, overall: LookRates, firstLookFigures: [number, number]): LookRates {
  const first = { alpha: round(overall.alpha * FIRST_LOOK_SHARE), equivalenceAlpha: round(overall.equivalenceAlpha * FIRST_LOOK_SHARE) };
  if (look === 1) return first;
  const spent = exactLevels(firstLookFigures[0], firstLookFigures[1], first.alpha, first.equivalenceAlpha);
  return { alpha: round(overall.alpha - spent.size), equivalenceAlpha: round(overall.equivalenceAlpha - spent.tail) };
}

/** Rounded down to two digits (0.0020, not 0.002063492063492064): never more than is left. */
function round(rate: number): number {
  if (!(rate > 0)) return 0;
  const unit = 10 ** (Math.floor(Math.log10(rate)) - 1);
  return Number((Math.floor(rate / unit + 1e-9) * unit).toPrecision(2));
}

/**
 * The processes of a case that the first look sees: its first `n` process numbers, in order.
 * The workflow numbers a side's run directories in the order they were measured, so these are
 * the processes measured before the first look.
 */
export function firstProcesses<T extends { process?: number }>(cases: readonly T[], n: number): T[] {
  const numbers = [...new Set(cases.map((c) => c.process ?? 1))].sort((x, y) => x - y).slice(0, n);
  return cases.filter((c) => numbers.includes(c.process ?? 1));
}
