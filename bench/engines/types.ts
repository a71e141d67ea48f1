import type { AlgorithmSpec } from '../../core/algorithms.js';
import type { KeyMaterial } from '../../core/keys.js';
import type { Claims } from '../payloads.js';

import type { EngineName } from '../../core/engines.js';

export type { EngineName };
/** `prepared`: keys imported once. `per-call`: a raw secret or PEM imported on every call. */
export type KeyPrep = 'prepared' | 'per-call';

export interface EngineContext {
  alg: AlgorithmSpec;
  keys: KeyMaterial;
  payload: Claims;
  keyPrep: KeyPrep;
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
  name: EngineName;
  keyPreps: readonly KeyPrep[];
  supports(alg: AlgorithmSpec): boolean;
  prepare(ctx: EngineContext): Promise<PreparedEngine>;
}
