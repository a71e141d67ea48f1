// The load results document (`load.json`), read by reports and `compare`. The types are
// derived from the schema; the published load.schema.json is generated from it (npm run schemas).
import { Type, type Static } from '@sinclair/typebox';
import { SCHEME_NAMES } from '../schemes.js';
import { SERVER_ENGINE_NAMES } from '../engines.js';
import { LOAD_CLIENTS, ROTATION_POLICIES, SCENARIO_NAMES, TOKEN_PLACEMENTS, TOKEN_SOURCES } from './names.js';
import { completedOrErrored, documentHead, nullable, oneOf } from './schema-kit.js';
import { runtimeInfoSchema } from './env.js';

const nonNegative = () => Type.Number({ minimum: 0 });
const count = () => Type.Integer({ minimum: 0 });
const ratio = () => nullable(Type.Number({ minimum: 0 }));
const percentiles = (description: string) => nullable(Type.Object({ p50: nonNegative(), p99: nonNegative() }, { description }));

/** A target run's token: what it looked like, never the token itself. */
export const TargetTokenSchema = Type.Object({
  source: oneOf(TOKEN_SOURCES),
  placement: oneOf(TOKEN_PLACEMENTS),
  /** the header or cookie name; null for Authorization: Bearer */
  name: nullable(Type.String({ minLength: 1 })),
  header: Type.Object({ alg: Type.String(), typ: nullable(Type.String()), kid: nullable(Type.String()) }, { description: 'the JOSE header of the first token (alg, typ, kid only)' }),
  lengthChars: Type.Integer({ minimum: 1, description: 'length of the first token' }),
  poolSize: Type.Integer({ minimum: 1, description: 'distinct tokens the requests cycled through' }),
});

/** A service the user runs (jwtbench load --target, or an imported Artillery test of one). */
export const TargetSchema = Type.Object({
  origin: Type.String({ minLength: 1 }),
  path: Type.String({ minLength: 1 }),
  method: Type.String({ minLength: 1 }),
  /** null for the --compare-url run: the same service without a token */
  token: nullable(TargetTokenSchema),
  rateCapPerS: nullable(Type.Number({ exclusiveMinimum: 0, description: 'the request rate the client was capped at (autocannon overallRate, Artillery arrivalRate)' })),
  clientWorkers: Type.Integer({ minimum: 1, description: 'client threads (autocannon workers) or Artillery workers this report covers' }),
}, { description: 'target runs only: the service measured (origin and path; no query string, no credentials)' });

export const RunIdentitySchema = Type.Object({
  scenario: oneOf(SCENARIO_NAMES),
  scheme: oneOf([...SCHEME_NAMES, null], { description: 'the reference scheme; for a target run, the one whose algorithm its token uses (baseline without a token), null when none does' }),
  engine: oneOf([...SERVER_ENGINE_NAMES, null], { description: 'the library the reference servers sign and verify with; null for the baseline and for target runs' }),
  policy: oneOf([...ROTATION_POLICIES, null], { description: 'rotation runs only; null otherwise' }),
  connections: Type.Integer({ minimum: 1, description: 'concurrent connections (Artillery: the most virtual users at once)' }),
  repeat: count(),
  client: Type.Optional(oneOf(LOAD_CLIENTS, { description: 'what sent the requests; autocannon when absent' })),
  target: Type.Optional(TargetSchema),
});
export type RunIdentity = Static<typeof RunIdentitySchema>;

