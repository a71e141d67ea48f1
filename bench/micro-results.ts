// The micro results document (`micro.json`): the contract that reports and `compare` read.
// Its JSON Schema is bench/micro.schema.json; keep the two in step.
import type { CaseSpec } from './case.js';
import type { LatencySummary } from '../core/stats.js';
import type { EnvFingerprint } from '../core/env.js';
import type { Budget } from './case.js';
import type { MicroMatrix } from './matrix.js';
import type { CaseFigure } from '../core/repeats.js';

export const MICRO_SCHEMA_VERSION = 1;

export interface ThreadFigures {
  opsInWindow: number;
  /** tinybench's own figures for this thread */
  tinybenchMeanNs: number;
  tinybenchRme: number;
  samples: number;
}

export interface Derived {
  /** time per op relative to HS256 for the same op, engine, key prep, payload and threads (HS256 ops/s ÷ this ops/s) */
  costVsHs256: number | null;
  /** time per op relative to the node:crypto floor for the same algorithm and case (floor ops/s ÷ this ops/s) */
  costVsNodeFloor: number | null;
  /** throughput at k threads ÷ (k × throughput at 1 thread) */
  scalingEfficiency: number | null;
}

export type CompletedCase = CaseSpec & {
  state: 'completed';
  /** operations all threads completed in the common window ÷ the window's length */
  opsPerSec: number;
  durationMs: number;
  latencyNs: LatencySummary;
  /** relative margin of error of the mean latency, percent, 95% confidence */
  rme: number;
  samples: number;
  /** means of consecutive batches of samples, run order, per thread: what a later comparison tests */
  batchMeansNs: number[];
  perThread: ThreadFigures[];
  derived: Derived;
  repeat: number;
  /** which fresh process measured it (1-based), in runs of several processes (micro --processes) */
  process?: number;
};

export type ErroredCase = CaseSpec & {
  state: 'errored';
  /** where it failed: the correctness gate or the timed run */
  stage: 'gate' | 'run';
  error: string;
  repeat: number;
  process?: number;
};

export type MicroCase = CompletedCase | ErroredCase;

export interface MicroDocument {
  schemaVersion: typeof MICRO_SCHEMA_VERSION;
  kind: 'micro';
  env: EnvFingerprint;
  config: { preset: string | null; matrix: MicroMatrix; budget: Budget; repeat: number; warmupRounds?: number; processes?: number; maxRepeats?: number; extraTimeMs?: number; pinnedCpu?: number; testSlowdown?: import('./test-slowdown.js').TestSlowdown };
  cases: MicroCase[];
  /** one per case over its completed repeats (and processes): median, interval, ratios, unstable marks (core/repeats.ts); absent in older files */
  figures?: CaseFigure[];
}
