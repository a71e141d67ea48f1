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
);

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
