import type { AlgorithmSpec } from '../../core/algorithms.js';
import type { KeyMaterial } from '../../core/keys.js';
import type { EngineName, KeyPrep } from '../../core/results/names.js';
import type { Claims } from '../payloads.js';

export type { EngineName, KeyPrep } from '../../core/results/names.js';
export interface EngineContext {
  alg: AlgorithmSpec;
  keys: KeyMaterial;
  payload: Claims;
  keyPrep: KeyPrep;
  /** a frozen clock (s) for exp/nbf checks, so a count never depends on the day it ran (--measure instructions); absent: the real clock */
  clockS?: number;
}

/** One engine made ready for one (algorithm, key, payload, key preparation). */
export interface PreparedEngine {
  /** true when sign/verify return promises (tinybench then awaits inside the timed window) */
  async: boolean;
  sign(): string | Promise<string>;
  /** Resolves with the claims; throws (or rejects) for any token that does not verify. */
  verify(token: string): unknown;
}

export interface Engine {
  name: string;
  /** the file an engine from --engine-module was loaded from, named in its errors */
  source?: string;
  keyPreps: readonly KeyPrep[];
  /** whether it runs this algorithm here and now */
  supports(alg: AlgorithmSpec): boolean;
  /**
   * Why it does not run an algorithm it is meant for (jose's ML-DSA on a runtime without
   * WebCrypto ML-DSA): such cases are recorded as skipped, with this reason. null when it
   * runs the algorithm, or when the algorithm is simply not its business.
   */
  skipReason?(alg: AlgorithmSpec): string | null;
  prepare(ctx: EngineContext): Promise<PreparedEngine>;
}
