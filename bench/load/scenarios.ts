// The load scenarios, as a table: the one place a scenario is described. Each entry says which
// schemes it applies to, under which policies, how one run goes (in the harness: it starts its
// own processes and stops them before it returns), what requests the load generator sends (in
// the client process) and what it adds to the summary's notes. Its name comes from
// core/scenarios.ts, its client job from client-job.ts, its chart from the report's table
// (reports/charts/scenario-layers.ts); each of those is keyed so a missing entry fails to compile.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type autocannon from 'autocannon';
import { decodeHeader } from '../../core/jws.js';
import { authHeaders } from '../../core/token-placement.js';
import { JwtbenchError, errorMessage } from '../../core/errors.js';
import { SCHEMES, type SchemeName } from '../../core/schemes.js';
import type { ServerEngineName } from '../../core/engines.js';
import { ROTATION_POLICIES, type RotationPolicy } from '../../core/results/names.js';
import type { ServerMetricsSnapshot } from '../../servers/metrics.js';
import { SCENARIO_NAMES, type ScenarioName } from '../../core/scenarios.js';
import type { ClientJob, ClientReport, TargetRequests } from './client-job.js';
import type { CompletedRun } from '../../core/results/load.js';
import { runClient, startPair, type ServerPair } from './processes.js';
import { authorizationHeaderBytes, mintPool, mintToken, unknownKidTokens } from './token-pool.js';
import { SERVER_DEFAULTS } from '../../servers/defaults.js';

export { SCENARIO_NAMES };

/** What a scenario runs on: the real processes, or stubs a test passes in. */
export interface LoadDeps {
  startPair: typeof startPair;
  runClient: typeof runClient;
  mintPool: typeof mintPool;
}

export const PROCESS_DEPS: LoadDeps = { startPair, runClient, mintPool };

export interface RunSettings {
  deps: LoadDeps;
  scheme: SchemeName;
  /** the library both servers run on (absent for the baseline) */
  engine?: ServerEngineName;
  policy: RotationPolicy | null;
  connections: number;
  durationS: number;
  tokenPoolSize: number;
  signal?: AbortSignal;
  /** the target scenario only: the service and what to send it */
  service?: TargetRequests & { url: string };
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

type AcRequest = autocannon.Request;

/** What the load generator sends for a scenario, and what it counts besides autocannon's figures. */
export interface ClientPlan {
  requests: AcRequest[];
  extra: Partial<ClientReport>;
  /** called when autocannon is done (timers the requests needed) */
  stop?(): void;
}

export interface Scenario<K extends ScenarioName = ScenarioName> {
  name: K;
  description: string;
  appliesTo(scheme: SchemeName): boolean;
  policies: readonly (RotationPolicy | null)[];
  /** in the harness: one run, its processes started and stopped */
  run(s: RunSettings): Promise<Measured>;
  /** in the load generator's process: the requests for its job; `startedMs` is performance.now() at the start */
  requests(job: Extract<ClientJob, { kind: K }>, startedMs: number): Promise<ClientPlan>;
  /** what the summary's notes say about a completed run of it (its own fields); null for nothing */
  note(run: CompletedRun): string | null;
  /** refusals are what it measures (so the summary does not flag non-2xx answers) */
  refusalsExpected: boolean;
}

function bearer(token: string): AcRequest {
  return { method: 'GET', path: '/resource', headers: { authorization: `Bearer ${token}` } };
}

function kidOf(token: string): string {
  try {
    return String(decodeHeader(token).kid);
  } catch {
    return 'unknown';
  }
}

const isJwks = (s: SchemeName) => SCHEMES[s].keys === 'jwks';
/** Rotation and outage verifiers: refresh as often as the cooldown allows. */
const JWKS_COOLDOWN_MS = 1_000;
/** A staged key is published this long before it signs: two verifier refresh periods, so one missed refresh is not a rejection. */
const STAGE_MS = 2 * JWKS_COOLDOWN_MS;

async function withPair<T>(s: RunSettings, opts: Parameters<typeof startPair>[1], body: (pair: ServerPair) => Promise<T>): Promise<T> {
  // Tokens minted before the warm-up must outlive the whole run (autocannon rounds it up to a
  // second, the warm-up adds at most one): a run longer than the issuer's default lifetime
  // would otherwise end in 401s, or count expired tokens as outage failures.
  const tokenTtlS = Math.ceil(s.durationS) + 2 + SERVER_DEFAULTS.tokenTtlS;
  const pair = await s.deps.startPair(s.scheme, { tokenTtlS, ...opts });
  try {
    return await body(pair);
  } finally {
    await pair.stop();
  }
}

/** Steady state, not start-up: a short unmeasured run first (JIT, connection set-up), then reset. */
export function warmupS(durationS: number): number {
  return Math.min(1, durationS / 4);
}

async function measured(server: ServerPair['verifier'], run: (durationS: number) => Promise<ClientReport>, durationS: number): Promise<{ client: ClientReport; server: ServerMetricsSnapshot | null }> {
  await run(warmupS(durationS));
  await server?.resetMetrics();
  const client = await run(durationS);
  return { client, server: server ? await server.metrics() : null };
}

/**
 * The outage itself: stops the issuer mid-run. A stop that fails fails the run: figures from an
 * outage that never happened must not read as "no failures during the outage".
 */
async function stopIssuerAt(issuer: Pick<NonNullable<ServerPair['issuer']>, 'stop'>, atMs: number, signal?: AbortSignal): Promise<void> {
  try {
    await sleep(atMs, undefined, { signal });
  } catch {
    return; // interrupted: the run is being abandoned, and runLoad reports the abort
  }
  try {
    await issuer.stop();
  } catch (error) {
    throw new JwtbenchError('JWTBENCH_RUN_FAILED', `the issuer could not be stopped for the outage: ${errorMessage(error)}`);
  }
}

const verify: Scenario<'verify'> = {
  name: 'verify',
  description: 'GET /resource with a pool of distinct valid tokens; the baseline answers without auth',
  appliesTo: () => true,
  policies: [null],
  // Static requests: autocannon builds each once, so cycling 1,000+ tokens costs the client nothing per request.
  requests: async (job) => ({ requests: job.tokens.length > 0 ? job.tokens.map(bearer) : [{ method: 'GET', path: '/resource' }], extra: {} }),
  note: () => null,
  refusalsExpected: false,
  run: (s) => withPair(s, { withIssuer: true, withVerifier: true, engine: s.engine }, async ({ issuer, verifier }) => {
    const tokens = issuer ? await s.deps.mintPool(issuer.url, s.tokenPoolSize) : [];
    const m = await measured(verifier, (durationS) => s.deps.runClient({ kind: 'verify', url: verifier!.url, connections: s.connections, durationS, tokens }, s.signal), s.durationS);
    return { ...m, work: issuer ? 'verify' : null, ...(issuer ? { authorizationHeaderBytes: authorizationHeaderBytes(tokens) } : {}) };
  }),
};

const mint: Scenario<'mint'> = {
  name: 'mint',
  description: 'POST /token against the issuer, where the signing cost lives',
  appliesTo: (scheme) => SCHEMES[scheme].alg !== null,
  policies: [null],
  requests: async () => ({
    requests: Array.from({ length: 64 }, (_, i) => ({
      method: 'POST', path: '/token', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sub: `load-user-${i}` }),
    })),
    extra: {},
  }),
  note: () => null,
  refusalsExpected: false,
  run: (s) => withPair(s, { withIssuer: true, withVerifier: false, engine: s.engine }, async ({ issuer }) => {
    const m = await measured(issuer, (durationS) => s.deps.runClient({ kind: 'mint', url: issuer!.url, connections: s.connections, durationS }, s.signal), s.durationS);
    return { ...m, work: 'sign' };
  }),
};