export const LoadRunSchema = completedOrErrored(RunIdentitySchema.properties, {
  durationS: Type.Number({ exclusiveMinimum: 0 }),
  requests: count(),
  requestsPerSec: nonNegative(),
  latencyMs: Type.Object({ p50: nonNegative(), p90: nonNegative(), p99: nonNegative(), p99_9: nonNegative() }),
  non2xx: count(),
  errors: count(),
  authorizationHeaderBytes: nullable(Type.Number({ minimum: 0, description: 'mean bytes per request of the Authorization header line as sent (name, value, CRLF); null when no pool of tokens was sent' })),
  serverVerifyUs: percentiles('verifier-measured time of successful verify calls (null when the scenario verifies nothing)'),
  serverSignUs: percentiles('issuer-measured time of sign calls (mint runs)'),
  serverCpuPerRequestUs: nullable(nonNegative()),
  serverEventLoopUtilization: nullable(Type.Number({ minimum: 0, maximum: 1, description: 'null for target runs: jwtbench cannot see inside that server' })),
  clientCpuUtilization: nullable(Type.Number({ minimum: 0, description: 'CPU of the load generator per client thread / wall time; null when not measured (Artillery)' })),
  clientBound: Type.Boolean({ description: 'the load generator, not the server, was the bottleneck: its figures are not server speed' }),
  relative: Type.Object({
    requestsPerSecVsBaseline: ratio(),
    requestsPerSecVsHs256: ratio(),
    p99VsBaseline: nullable(Type.Number({ minimum: 0, description: 'p99 latency relative to the baseline run; null unless both p99s are 10 ms or more (autocannon records whole milliseconds)' })),
    p99VsHs256: nullable(Type.Number({ minimum: 0, description: 'p99 latency relative to the same engine\'s hs256 run; null unless both p99s are 10 ms or more' })),
  }),
  rotation: Type.Optional(Type.Object({
    rotationsSeen: count(),
    validRejected: count(),
    rejectedPerSecond: Type.Array(count()),
  })),
  periods: Type.Optional(Type.Array(Type.Object({
    startS: nonNegative(),
    durationS: nonNegative(),
    requests: count(),
    requestsPerSec: nonNegative(),
    latencyMs: nullable(Type.Object({ p50: nonNegative(), p99: nonNegative() })),
    non2xx: count(),
    errors: count(),
  }), { description: "the client's own reporting periods (Artillery's intermediate reports)" })),
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
    engines: Type.Array(oneOf(SERVER_ENGINE_NAMES), { description: 'the engines the reference servers ran on (none for target-only runs)' }),
    connections: Type.Array(Type.Integer({ minimum: 1 })),
    durationS: Type.Number({ exclusiveMinimum: 0 }),
    tokenPoolSize: Type.Integer({ minimum: 1 }),
    repeat: Type.Integer({ minimum: 1 }),
    placement: Type.Optional(oneOf(['split', 'shared', 'custom'], { description: 'where the servers and the load generator ran (load --placement): split onto CPUs of their own (serverCpus, clientCpus), shared (both left to the OS), or custom (--server-cpus/--client-cpus); absent in files written before it existed (shared, unless the CPUs below say otherwise)' })),
    serverCpus: Type.Optional(Type.Array(Type.Integer({ minimum: 0 }), { minItems: 1, description: 'the CPUs the reference servers were pinned to (load --placement split, or --server-cpus); unpinned when absent' })),
    clientCpus: Type.Optional(Type.Array(Type.Integer({ minimum: 0 }), { minItems: 1, description: 'the CPUs the load generator was pinned to (load --placement split, or --client-cpus); unpinned when absent' })),
    serverRuntime: Type.Optional(runtimeInfoSchema('the runtime the reference servers ran on (load --runtime node@24), as the server processes reported it; absent: the Node in env, which also ran the load generator')),
    finishBy: Type.Optional(Type.String({ format: 'date-time', description: 'the end of the time budget the runs were sized to (run --budget): each run\'s window was durationS or shorter, down to 2 s, from the time left; a run\'s own durationS is what it measured' })),
  }),
  runs: Type.Array(LoadRunSchema, { minItems: 1, description: 'every run the plan selected, completed or errored (a plan selects at least one)' }),
}, {
  $id: 'https://jwtbench.dev/schemas/load.schema.json',
  title: 'jwtbench load results (load.json)',
  description: 'load runs, one record per scenario, scheme, policy and connection count: autocannon against the reference servers or a target the user runs, or an imported Artillery report.',
});
export type LoadDocument = Static<typeof LoadDocumentSchema>;
