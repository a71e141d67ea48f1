// The probe's results document (probe.json). It never holds the token, the secret or any key:
// only what the token's header says, and per attack what the target answered. The types are
// derived from the schema; the published probe.schema.json is generated from it (npm run schemas).
import { Type, type Static } from '@sinclair/typebox';
import { documentHead, loosely, nullable, oneOf } from './schema-kit.js';

const count = () => Type.Integer({ minimum: 0 });
const status = () => nullable(Type.Integer({ description: 'HTTP status; null for an offline check that sent nothing' }));
const durationMs = () => Type.Number({ minimum: 0 });

/**
 * What an accepted attack means: `forgery` was built without the signing material (anyone can
 * mint tokens); `policy` is a token the policy should refuse that gives no one without the
 * signing material a way to mint: signed with it (expired, another audience, an unknown
 * crit...) or a valid token in loose framing (an extra segment).
 */
export const SEVERITIES = ['forgery', 'policy'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * Why an attack was not sent: `gap` when the probe lacked something it could have been given
 * (a public key, the signing material), `not-applicable` when the token rules it out (an
 * ECDSA attack on an RSA token, a wrong-iss test on a token without iss).
 */
export const SKIP_COVERAGES = ['gap', 'not-applicable'] as const;
export type SkipCoverage = (typeof SKIP_COVERAGES)[number];

export const AttackInfoSchema = Type.Object({
  id: Type.String(),
  family: Type.String(),
  severity: oneOf(SEVERITIES, { description: 'forgery: built without the signing material (anyone can mint such tokens); policy: a token the policy should refuse that no one can mint without the signing material (signed with it, or a valid token loosely framed)' }),
  title: Type.String({ description: 'what the token is, in a line' }),
  meaning: Type.String({ description: 'what it means if the target accepts it' }),
  reference: Type.String({ description: 'CVE, advisory or RFC section' }),
});
export type AttackInfo = Static<typeof AttackInfoSchema>;

// Every state's fields, typed whatever the state (as the published schema always did); the
// branches below then say which of them each state requires.
const AttackFieldsSchema = Type.Object({
  ...AttackInfoSchema.properties,
  state: oneOf(['accepted', 'rejected', 'errored', 'skipped'], { description: 'accepted means the target answered 2xx to a forged token' }),
  status: Type.Optional(status()),
  durationMs: Type.Optional(durationMs()),
  finding: Type.Optional(Type.String()),
  note: Type.Optional(Type.String()),
  error: Type.Optional(Type.String({ description: '5xx, a timeout or a network error: not a forgery, but a verifier should answer 401' })),
  reason: Type.Optional(Type.String({ description: 'why the attack was skipped: what it needs that the probe does not have' })),
  coverage: Type.Optional(oneOf(SKIP_COVERAGES, { description: 'skipped: gap (the probe could have been given what it lacked) or not-applicable (the token rules it out)' })),
});

export const AttackResultSchema = Type.Intersect([AttackFieldsSchema, Type.Union([
  Type.Object({ state: Type.Literal('accepted'), status: status(), durationMs: durationMs() }),
  Type.Object({ state: Type.Literal('rejected'), status: status(), durationMs: durationMs() }),
  Type.Object({ state: Type.Literal('errored'), status: status(), durationMs: durationMs(), error: Type.String() }),
  Type.Object({ state: Type.Literal('skipped'), reason: Type.String(), coverage: oneOf(SKIP_COVERAGES) }),
])]);
/** Results keyed by state. */
export type AttackResult = Static<typeof AttackResultSchema>;

export const ProbeDocumentSchema = Type.Object({
  ...documentHead('probe'),
  config: Type.Object({
    target: Type.String(),
    tokenSource: oneOf(['token', 'issuer']),
    issuer: nullable(Type.String()),
    keySource: oneOf(['jwks', 'public-key', 'discovered', 'recovered', null], { description: "where the public key came from: --jwks, --public-key, the token's iss (OIDC discovery or its JWKS), or recovered from two signatures" }),
    signingMaterial: oneOf(['secret', 'signing-key', null]),
    tokenLocation: Type.String({ description: 'how each token was sent, e.g. "GET, header Authorization: Bearer <token>"' }),
    ratePerS: Type.Number({ exclusiveMinimum: 0 }),
    maxRequests: Type.Integer({ minimum: 1 }),
    timeoutMs: Type.Number({ exclusiveMinimum: 0 }),
    allowRemote: Type.Boolean(),
  }),
  tokenHeader: loosely<Record<string, unknown>>({ type: 'object', description: "the valid token's protected header (never the token)" }),
  control: Type.Object({ status: Type.Integer(), durationMs: durationMs() }),
  attacks: Type.Array(AttackResultSchema),
  summary: Type.Object({
    total: count(),
    accepted: count(),
    rejected: count(),
    errored: count(),
    skipped: count(),
    requests: count(),
    forgeries: count(),
    policyFindings: count(),
    gaps: count(),
  }, { description: 'forgeries (exit 1) and policy findings are the accepted attacks by severity; gaps are skipped attacks the probe could have run with more material' }),
}, {
  $id: 'https://jwtbench.dev/schemas/probe.schema.json',
  title: 'jwtbench probe results',
  description: 'What a JWT verifier answered to each attack token of jwtbench probe.',
});
export type ProbeDocument = Static<typeof ProbeDocumentSchema>;
