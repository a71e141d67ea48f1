// The load results document (`load.json`), read by reports and `compare`. Its JSON Schema is
// bench/load/load.schema.json; keep the two in step.
import type { EngineName } from '../../core/engines.js';
import type { EnvFingerprint } from '../../core/env.js';
import type { SchemeName } from '../../core/schemes.js';
import type { RotationPolicy } from '../../servers/issuer/key-ring.js';

/** 2: `engine` in each run's identity and `authorizationHeaderBytes`; version 1 files are read as jose runs. */
export const LOAD_SCHEMA_VERSION = 2;

export type ScenarioName = 'verify' | 'mint' | 'rotation' | 'outage';

export interface RunIdentity {
  scenario: ScenarioName;
  scheme: SchemeName;
  /** the library the servers sign and verify with; null for the baseline, which has none */
  engine: EngineName | null;
  /** rotation runs only; null otherwise */
  policy: RotationPolicy | null;
  connections: number;
  repeat: number;
}

export type CompletedRun = RunIdentity & {
  state: 'completed';
  durationS: number;
  requests: number;
  requestsPerSec: number;
  latencyMs: { p50: number; p90: number; p99: number; p99_9: number };
  non2xx: number;
  errors: number;
  /** mean bytes per request of the Authorization header line as sent (name, value, CRLF); null when no pool of tokens was sent */
  authorizationHeaderBytes: number | null;
  /** verifier-measured time of successful verify calls (null when the scenario verifies nothing) */
  serverVerifyUs: { p50: number; p99: number } | null;
  /** issuer-measured time of sign calls (mint runs) */
  serverSignUs: { p50: number; p99: number } | null;
  serverCpuPerRequestUs: number | null;
  serverEventLoopUtilization: number;
  clientCpuUtilization: number;
  /** the load generator, not the server, was the bottleneck: its figures are not server speed */
  clientBound: boolean;
  relative: {
    requestsPerSecVsBaseline: number | null;
    requestsPerSecVsHs256: number | null;
    p99VsBaseline: number | null;
    p99VsHs256: number | null;
  };
  rotation?: { rotationsSeen: number; validRejected: number; rejectedPerSecond: number[] };
  outage?: { issuerStoppedAtS: number; knownKeyFailures: number; knownKeyRequests: number; unknownKidRequests: number; unknownKidAccepted: number; jwksFetchAttempts: number; jwksFetchBound: number; jwksCooldownMs: number };
};

export type ErroredRun = RunIdentity & { state: 'errored'; error: string };

export type LoadRun = CompletedRun | ErroredRun;

export interface LoadDocument {
  schemaVersion: typeof LOAD_SCHEMA_VERSION;
  kind: 'load';
  env: EnvFingerprint;
  config: { preset: string | null; scenarios: ScenarioName[]; schemes: SchemeName[]; engines: EngineName[]; connections: number[]; durationS: number; tokenPoolSize: number; repeat: number };
  runs: LoadRun[];
}
