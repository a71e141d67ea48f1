// Welch's t-test: two samples with unequal variances and sizes. Chosen because the samples
// compared (batch means of one run, or per-repeat figures) are close to normal by the central
// limit theorem while their variances differ between runs and machines.
import jstatModule from 'jstat';
import { mean, variance } from '../stats.js';

const { jStat } = jstatModule;

export interface WelchResult {
  meanA: number;
  meanB: number;
  /** meanB - meanA */
  difference: number;
  /** two-sided confidence interval of the difference at 1 - alpha */
  ci: [number, number];
  t: number;
  df: number;
  /** two-sided p-value */
  p: number;
}

export function welch(a: readonly number[], b: readonly number[], alpha: number): WelchResult | null {
  if (a.length < 2 || b.length < 2) return null;
  const ma = mean(a);
  const mb = mean(b);
  const va = variance(a) / a.length;
  const vb = variance(b) / b.length;
  const se = Math.sqrt(va + vb);
  const difference = mb - ma;
  if (se === 0) {
    // Identical constant samples: no evidence of a difference, or a certain one.
    return { meanA: ma, meanB: mb, difference, ci: [difference, difference], t: difference === 0 ? 0 : Infinity, df: a.length + b.length - 2, p: difference === 0 ? 1 : 0 };
  }
  const df = (va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1));
  const t = difference / se;
  const p = 2 * (1 - jStat.studentt.cdf(Math.abs(t), df));
  const crit = jStat.studentt.inv(1 - alpha / 2, df);
  return { meanA: ma, meanB: mb, difference, ci: [difference - crit * se, difference + crit * se], t, df, p };
}
