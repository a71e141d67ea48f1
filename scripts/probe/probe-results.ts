// The probe's results document (probe.json, schema: scripts/probe/probe.schema.json). It never
// holds the token, the secret or any key: only what the token's header says, and per attack
// what the target answered.
import type { EnvFingerprint } from '../../core/env.js';

export const PROBE_SCHEMA_VERSION = 1;

/** What an attack needs beyond the valid token; without it the attack is skipped, with a reason. */
export type AttackNeed = 'nothing' | 'public-key' | 'signing-material' | 'hmac-token' | 'ecdsa-token' | 'asymmetric-token';

export interface AttackInfo {
  id: string;
  family: string;
  /** what the token is, in a line */
  title: string;
  /** what it means if the target accepts it */
  meaning: string;
  /** CVE, advisory or RFC section */
  reference: string;
}

interface Sent {
  /** HTTP status; null for an offline check that sent nothing */
  status: number | null;
  durationMs: number;
}

/** Results keyed by state: accepted means the target answered 2xx to a forged token. */
export type AttackResult = AttackInfo & (
  | ({ state: 'accepted'; finding?: string } & Sent)
  | ({ state: 'rejected'; note?: string } & Sent)
  /** 5xx, a timeout or a network error: not a forgery, but a verifier should answer 401 */
  | ({ state: 'errored'; error: string } & Omit<Sent, 'status'> & { status: number | null })
  | { state: 'skipped'; reason: string }
);

export interface ProbeDocument {
  schemaVersion: typeof PROBE_SCHEMA_VERSION;
  kind: 'probe';
  env: EnvFingerprint;
  config: {
    target: string;
    tokenSource: 'token' | 'issuer';
    issuer: string | null;
    keySource: 'jwks' | 'public-key' | null;
    signingMaterial: 'secret' | 'signing-key' | null;
    ratePerS: number;
    maxRequests: number;
    timeoutMs: number;
    allowRemote: boolean;
  };
  /** the valid token's protected header (never the token) */
  tokenHeader: Record<string, unknown>;
  control: { status: number; durationMs: number };
  attacks: AttackResult[];
  summary: { total: number; accepted: number; rejected: number; errored: number; skipped: number; requests: number };
}
