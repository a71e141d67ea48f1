// The load scenarios, as a table: which schemes each applies to, under which policies, and how
// one run of it goes. Each run starts its own processes and stops them before it returns.
import { setTimeout as sleep } from 'node:timers/promises';
import { SCHEMES, type SchemeName } from '../../core/schemes.js';
import type { EngineName } from '../../core/engines.js';
import { ROTATION_POLICIES, type RotationPolicy } from '../../servers/issuer/key-ring.js';
import type { ServerMetricsSnapshot } from '../../servers/metrics.js';
import type { ClientReport } from './client-job.js';
import type { CompletedRun, ScenarioName } from './load-results.js';
import { runClient, startPair, type ServerPair } from './processes.js';
import { authorizationHeaderBytes, mintPool, unknownKidTokens } from './token-pool.js';

export interface RunSettings {
  scheme: SchemeName;
  /** the library both servers run on (absent for the baseline) */
  engine?: EngineName;
  policy: RotationPolicy | null;
  connections: number;
  durationS: number;
  tokenPoolSize: number;
  signal?: AbortSignal;
}

/** What a scenario measured; identity, ratios and the client-bound verdict are added by run-load. */
export interface Measured {
  client: ClientReport;
  server: ServerMetricsSnapshot | null;
  /** which server did the token work: verifiers verify, issuers sign */
  work: 'verify' | 'sign' | null;
  /** mean Authorization header line bytes per request, when a pool of tokens was sent */
  authorizationHeaderBytes?: number;
  extra?: Pick<CompletedRun, 'rotation' | 'outage'>;
}

export interface Scenario {
  name: ScenarioName;
  description: string;
  appliesTo(scheme: SchemeName): boolean;
  policies: readonly (RotationPolicy | null)[];
  run(s: RunSettings): Promise<Measured>;
}

const isJwks = (s: SchemeName) => SCHEMES[s].keys === 'jwks';
/** Rotation and outage verifiers: refresh as often as the cooldown allows. */
const JWKS_COOLDOWN_MS = 1_000;
/** A staged key is published this long before it signs: two verifier refresh periods, so one missed refresh is not a rejection. */
const STAGE_MS = 2 * JWKS_COOLDOWN_MS;

async function withPair<T>(scheme: SchemeName, opts: Parameters<typeof startPair>[1], body: (pair: ServerPair) => Promise<T>): Promise<T> {
  const pair = await startPair(scheme, opts);
  try {
    return await body(pair);
  } finally {
    await pair.stop();
  }
}

/** Steady state, not start-up: a short unmeasured run first (JIT, connection set-up), then reset. */
function warmupS(durationS: number): number {
  return Math.min(1, durationS / 4);
}

async function measured(server: ServerPair['verifier'], run: (durationS: number) => Promise<ClientReport>, durationS: number): Promise<{ client: ClientReport; server: ServerMetricsSnapshot | null }> {
  await run(warmupS(durationS));
  await server?.resetMetrics();
  const client = await run(durationS);
  return { client, server: server ? await server.metrics() : null };
}

const verify: Scenario = {
  name: 'verify',
  description: 'GET /resource with a pool of distinct valid tokens; the baseline answers without auth',
  appliesTo: () => true,
  policies: [null],
  run: (s) => withPair(s.scheme, { withIssuer: true, withVerifier: true, engine: s.engine }, async ({ issuer, verifier }) => {
    const tokens = issuer ? await mintPool(issuer.url, s.tokenPoolSize) : [];
    const m = await measured(verifier, (durationS) => runClient({ kind: 'verify', url: verifier!.url, connections: s.connections, durationS, tokens }, s.signal), s.durationS);
    return { ...m, work: issuer ? 'verify' : null, ...(issuer ? { authorizationHeaderBytes: authorizationHeaderBytes(tokens) } : {}) };
  }),
};

