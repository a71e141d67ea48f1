// What the host sends a runtime for the cross-runtime check, and what comes back.
import type { AlgName } from '../../core/algorithms.js';
import type { StoredKey } from '../instructions/key-set.js';
import type { EngineSources } from '../engines/engine-set.js';

export interface CrossCheckTask {
  sources: EngineSources;
  /** per algorithm: the keys (made on the host, for this check only) and a token the host signed with them */
  algs: { alg: AlgName; key: StoredKey; hostToken: string }[];
  nowS: number;
}

export interface CrossCheckOutcome {
  engine: string;
  alg: AlgName;
  /** null: the host's token verified there; else why not */
  hostTokenThere: string | null;
  /** the token this engine signed there, for the host to verify; null when signing failed */
  token: string | null;
  signError: string | null;
}
