// What one benchmark case is, and what one thread of it reports back.
import type { AlgName } from '../core/algorithms.js';
import type { EngineName, KeyPrep } from './engines/types.js';
import type { KeyMaterial } from '../core/keys.js';
import type { PayloadName } from './payloads.js';

export type Op = 'sign' | 'verify';
export const OPS: readonly Op[] = ['sign', 'verify'];

export interface CaseSpec {
  id: string;
  alg: AlgName;
  /** RSA modulus size; null for algorithms whose key size is fixed */
  keyBits: number | null;
  op: Op;
  engine: EngineName;
  keyPrep: KeyPrep;
  payload: PayloadName;
  threads: number;
}

export interface Budget {
  timeMs: number;
  warmupMs: number;
  minSamples: number;
}

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
  testSlowdown?: import('./test-slowdown.js').TestSlowdown;
  /** part of an untimed warm-up round */
  warmup?: boolean;
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
    }
  | { state: 'errored'; error: string };

export function caseId(c: Omit<CaseSpec, 'id'>): string {
  const alg = c.keyBits === null ? c.alg : `${c.alg}-${c.keyBits}`;
  return `${alg}/${c.op}/${c.engine}/${c.keyPrep}/${c.payload}/t${c.threads}`;
}