const rotation: Scenario<'rotation'> = {
  name: 'rotation',
  description: 'the issuer rotates its key several times while clients keep fetching fresh tokens (staged vs immediate)',
  appliesTo: isJwks,
  policies: ROTATION_POLICIES,
  // Clients keep fetching fresh tokens from the issuer while it rotates its key.
  requests: async (job, startedMs) => {
    let current = await mintToken(job.issuerUrl, 'rotation-user');
    const kids = new Set([kidOf(current)]);
    const minted = { tokens: 1, kids: 1, failures: 0 };
    const timer = setInterval(() => {
      mintToken(job.issuerUrl, 'rotation-user').then((t) => {
        current = t;
        minted.tokens += 1;
        kids.add(kidOf(t));
        minted.kids = kids.size;
      }, () => { minted.failures += 1; });
    }, job.mintEveryMs);
    const rejected: number[] = [];
    return {
      requests: [{
        method: 'GET', path: '/resource',
        setupRequest: (req) => ({ ...req, headers: { authorization: `Bearer ${current}` } }),
        onResponse: (status) => {
          if (status === 200) return;
          const second = Math.floor((performance.now() - startedMs) / 1000);
          while (rejected.length <= second) rejected.push(0);
          rejected[second]! += 1;
        },
      }],
      extra: { minted, rejectedPerSecond: rejected },
      stop: () => clearInterval(timer),
    };
  },
  note: (r) => (r.rotation ? `${r.rotation.validRejected} valid rejected over ${r.rotation.rotationsSeen} rotation(s)` : null),
  refusalsExpected: true,
  run: (s) => {
    const everyMs = Math.max(STAGE_MS + 500, (s.durationS * 1000) / 4);
    const plan = { policy: s.policy!, everyMs, stageMs: STAGE_MS, retireAfterMs: 10 * 60_000 };
    return withPair(s, { withIssuer: true, withVerifier: true, engine: s.engine, rotation: plan, jwksCooldownMs: JWKS_COOLDOWN_MS, jwksRefreshMs: JWKS_COOLDOWN_MS }, async ({ issuer, verifier }) => {
      await verifier!.resetMetrics();
      const client = await s.deps.runClient({
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

const outage: Scenario<'outage'> = {
  name: 'outage',
  description: 'the issuer stops mid-run: held keys keep working, unknown kids cause a bounded number of JWKS fetches',
  appliesTo: isJwks,
  policies: [null],
  requests: async (job) => {
    const known = { ok: 0, refused: 0 };
    const unknownKid = { ok: 0, refused: 0 };
    const count = (bucket: { ok: number; refused: number }) => (status: number) => { if (status === 200) bucket.ok += 1; else bucket.refused += 1; };
    // Nine requests with held keys to one with an unknown kid.
    const requests = job.tokens.map((t, i) => {
      const unknown = i % 10 === 9 && job.unknownKidTokens.length > 0;
      const token = unknown ? job.unknownKidTokens[i % job.unknownKidTokens.length]! : t;
      return { ...bearer(token), onResponse: count(unknown ? unknownKid : known) };
    });
    return { requests, extra: { known, unknownKid } };
  },
  note: (r) => {
    const o = r.outage;
    return o ? `issuer down at ${o.issuerStoppedAtS}s: ${o.knownKeyFailures} of ${o.knownKeyRequests} held-key requests failed; `
      // Background refreshes and unknown kids share one cooldown, so the count is both, against its bound.
      + `${o.jwksFetchAttempts} JWKS fetches, background refreshes included, while ${o.unknownKidRequests} requests carried unknown kids (bound ${o.jwksFetchBound}: one per cooldown)` : null;
  },
  refusalsExpected: true,
  run: (s) => withPair(s, { withIssuer: true, withVerifier: true, engine: s.engine, jwksCooldownMs: JWKS_COOLDOWN_MS, jwksRefreshMs: JWKS_COOLDOWN_MS }, async ({ issuer, verifier }) => {
    const tokens = await s.deps.mintPool(issuer!.url, s.tokenPoolSize);
    const scheme = SCHEMES[s.scheme];
    if (scheme.keys !== 'jwks') throw new Error(`the outage scenario needs a JWKS scheme, not ${scheme.name}`);
    const strangers = await unknownKidTokens(scheme.alg, 50);
    const stopAtS = s.durationS / 2;
    await verifier!.resetMetrics();
    const before = (await verifier!.metrics())?.jwks?.fetchAttempts ?? 0;
    const clientRun = s.deps.runClient({ kind: 'outage', url: verifier!.url, connections: s.connections, durationS: s.durationS, tokens, unknownKidTokens: strangers }, s.signal);
    // Both settle before the pair is stopped, so a failed stop leaves no load generator running.
    const [ran, stopped] = await Promise.allSettled([clientRun, stopIssuerAt(issuer!, stopAtS * 1000, s.signal)]);
    if (stopped.status === 'rejected') throw stopped.reason;
    if (ran.status === 'rejected') throw ran.reason;
    const client = ran.value;
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

/** The request a target run sends with one token (none: the --compare-url run). */
function targetRequest(job: TargetRequests, path: string, token: string | null): AcRequest {
  return { method: job.method as AcRequest['method'], path, headers: token === null ? {} : authHeaders(job.placement, token) };
}

const target: Scenario<'target'> = {
  name: 'target',
  description: 'a service you run (--target <url>): client-side figures only, against --compare-url without a token',
  // Not planned from the scheme list: jwtbench load --target plans its runs (run-target.ts).
  appliesTo: () => false,
  policies: [null],
  requests: async (job) => {
    const url = new URL(job.url);
    const path = `${url.pathname}${url.search}`;
    return { requests: job.tokens.length > 0 ? job.tokens.map((t) => targetRequest(job, path, t)) : [targetRequest(job, path, null)], extra: {} };
  },
  note: (r) => (r.target?.token && r.target.token.poolSize < 1000 ? `${r.target.token.poolSize} distinct tokens: a verifier cache may hide the verify cost` : null),
  refusalsExpected: false,
  run: async (s) => {
    const t = s.service;
    if (!t) throw new Error('the target scenario runs only with --target');
    const m = await measured(null, (durationS) => s.deps.runClient({ kind: 'target', ...t, connections: s.connections, durationS }, s.signal), s.durationS);
    return { ...m, work: null };
  },
};

/** Keyed by every scenario name: a name without an entry, or an entry without a job, fails to compile. */
export const SCENARIOS: { readonly [K in ScenarioName]: Scenario<K> } = { verify, mint, rotation, outage, target };

/** The load generator's side of a job: its scenario's requests. */
export function clientPlan(job: ClientJob, startedMs: number): Promise<ClientPlan> {
  // TypeScript cannot tie the entry looked up by job.kind to that job's type; the table's keys do.
  const requests = SCENARIOS[job.kind].requests as (job: ClientJob, startedMs: number) => Promise<ClientPlan>;
  return requests(job, startedMs);
}