const mint: Scenario = {
  name: 'mint',
  description: 'POST /token against the issuer, where the signing cost lives',
  appliesTo: (scheme) => SCHEMES[scheme].alg !== null,
  policies: [null],
  run: (s) => withPair(s.scheme, { withIssuer: true, withVerifier: false, engine: s.engine }, async ({ issuer }) => {
    const m = await measured(issuer, (durationS) => runClient({ kind: 'mint', url: issuer!.url, connections: s.connections, durationS }, s.signal), s.durationS);
    return { ...m, work: 'sign' };
  }),
};

const rotation: Scenario = {
  name: 'rotation',
  description: 'the issuer rotates its key several times while clients keep fetching fresh tokens (staged vs immediate)',
  appliesTo: isJwks,
  policies: ROTATION_POLICIES,
  run: (s) => {
    const everyMs = Math.max(STAGE_MS + 500, (s.durationS * 1000) / 4);
    const plan = { policy: s.policy!, everyMs, stageMs: STAGE_MS, retireAfterMs: 10 * 60_000 };
    return withPair(s.scheme, { withIssuer: true, withVerifier: true, engine: s.engine, rotation: plan, jwksCooldownMs: JWKS_COOLDOWN_MS, jwksRefreshMs: JWKS_COOLDOWN_MS }, async ({ issuer, verifier }) => {
      await verifier!.resetMetrics();
      const client = await runClient({
        kind: 'rotation', url: verifier!.url, issuerUrl: issuer!.url, mintEveryMs: 100, connections: s.connections, durationS: s.durationS,
      }, s.signal);
      const m = { client, server: await verifier!.metrics() };
      const perSecond = m.client.rejectedPerSecond ?? [];
      return {
        ...m, work: 'verify',
        extra: { rotation: { rotationsSeen: Math.max(0, (m.client.minted?.kids ?? 1) - 1), validRejected: perSecond.reduce((a, b) => a + b, 0), rejectedPerSecond: perSecond } },
      };
    });
  },
};

const outage: Scenario = {
  name: 'outage',
  description: 'the issuer stops mid-run: held keys keep working, unknown kids cause a bounded number of JWKS fetches',
  appliesTo: isJwks,
  policies: [null],
  run: (s) => withPair(s.scheme, { withIssuer: true, withVerifier: true, engine: s.engine, jwksCooldownMs: JWKS_COOLDOWN_MS, jwksRefreshMs: JWKS_COOLDOWN_MS }, async ({ issuer, verifier }) => {
    const tokens = await mintPool(issuer!.url, s.tokenPoolSize);
    const strangers = await unknownKidTokens(SCHEMES[s.scheme].alg!, 50);
    const stopAtS = s.durationS / 2;
    await verifier!.resetMetrics();
    const before = (await verifier!.metrics())?.jwks?.fetchAttempts ?? 0;
    const clientRun = runClient({ kind: 'outage', url: verifier!.url, connections: s.connections, durationS: s.durationS, tokens, unknownKidTokens: strangers }, s.signal);
    const stopIssuer = sleep(stopAtS * 1000, undefined, { signal: s.signal }).then(() => issuer!.stop()).catch(() => {});
    const [client] = await Promise.all([clientRun, stopIssuer]);
    const server = await verifier!.metrics();
    const known = client.known ?? { ok: 0, refused: 0 };
    const unknown = client.unknownKid ?? { ok: 0, refused: 0 };
    return {
      client, server, work: 'verify',
      extra: {
        outage: {
          issuerStoppedAtS: stopAtS,
          knownKeyFailures: known.refused,
          knownKeyRequests: known.ok + known.refused,
          unknownKidRequests: unknown.ok + unknown.refused,
          unknownKidAccepted: unknown.ok,
          jwksFetchAttempts: (server?.jwks?.fetchAttempts ?? 0) - before,
          // one attempt per cooldown period at most, plus the one that may straddle the start
          jwksFetchBound: Math.ceil((client.durationS * 1000) / JWKS_COOLDOWN_MS) + 1,
          jwksCooldownMs: JWKS_COOLDOWN_MS,
        },
      },
    };
  }),
};

export const SCENARIOS: Readonly<Record<ScenarioName, Scenario>> = { verify, mint, rotation, outage };
export const SCENARIO_NAMES = Object.keys(SCENARIOS) as ScenarioName[];
