// The probe's results document (probe.json, schema: core/results/probe.schema.json). It never
// holds the token, the secret or any key: only what the token's header says, and per attack
// what the target answered.
import type { EnvFingerprint } from '../../core/env.js';

export const PROBE_SCHEMA_VERSION = 2;

/**
 * What an accepted attack means: `forgery` was built without the signing material (anyone can
 * mint tokens); `policy` was signed with it (the key holder can mint tokens the policy should
 * refuse: expired, another audience, an unknown crit...).
 */
export type Severity = 'forgery' | 'policy';

/**
 * Why an attack was not sent: `gap` when the probe lacked something it could have been given
 * (a public key, the signing material), `not-applicable` when the token rules it out (an
 * ECDSA attack on an RSA token, a wrong-iss test on a token without iss).
 */
export type SkipCoverage = 'gap' | 'not-applicable';

/** What an attack needs beyond the valid token; without it the attack is skipped, with a reason. */
export type AttackNeed = 'nothing' | 'public-key' | 'signing-material' | 'hmac-token' | 'ecdsa-token' | 'rsa-token' | 'asymmetric-token';

export interface AttackInfo {
  id: string;
  family: string;
  severity: Severity;
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
  | { state: 'skipped'; reason: string; coverage: SkipCoverage }
);

export interface ProbeDocument {
  schemaVersion: typeof PROBE_SCHEMA_VERSION;
  kind: 'probe';
  env: EnvFingerprint;
  config: {
    target: string;
    tokenSource: 'token' | 'issuer';
    issuer: string | null;
    /** where the public key came from: --jwks, --public-key, the token's iss (OIDC discovery or its JWKS), or recovered from two signatures */
    keySource: 'jwks' | 'public-key' | 'discovered' | 'recovered' | null;
    signingMaterial: 'secret' | 'signing-key' | null;
    /** how each token was sent, e.g. "GET, header Authorization: Bearer <token>" */
    tokenLocation: string;
    ratePerS: number;
    maxRequests: number;
    timeoutMs: number;
    allowRemote: boolean;
  };
  /** the valid token's protected header (never the token) */
  tokenHeader: Record<string, unknown>;
  control: { status: number; durationMs: number };
  attacks: AttackResult[];
  summary: {
    total: number; accepted: number; rejected: number; errored: number; skipped: number; requests: number;
    /** accepted attacks by severity: forgeries (exit 1) and policy findings */
    forgeries: number; policyFindings: number;
    /** skipped attacks the probe could have run with more material (see --fail-on incomplete) */
    gaps: number;
  };
}
