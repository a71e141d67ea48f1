// Named sizes of a micro run. `quick` is what `npm start` runs; `smoke` is for tests.
import { availableParallelism } from 'node:os';
import { ALG_NAMES } from '../core/algorithms.js';
import type { Budget } from '../core/results/micro.js';
import { OPS } from '../core/results/names.js';
import { ENGINE_NAMES, KEY_PREPS } from '../core/results/names.js';
import type { MicroMatrix } from '../core/results/micro.js';
import { PAYLOAD_NAMES } from '../core/results/names.js';

export type PresetName = 'smoke' | 'quick' | 'ci' | 'standard' | 'full';
export const PRESET_NAMES: readonly PresetName[] = ['smoke', 'quick', 'ci', 'standard', 'full'];

export interface Preset {
  description: string;
  matrix: MicroMatrix;
  budget: Budget;
  /** matrix repeats, interleaved (what compare tests on); 1 unless given */
  repeat?: number;
  /** untimed rounds before the repeats; 1 when repeating unless given */
  warmupRounds?: number;
  /** fresh processes, each running the warm-up rounds and the repeats; 1 unless given */
  processes?: number;
  /** an unstable case is repeated again up to this many repeats in all; `repeat` unless given */
  maxRepeats?: number;
  /** the time those extra repeats may take */
  extraTimeMs?: number;
  /** pinned (taskset): to the last CPU when every case has 1 thread, else each thread count to as many CPUs; unpinned unless given */
  pin?: boolean;
  /** node/V8 flags of the measuring process (which is then always a child process); none unless given */
  nodeFlags?: readonly string[];
}

function threadsUpTo(n: number): number[] {
  return Array.from({ length: Math.max(1, n) }, (_, i) => i + 1);
}

export const PRESETS: Readonly<Record<PresetName, Preset>> = {
  smoke: {
    description: 'a few cases with a tiny time budget; proves the pipeline, measures little',
    matrix: { algs: ['HS256', 'ES256'], rsaBits: [2048], ops: OPS, engines: ['jose', 'node'], keyPreps: ['prepared'], payloads: ['small'], threads: [1] },
    budget: { timeMs: 20, warmupMs: 5, minSamples: 5 },
  },
  quick: {
    description: 'every algorithm at its default key size, jose prepared, the node floor and noble-pq (ML-DSA), typical payload, 1 thread; pinned to one CPU, a warm-up round, 9 interleaved repeats, up to 13 for unstable cases',
    matrix: { algs: ALG_NAMES, rsaBits: [2048], ops: OPS, engines: ['jose', 'node', 'noble-pq'], keyPreps: ['prepared'], payloads: ['typical'], threads: [1] },
    // One 500 ms run per case moved by up to 31% between two runs (the first cases most): a
    // warm-up round, then short repeats interleaved so drift spreads over every case, each
    // case's figure their median. 9: with 5 a single disturbed repeat widened the interval
    // (the lowest to the highest repeat) of 41 of 52 cases past ±5%; a case that is unstable
    // gets up to 13, where the 99% interval leaves out the extreme at each end; 5 s at most
    // (8 s took npm start to 88-90 s of its 90 on a noisy day; the cap binds only then).
    budget: { timeMs: 40, warmupMs: 10, minSamples: 16 },
    repeat: 9,
    warmupRounds: 1,
    maxRepeats: 13,
    extraTimeMs: 5_000,
    // jose's async calls hop to libuv's threadpool; unpinned, the hop costs 20 or 90 µs
    // depending on where the threads land and how deeply the idle CPU sleeps (HS256 sign
    // measured 11.9k and 46k ops/s in two runs); pinned, the same calls agreed within 2-8%.
    pin: true,
    // V8 optimizes on a background thread by default; pinned to one CPU, when that thread gets
    // the CPU decides what each process ends up running, so two processes of the same code
    // differed by a few percent and the intervals (from one process's repeats) missed the
    // next run's figure. Optimizing on the benchmark's own thread: two back-to-back run pairs
    // met every repeatability target (16/16 cases and 12/12 ratios within 2.8%, intervals 15
    // and 15 of 16, twice) where the default, measured right after, did not (ratios 11/12,
    // intervals 12 and 11 of 16). docs/measured.md
    nodeFlags: ['--no-concurrent-recompilation'],
  },
  ci: {
    description: 'for pull requests: HS256, RS256, ES256, EdDSA, jose and the floor, small payload, 1 thread, in 5 fresh processes of 3 warm-up rounds and 3 repeats, V8 optimizing on the benchmark thread; about 70 s (run it pinned to one CPU: taskset -c 1)',
    matrix: { algs: ['HS256', 'RS256', 'ES256', 'EdDSA'], rsaBits: [2048], ops: OPS, engines: ['jose', 'node'], keyPreps: ['prepared'], payloads: ['small'], threads: [1] },
    // The process is compare's unit: two processes of the same code differed by up to 5-7% in
    // jose's HS256 verify, which 12 repeats inside one process called a regression 2 times in
    // 20. 5 processes a side is the fewest that can reach p < 0.01; compare takes the fastest of
    // a process's 3 repeats, which shrugs off disturbed ones. 3 warm-up rounds: after 2, the first timed repeat of
    // jose's RS256 verify was still over 3% slow in 46 of 143 processes.
    budget: { timeMs: 100, warmupMs: 30, minSamples: 16 },
    repeat: 3,
    warmupRounds: 3,
    processes: 5,
    // As quick, and for the same cause: with V8 optimizing on a background thread, the floor's
    // HS256 sign spread between ci processes with a standard deviation of 4.05% and 3.43% (the
    // case A/A comparisons left undecided most often); on the benchmark's thread, 1.84% and
    // 1.31%. docs/measured.md
    nodeFlags: ['--no-concurrent-recompilation'],
  },
  standard: {
    description: 'every algorithm at 2048-bit RSA, all engines and key preparations, typical payload, 1 and 2 threads, each thread count pinned to as many CPUs',
    matrix: { algs: ALG_NAMES, rsaBits: [2048], ops: OPS, engines: ENGINE_NAMES, keyPreps: KEY_PREPS, payloads: ['typical'], threads: [1, 2] },
    // About the time of one 1 s run per case, spent as a warm-up round and 9 repeats (as quick,
    // so the median's interval can leave out a disturbed repeat); unstable cases get up to 13.
    budget: { timeMs: 100, warmupMs: 20, minSamples: 32 },
    repeat: 9,
    warmupRounds: 1,
    maxRepeats: 13,
    extraTimeMs: 60_000,
    // Each thread count in its own processes on as many CPUs (bench/pin-plan.ts), V8 optimizing
    // on the benchmark's threads, as quick: its 1-thread cases are then measured as quick's are.
    pin: true,
    nodeFlags: ['--no-concurrent-recompilation'],
  },
  full: {
    description: 'everything: RSA 2048/3072/4096, all engines, key preparations and payloads, 1..cores threads, each thread count pinned to as many CPUs',
    matrix: { algs: ALG_NAMES, rsaBits: [2048, 3072, 4096], ops: OPS, engines: ENGINE_NAMES, keyPreps: KEY_PREPS, payloads: PAYLOAD_NAMES, threads: threadsUpTo(availableParallelism()) },
    budget: { timeMs: 100, warmupMs: 20, minSamples: 64 },
    repeat: 9,
    warmupRounds: 1,
    maxRepeats: 13,
    extraTimeMs: 300_000,
    pin: true,
    nodeFlags: ['--no-concurrent-recompilation'],
  },
};

export const DEFAULT_PRESET: PresetName = 'quick';
