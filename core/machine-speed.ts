// How far the machine's own speed moved over a run's rounds, from its reference loop
// (bench/reference-loop.ts measures it; the summary, the report and the proofs read it here).
import type { ReferenceLoop } from './results/micro.js';

/** The rounds' median rate and how far the slowest and fastest lay from it. */
export function referenceSpread(loop: ReferenceLoop): { medianOpsPerSec: number; low: number; high: number } | null {
  const rates = loop.rounds.map((r) => r.opsPerSec).sort((a, b) => a - b);
  if (rates.length === 0) return null;
  const n = rates.length;
  const median = n % 2 ? rates[n >> 1]! : (rates[(n >> 1) - 1]! + rates[n >> 1]!) / 2;
  return { medianOpsPerSec: median, low: rates[0]! / median - 1, high: rates[n - 1]! / median - 1 };
}
