import type { Placement } from '../../core/token-placement.js';

// What the load-generating process is asked to do, and what it reports back.
export type ClientJob = {
  url: string;
  connections: number;
  durationS: number;
} & (
  | { kind: 'verify'; tokens: string[] }
  | { kind: 'mint' }
  | { kind: 'rotation'; issuerUrl: string; mintEveryMs: number }
  | { kind: 'outage'; tokens: string[]; unknownKidTokens: string[] }
  | ({ kind: 'target' } & TargetRequests)
);

/** What a target run sends: `method url` with each token of the pool in turn (none: the --compare-url run). */
export interface TargetRequests {
  method: string;
  tokens: string[];
  placement: Placement;
  /** autocannon overallRate over all client threads; null for no cap */
  ratePerS: number | null;
  /** autocannon worker threads; 1 runs in the client process itself */
  workers: number;
  /** a target the user said is theirs; otherwise loopback only */
  allowRemote: boolean;
}

export interface ClientReport {
  requests: number;
  durationS: number;
  requestsPerSec: number;
  latencyMs: { p50: number; p90: number; p99: number; p99_9: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  /** CPU the load generator used / wall time: near 1 means it saturated its core */
  cpuUtilization: number;
  /** rotation: valid (freshly minted) tokens refused, per second of the run */
  rejectedPerSecond?: number[];
  /** outage: responses to tokens whose key the verifier holds, and to tokens with unknown kids */
  known?: { ok: number; refused: number };
  unknownKid?: { ok: number; refused: number };
  /** rotation: tokens the client minted and kids it saw during the run */
  minted?: { tokens: number; kids: number; failures: number };
}
