// Statistics over latency samples. Percentiles interpolate linearly between order statistics
// and rme is the 95% Student-t margin relative to the mean, the same definitions tinybench uses,
// so pooled multi-thread figures read like tinybench's single-thread ones.
import { createRequire } from 'node:module';
import type jstatModule from 'jstat';
import type { LatencySummary } from './results/micro.js';

// jstat is required on first use: importing it costs ~40 ms that `jwtbench --help` should not pay.
const require = createRequire(import.meta.url);
let jstat: typeof jstatModule.jStat | undefined;
const jStatLazy = (): typeof jstatModule.jStat => (jstat ??= (require('jstat') as typeof jstatModule).jStat);


export function mean(xs: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < xs.length; i++) sum += xs[i]!;
  return xs.length === 0 ? NaN : sum / xs.length;
}

/** Sample variance (n - 1 in the denominator). */
export function variance(xs: ArrayLike<number>): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  let sum = 0;
  for (let i = 0; i < xs.length; i++) sum += (xs[i]! - m) ** 2;
  return sum / (xs.length - 1);
}

/** Two-sided critical value of Student's t for the given confidence (default 95%). */
export function tCritical(df: number, confidence = 0.95): number {
  return jStatLazy().studentt.inv(1 - (1 - confidence) / 2, Math.max(1, df));
}

/** Relative margin of error, in percent, of the mean at 95% confidence. */
export function rme(xs: ArrayLike<number>): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  const sem = Math.sqrt(variance(xs) / xs.length);
  return (100 * sem * tCritical(xs.length - 1)) / Math.abs(m);
}

/** Median of the values; null when there are none. */
export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Percentile p in [0, 1] of ascending samples, linearly interpolated. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const index = (sorted.length - 1) * p;
  const lo = Math.floor(index);
  const hi = Math.ceil(index);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (index - lo);
}

export function summarize(samples: Float64Array): LatencySummary {
  const sorted = Float64Array.from(samples).sort();
  return {
    mean: mean(samples),
    p50: percentile(sorted, 0.5),
    p75: percentile(sorted, 0.75),
    p99: percentile(sorted, 0.99),
    p999: percentile(sorted, 0.999),
  };
}

/**
 * Means of consecutive batches of the samples, in run order: far fewer numbers than the samples,
 * closer to independent than single samples, and enough for a later two-run comparison.
 */
export function batchMeans(samples: ArrayLike<number>, maxBatches: number): number[] {
  const batches = Math.min(maxBatches, samples.length);
  const out: number[] = [];
  for (let b = 0; b < batches; b++) {
    const from = Math.floor((b * samples.length) / batches);
    const to = Math.floor(((b + 1) * samples.length) / batches);
    let sum = 0;
    for (let i = from; i < to; i++) sum += samples[i]!;
    out.push(sum / (to - from));
  }
  return out;
}

export function concat(parts: readonly Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
