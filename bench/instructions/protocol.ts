// How one case is counted inside its process, as pure logic over two callbacks so it is tested
// without Valgrind. V8 tiers up inside a short warm-up, and on the main thread under --predictable
// the compilations themselves land in whatever region runs them; so a long warm-up by calls
// (tier-up follows calls, not instructions), then a fixed number of equal regions, and the figure
// is the mean of all but the first, garbage collection included as in production. The same path
// in every run: stopping once two regions agreed let a collection that fell into one region
// decide where a run stopped, and two runs of the same code differed by 4%. No forced GC either:
// a forced full collection made two processes take different paths.
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
  /** the counted regions within this share of their mean: steady (a diagnostic) */
  steadyTolerance: number;
  /** counted regions; the first is left out of the figure (the warm-up's last tier-ups land there) */
  regions: number;
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
  steadyTolerance: 0.05,
  regions: 5,
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
  /** each counted region's figures per call, in order; the figure is the mean of all but the first */
  regionInstructionsPerOp: number[];
  regionEstimatedCyclesPerOp: number[] | null;
  /** uncounted calls before the first counted region, calibration included */
  warmupOps: number;
  /** whether every region of the figure lies within PROTOCOL.steadyTolerance of their mean (garbage collection falls unevenly otherwise) */
  steady: boolean;
}

/** The largest power of two at most x, within [lo, hi]. */
export function powerOfTwoOps(x: number, lo: number, hi: number): number {
  const p = 2 ** Math.floor(Math.log2(Math.max(1, x)));
  return Math.min(hi, Math.max(lo, p));
}

export async function countCase(hooks: ProtocolHooks, p: Readonly<Protocol> = PROTOCOL): Promise<Counted> {
  await hooks.warm(p.firstWarmupOps);
  const calibration = (await hooks.count(p.calibrationOps, 'calibration')).instructions / p.calibrationOps;
  const warmup = Math.max(p.minWarmupOps, Math.min(p.warmupOps, Math.floor(p.warmupInstructions / calibration)));
  await hooks.warm(warmup);
  const warmupOps = p.firstWarmupOps + p.calibrationOps + warmup;
  const ops = powerOfTwoOps(p.regionInstructions / calibration, p.minRegionOps, p.maxRegionOps);
  const regions: RegionCounts[] = [];
  for (let r = 0; r < p.regions; r++) regions.push(await hooks.count(ops, `region-${r}`));
  const counted = regions.length > 1 ? regions.slice(1) : regions;
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const instr = regions.map((r) => r.instructions / ops);
  const figure = mean(counted.map((r) => r.instructions / ops));
  const cycles = regions.every((r) => r.estimatedCycles !== null) ? regions.map((r) => r.estimatedCycles! / ops) : null;
  return {
    instructionsPerOp: figure,
    estimatedCyclesPerOp: cycles === null ? null : mean(cycles.slice(regions.length - counted.length)),
    opsPerRegion: ops,
    regionInstructionsPerOp: instr,
    regionEstimatedCyclesPerOp: cycles,
    warmupOps,
    steady: counted.every((r) => Math.abs(r.instructions / ops - figure) <= p.steadyTolerance * figure),
  };
}
