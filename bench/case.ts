// What one benchmark case is, and what one thread of it reports back.
// The case itself (CaseSpec) and its budget are results vocabulary: core/results/micro.ts.
import type { KeyMaterial } from '../core/keys.js';
import type { Budget, CaseSpec, TestSlowdown } from '../core/results/micro.js';

export interface ThreadTask {
  spec: CaseSpec;
  keys: KeyMaterial;
  budget: Budget;
  /** issued-at time (s) shared by every thread, so all sign the same claims */
  nowS: number;
  barrier: { threads: number; buffer: SharedArrayBuffer };
  threadIndex: number;
  barrierTimeoutMs: number;
  /** TEST-ONLY: see bench/test-slowdown.ts */
  testSlowdown?: TestSlowdown;
  /** part of an untimed warm-up round */
  warmup?: boolean;
  /** where the worker finds the run's engines (absent: the built-in ones) */
  sources?: import('./engines/engine-set.js').EngineSources;
}

export type ThreadResult =
  | {
      state: 'completed';
      /** operations this thread completed inside the common window */
      opsInWindow: number;
      windowStartMs: number;
      windowEndMs: number;
      /** per-operation latency in ns, in the order the operations ran */
      latencyNs: Float64Array;
      tinybench: { meanNs: number; rme: number; samples: number };
      /** length of the token signed or verified */
      tokenBytes: number;
      /** share of the timed run the thread's event loop was busy (0..1) */
      eventLoopUtilization: number;
    }
  | { state: 'errored'; error: string };

export function caseId(c: Omit<CaseSpec, 'id'>): string {
  const alg = c.keyBits === null ? c.alg : `${c.alg}-${c.keyBits}`;
  return `${alg}/${c.op}/${c.engine}/${c.keyPrep}/${c.payload}/t${c.threads}`;
}
