// How one case is counted inside its process, as pure logic over two callbacks so it is tested
// without Valgrind. V8 tiers up inside a short warm-up, and on the main thread under --predictable
// the compilations themselves land in whatever region runs them; so a long warm-up by calls
// (tier-up follows calls, not instructions), then equal regions until two in a row agree, and the
// figure is those two regions' instructions over their calls, garbage collection included as in
// production. No forced GC: a forced full collection made two processes take different paths.
// Every number that shapes the protocol is in PROTOCOL.
import type { RegionCounts } from './callgrind-dump.js';

export interface Protocol {
  /** calls before the calibration region */
  firstWarmupOps: number;
  /** calls in the calibration region, which sizes the warm-up and the regions */
  calibrationOps: number;
  /** warm-up calls (V8 tiers up by calls) ... */
  warmupOps: number;
  /** ... unless that many would execute more than this many instructions (crypto-bound cases tier up early anyway) */
  warmupInstructions: number;
  minWarmupOps: number;
  /** instructions a counted region aims at; its calls are a power of two, so the choice is stable */
  regionInstructions: number;
  minRegionOps: number;
  maxRegionOps: number;
  /** two consecutive regions within this share of each other: steady */
  steadyTolerance: number;
  /** regions at most (a warm-up as long as the first one between each) */
  maxRegions: number;
}

export const PROTOCOL: Readonly<Protocol> = {
  firstWarmupOps: 32,
  calibrationOps: 8,
  warmupOps: 3000,
  warmupInstructions: 1.5e9,
  minWarmupOps: 50,
  regionInstructions: 50e6,
  minRegionOps: 4,
  maxRegionOps: 16384,
  steadyTolerance: 0.01,
  maxRegions: 5,
};

export interface ProtocolHooks {
  /** run the operation n times, uncounted */
  warm(n: number): Promise<void>;
  /** run it n times inside a counted region and return the region's counts */
  count(n: number, name: string): Promise<RegionCounts>;
}

export interface Counted {
  instructionsPerOp: number;
  estimatedCyclesPerOp: number | null;
  opsPerRegion: number;
  /** each counted region's figures per call, in order; the figure is the last two's */
  regionInstructionsPerOp: number[];
  regionEstimatedCyclesPerOp: number[] | null;
  /** uncounted calls before the first counted region, calibration included */
  warmupOps: number;
  /** whether the last two regions agreed within PROTOCOL.steadyTolerance */
  steady: boolean;
}

/** The largest power of two at most x, within [lo, hi]. */
export function powerOfTwoOps(x: number, lo: number, hi: number): number {
  const p = 2 ** Math.floor(Math.log2(Math.max(1, x)));
  return Math.min(hi, Math.max(lo, p));
}

export const agree = (a: number, b: number, tolerance: number): boolean => Math.abs(a - b) <= tolerance * Math.min(a, b);

export async function countCase(hooks: ProtocolHooks, p: Readonly<Protocol> = PROTOCOL): Promise<Counted> {
  await hooks.warm(p.firstWarmupOps);
  const calibration = (await hooks.count(p.calibrationOps, 'calibration')).instructions / p.calibrationOps;
  const warmup = Math.max(p.minWarmupOps, Math.min(p.warmupOps, Math.floor(p.warmupInstructions / calibration)));
  await hooks.warm(warmup);
  let warmupOps = p.firstWarmupOps + p.calibrationOps + warmup;
  const ops = powerOfTwoOps(p.regionInstructions / calibration, p.minRegionOps, p.maxRegionOps);
  const regions: RegionCounts[] = [await hooks.count(ops, 'region-0'), await hooks.count(ops, 'region-1')];
  const perOp = (r: RegionCounts) => r.instructions / ops;
  const steadyNow = () => agree(perOp(regions.at(-2)!), perOp(regions.at(-1)!), p.steadyTolerance);
  while (!steadyNow() && regions.length < p.maxRegions) {
    await hooks.warm(warmup);
    warmupOps += warmup;
    regions.push(await hooks.count(ops, `region-${regions.length}`));
  }
  const lastTwo = regions.slice(-2);
  const cycles = regions.every((r) => r.estimatedCycles !== null) ? regions.map((r) => r.estimatedCycles! / ops) : null;
  return {
    instructionsPerOp: (lastTwo[0]!.instructions + lastTwo[1]!.instructions) / (2 * ops),
    estimatedCyclesPerOp: cycles === null ? null : (cycles.at(-2)! + cycles.at(-1)!) / 2,
    opsPerRegion: ops,
    regionInstructionsPerOp: regions.map(perOp),
    regionEstimatedCyclesPerOp: cycles,
    warmupOps,
    steady: steadyNow(),
  };
}
