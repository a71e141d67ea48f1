// The load results document (`load.json`), read by reports and `compare`. The types are
// derived from the schema; the published load.schema.json is generated from it (npm run schemas).
import { Type, type Static } from '@sinclair/typebox';
import { SCHEME_NAMES } from '../schemes.js';
import { ROTATION_POLICIES, SCENARIO_NAMES } from './names.js';
import { completedOrErrored, documentHead, nullable, oneOf } from './schema-kit.js';

const nonNegative = () => Type.Number({ minimum: 0 });
const count = () => Type.Integer({ minimum: 0 });
const ratio = () => nullable(Type.Number({ minimum: 0 }));
const percentiles = (description: string) => nullable(Type.Object({ p50: nonNegative(), p99: nonNegative() }, { description }));

export const RunIdentitySchema = Type.Object({
  scenario: oneOf(SCENARIO_NAMES),
  scheme: oneOf(SCHEME_NAMES),
  policy: oneOf([...ROTATION_POLICIES, null], { description: 'rotation runs only; null otherwise' }),
  connections: Type.Integer({ minimum: 1 }),
  repeat: count(),
});
export type RunIdentity = Static<typeof RunIdentitySchema>;

export const LoadRunSchema = completedOrErrored(RunIdentitySchema.properties, {
  durationS: Type.Number({ exclusiveMinimum: 0 }),
  requests: count(),
  requestsPerSec: nonNegative(),
  latencyMs: Type.Object({ p50: nonNegative(), p90: nonNegative(), p99: nonNegative(), p99_9: nonNegative() }),
  non2xx: count(),
  errors: count(),
  serverVerifyUs: percentiles('verifier-measured time of successful verify calls (null when the scenario verifies nothing)'),
  serverSignUs: percentiles('issuer-measured time of sign calls (mint runs)'),
  serverCpuPerRequestUs: nullable(nonNegative()),
  serverEventLoopUtilization: Type.Number({ minimum: 0, maximum: 1 }),
  clientCpuUtilization: nonNegative(),
  clientBound: Type.Boolean({ description: 'the load generator, not the server, was the bottleneck: its figures are not server speed' }),
  relative: Type.Object({
    requestsPerSecVsBaseline: ratio(),
    requestsPerSecVsHs256: ratio(),
    p99VsBaseline: ratio(),
    p99VsHs256: ratio(),
  }),
  rotation: Type.Optional(Type.Object({
    rotationsSeen: count(),
    validRejected: count(),
    rejectedPerSecond: Type.Array(count()),
  })),
  outage: Type.Optional(Type.Object({
    issuerStoppedAtS: nonNegative(),
    knownKeyFailures: count(),
    knownKeyRequests: count(),
    unknownKidRequests: count(),
    unknownKidAccepted: count(),
    jwksFetchAttempts: count(),
    jwksFetchBound: count(),
    jwksCooldownMs: nonNegative(),
  })),
}, {
  error: Type.String({ minLength: 1 }),
});
export type LoadRun = Static<typeof LoadRunSchema>;
export type CompletedRun = Extract<LoadRun, { state: 'completed' }>;
export type ErroredRun = Extract<LoadRun, { state: 'errored' }>;

export const LoadDocumentSchema = Type.Object({
  ...documentHead('load'),
  config: Type.Object({
    preset: Type.Optional(nullable(Type.String())),
    scenarios: Type.Array(oneOf(SCENARIO_NAMES)),
    schemes: Type.Array(oneOf(SCHEME_NAMES)),
    connections: Type.Array(Type.Integer({ minimum: 1 })),
    durationS: Type.Number({ exclusiveMinimum: 0 }),
    tokenPoolSize: Type.Integer({ minimum: 1 }),
    repeat: Type.Integer({ minimum: 1 }),
  }),
  runs: Type.Array(LoadRunSchema),
}, {
  $id: 'https://jwtbench.dev/schemas/load.schema.json',
  title: 'jwtbench load results (load.json)',
  description: 'autocannon load runs against the reference servers, one record per scenario, scheme, policy and connection count.',
});
export type LoadDocument = Static<typeof LoadDocumentSchema>;
