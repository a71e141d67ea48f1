// Synthetic series with known steps, in noise like this machine's (docs/measured.md): each
// run's figure scatters log-normally (1.5% standard deviation: a 5-process run's median, from
// per-process spreads of 1.0–3.0% with --no-concurrent-recompilation), and 1 run in 20 is
// slowed 3–12% on every case at once (the machine's shifts the A/A pairs saw). Instruction
// counts (counts: true) scatter far less, but now and then a collection falls into another
// region and moves a count up or down by 0.5-2.5% (docs/measured.md#instruction-counts). Seeded,
// so a test or a measurement gives the same series every time.
import { seededRandom } from '../../core/e-divisive.js';
import type { EnvFingerprint } from '../../core/results/env.js';

export interface SyntheticOptions {
  runs: number;
  /** the run index at which the level steps, and by how much the cost rises (0.05 = 5% slower); null for none */
  stepAt: number | null;
  step: number;
  seed: number;
  sd?: number;
  shiftRate?: number;
  /** how far a shifted run moves: [min, max] as fractions (default 3-12%, slower only) */
  shiftRange?: readonly [number, number];
  /** a shift may go either way (a collection falling into another region moves a count up or down) */
  shiftTwoSided?: boolean;
}

/** A rate series (ops/s, higher is better) around 100,000. */
export function syntheticRates(o: SyntheticOptions): number[] {
  const random = seededRandom(o.seed);
  const sd = o.sd ?? 0.015;
  const shiftRate = o.shiftRate ?? 0.05;
  const [lo, hi] = o.shiftRange ?? [0.03, 0.12];
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const shift = () => {
    const size = lo + (hi - lo) * random();
    return o.shiftTwoSided && random() < 0.5 ? 1 / (1 + size) : 1 + size;
  };
  return Array.from({ length: o.runs }, (_, i) => {
    const cost = (o.stepAt !== null && i >= o.stepAt ? 1 + o.step : 1) * Math.exp(sd * gauss()) * (random() < shiftRate ? shift() : 1);
    return 100_000 / cost;
  });
}

/**
 * A history of several series measured in the same runs: the machine's shifts are drawn per run
 * and move every series of that run at once, as a busy hour does; the step (if any) is planted in
 * the first series only, as a code change to one engine would be. Rates, as syntheticRates, and
 * the indexes of the shifted runs.
 */
export function syntheticHistory(o: SyntheticOptions & { series: number }): { rates: number[][]; shifted: number[] } {
  const random = seededRandom(o.seed);
  const sd = o.sd ?? 0.015;
  const shiftRate = o.shiftRate ?? 0.05;
  const [lo, hi] = o.shiftRange ?? [0.03, 0.12];
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const shifts = Array.from({ length: o.runs }, () => (random() < shiftRate ? 1 + lo + (hi - lo) * random() : 1));
  const rates = Array.from({ length: o.series }, (_, s) => shifts.map((shift, i) => {
    const step = s === 0 && o.stepAt !== null && i >= o.stepAt ? 1 + o.step : 1;
    return 100_000 / (step * Math.exp(sd * gauss()) * shift);
  }));
  return { rates, shifted: shifts.flatMap((x, i) => (x > 1 ? [i] : [])) };
}

/** The environment block of a synthetic store's runs: says what it is, so nobody takes it for a machine. */
export function syntheticEnv(): EnvFingerprint {
  const at = new Date(Date.UTC(2026, 0, 1)).toISOString();
  return {
    cpuModel: 'synthetic (scripts/lib/synthetic-history.ts)', cores: 2, usableCores: 2, os: 'synthetic', arch: 'x64', node: process.versions.node, openssl: 'synthetic',
    execArgv: [], libraries: {}, uvThreadpoolSize: 4, gitCommit: null, startedAt: at, endedAt: at,
  };
}
