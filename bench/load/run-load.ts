// Runs the selected load scenarios one after another (never two at once: they would share
// the machine's two cores) and turns what each measured into a run record.
import { SCHEMES, SCHEME_NAMES, type SchemeName } from '../../core/schemes.js';
import type { ServerEngineName } from '../../core/engines.js';
import { errorMessage } from '../../core/errors.js';
import type { CompletedRun, LoadRun, RunIdentity } from '../../core/results/load.js';
import type { ScenarioName } from '../../core/results/names.js';
import { PROCESS_DEPS, SCENARIOS, warmupS, type LoadDeps, type Measured } from './scenarios.js';
import { durationWithin, RUN_OVERHEAD_MS } from './budget.js';
import { enginesServing } from '../../servers/engines/index.js';
import { servability, type ServerRuntime } from '../../servers/server-runtime.js';
import { badFlag } from '../../core/errors.js';
import { pinProcess } from '../../core/taskset.js';
import { closeClients } from './processes.js';

/** Above this share of a core, a process is taken to be saturated. */
const SATURATED = 0.85;

export interface LoadPlan {
  scenarios: readonly ScenarioName[];
  schemes: readonly SchemeName[];
  /** the libraries the servers run on; the baseline, which verifies nothing, runs once */
  engines: readonly ServerEngineName[];
  connections: readonly number[];
  durationS: number;
  tokenPoolSize: number;
  repeat: number;
  /** how serverCpus and clientCpus were chosen (load --placement); shared when absent */
  placement?: 'split' | 'shared' | 'custom';
  /** pin the servers (issuer and verifier) to these CPUs right after they start; unpinned when absent */
  serverCpus?: readonly number[];
  /** pin the load generator to these CPUs; unpinned when absent */
  clientCpus?: readonly number[];
  /** a time budget's end (epoch ms): each run's window is sized from the time left (bench/load/budget.ts) */
  finishBy?: number;
  /** another Node the reference servers run on (load --runtime); the running one when absent */
  serverRuntime?: ServerRuntime;
}

/** A reference run: its scheme is always one of the table's. */
export interface PlannedRun extends RunIdentity {
  scheme: SchemeName;
}

/** The (scheme, engine) pairs of a plan that no run will cover, because the engine cannot serve the scheme here, and why. */
export function unservedPairs(plan: LoadPlan): { scheme: SchemeName; engine: ServerEngineName; reason: string }[] {
  const cannotServe = servability(plan.serverRuntime);
  return plan.schemes.flatMap((scheme) => plan.engines.flatMap((engine) => {
    const reason = cannotServe(SCHEMES[scheme], engine);
    return reason === null ? [] : [{ scheme, engine, reason }];
  }));
}

/** A token scheme none of the selected engines can serve here is a usage error, named with the engines that would. */
export function checkServable(plan: LoadPlan): void {
  const cannotServe = servability(plan.serverRuntime);
  for (const scheme of plan.schemes) {
    const spec = SCHEMES[scheme];
    if (spec.alg === null || plan.engines.some((e) => cannotServe(spec, e) === null)) continue;
    const serving = enginesServing(spec, cannotServe);
    throw badFlag('--engines', `${plan.engines.join(', ')} cannot serve the ${scheme} scheme here; for ${scheme} use ${serving.length > 0 ? serving.join(', ') : 'none of the engines on this runtime'}`);
  }
  // Scenarios that apply to none of the schemes (rotation and outage need a JWKS) leave nothing to run.
  if (expandLoadPlan(plan).length === 0) {
    const where = plan.scenarios.map((s) => `${s} applies to ${SCHEME_NAMES.filter((x) => SCENARIOS[s].appliesTo(x)).join(', ') || 'no reference scheme'}`);
    throw badFlag('--scenarios', `${plan.scenarios.join(', ')} apply to none of the schemes selected (${plan.schemes.join(', ')}): nothing to run; ${where.join('; ')}`);
  }
}

export function expandLoadPlan(plan: LoadPlan): PlannedRun[] {
  const cannotServe = servability(plan.serverRuntime);
  const runs: PlannedRun[] = [];
  for (let repeat = 0; repeat < plan.repeat; repeat++) {
    for (const scenario of plan.scenarios) {
      const spec = SCENARIOS[scenario];
      for (const scheme of plan.schemes.filter((s) => spec.appliesTo(s))) {
        // An engine runs only the schemes it can serve here (noble-pq: ML-DSA; fast-jwt: no ML-DSA).
        const engines = SCHEMES[scheme].alg === null ? [null] : plan.engines.filter((e) => cannotServe(SCHEMES[scheme], e) === null);
        for (const engine of engines) {
          for (const policy of spec.policies) {
            for (const connections of plan.connections) runs.push({ scenario, scheme, engine, policy, connections, repeat });
          }
        }
      }
    }
  }
  return runs;
}

/**
 * Whether the server was saturated too: its main thread busy, or its process using a core's
 * worth of CPU in all. jose's crypto runs on libuv's threadpool, off the main thread, so a
 * saturated jose server can show an event-loop utilisation under the mark.
 */
function serverSaturated(elu: number | null, cpuPerRequestUs: number | null, requestsPerSec: number): boolean {
  const cores = cpuPerRequestUs === null ? null : (cpuPerRequestUs * requestsPerSec) / 1e6;
  return (elu !== null && elu >= SATURATED) || (cores !== null && cores >= SATURATED);
}

/** A run record from what a scenario measured; a target run has no server jwtbench can see (null figures). */
export function record(id: RunIdentity, m: Measured): CompletedRun {
  const { client, server } = m;
  const serverElu = server?.eventLoopUtilization ?? null;
  return {
    ...id,
    state: 'completed',
    durationS: client.durationS,
    requests: client.requests,
    requestsPerSec: client.requestsPerSec,
    latencyMs: client.latencyMs,
    non2xx: client.non2xx,
    errors: client.errors,
    authorizationHeaderBytes: m.authorizationHeaderBytes ?? null,
    serverVerifyUs: m.work === 'verify' ? server?.workUs ?? null : null,
    serverSignUs: m.work === 'sign' ? server?.workUs ?? null : null,
    serverCpuPerRequestUs: server?.cpuPerRequestUs ?? null,
    serverEventLoopUtilization: serverElu,
    clientCpuUtilization: client.cpuUtilization,
    clientBound: client.cpuUtilization >= SATURATED && !serverSaturated(serverElu, server?.cpuPerRequestUs ?? null, client.requestsPerSec),
    relative: { requestsPerSecVsBaseline: null, requestsPerSecVsHs256: null, p99VsBaseline: null, p99VsHs256: null },
    ...m.extra,
  };
}

/**
 * autocannon's latencies are whole milliseconds: below 10 ms a step of one is 10% or more, so a
 * ratio of two such p99s is mostly rounding (3 ms against 2 is "1.5x"), and none is given.
 */
const P99_RESOLVED_MS = 10;
const p99Ratio = (r: CompletedRun, ref: CompletedRun): number | null =>
  (r.latencyMs.p99 >= P99_RESOLVED_MS && ref.latencyMs.p99 >= P99_RESOLVED_MS ? r.latencyMs.p99 / ref.latencyMs.p99 : null);

/** Each run against the baseline and the same engine's hs256 run of the same scenario, connections and repeat. */
export function deriveRelative(runs: LoadRun[]): LoadRun[] {
  const key = (r: LoadRun, scheme: string | null, engine: ServerEngineName | null) => `${r.scenario}|${scheme}|${engine}|${r.policy}|${r.connections}|${r.repeat}`;
  const byKey = new Map(runs.filter((r): r is CompletedRun => r.state === 'completed').map((r) => [key(r, r.scheme, r.engine), r]));
  return runs.map((r) => {
    if (r.state !== 'completed') return r;
    const base = byKey.get(key(r, 'baseline', null));
    const hs = byKey.get(key(r, 'hs256', r.engine));
    return {
      ...r,
      relative: {
        requestsPerSecVsBaseline: base ? r.requestsPerSec / base.requestsPerSec : null,
        requestsPerSecVsHs256: hs ? r.requestsPerSec / hs.requestsPerSec : null,
        p99VsBaseline: base ? p99Ratio(r, base) : null,
        p99VsHs256: hs ? p99Ratio(r, hs) : null,
      },
    };
  });
}

export interface RunLoadOptions {
  plan: LoadPlan;
  signal?: AbortSignal;
  onRunStart?: (done: number, total: number, run: PlannedRun, elapsedMs: number) => void;
  /** the processes runs start; tests pass stubs */
  deps?: LoadDeps;
}

/** The processes a run starts, on the plan's Node (the servers) and moved onto the plan's CPUs as they start. */
function placedDeps(deps: LoadDeps, plan: LoadPlan): LoadDeps {
  const { serverCpus, clientCpus, serverRuntime } = plan;
  const startPair: LoadDeps['startPair'] = serverRuntime === undefined ? deps.startPair : (scheme, opts) => deps.startPair(scheme, { ...opts, execPath: serverRuntime.binary });
  return {
    ...deps,
    startPair: serverCpus === undefined ? startPair : async (scheme, opts) => {
      const pair = await startPair(scheme, opts);
      try {
        for (const server of [pair.issuer, pair.verifier]) if (server) await pinProcess(server.pid, serverCpus);
      } catch (error) {
        await pair.stop();
        throw error;
      }
      return pair;
    },
    runClient: clientCpus === undefined ? deps.runClient : (job, signal) => deps.runClient(job, signal, clientCpus),
  };
}

/**
 * Why a run's figures would count calls that failed (non-2xx answers or connection errors where
 * the scenario expects none), or null. Such a run is recorded as errored: its requests per second
 * would include refusals, which cost a verifier less than a verify.
 */
export function failedCalls(id: RunIdentity, m: Measured): string | null {
  const { non2xx, errors, requests } = m.client;
  if (SCENARIOS[id.scenario].refusalsExpected || (non2xx === 0 && errors === 0)) return null;
  const what = [non2xx > 0 ? `${non2xx} of ${requests} responses were not 2xx` : null, errors > 0 ? `${errors} requests failed (connection errors or timeouts)` : null]
    .filter((x) => x !== null).join(' and ');
  return `${what}: a throughput that counts failed calls is not recorded${id.target ? ' (check the target\'s rate limits, its logs and the tokens\' expiry)' : ''}`;
}

/**
 * Planned runs one after another: a run that fails is recorded as errored and the rest go on;
 * an abort ends them all. The load generator kept between jobs is stopped at the end.
 */
export async function runEach<P>(
  planned: readonly P[], idOf: (p: P) => RunIdentity, run: (p: P) => Promise<Measured>,
  signal: AbortSignal | undefined, onStart?: (done: number, total: number, p: P, elapsedMs: number) => void,
): Promise<LoadRun[]> {
  const results: LoadRun[] = [];
  const started = Date.now();
  try {
    for (const p of planned) {
      signal?.throwIfAborted();
      onStart?.(results.length, planned.length, p, Date.now() - started);
      const id = idOf(p);
      try {
        const measured = await run(p);
        const failed = failedCalls(id, measured);
        results.push(failed === null ? record(id, measured) : { ...id, state: 'errored', error: failed });
      } catch (error) {
        signal?.throwIfAborted();
        results.push({ ...id, state: 'errored', error: errorMessage(error) });
      }
    }
  } finally {
    await closeClients();
  }
  return deriveRelative(results);
}

export async function runLoad({ plan, signal, onRunStart, deps: given = PROCESS_DEPS }: RunLoadOptions): Promise<LoadRun[]> {
  const deps = placedDeps(given, plan);
  const planned = expandLoadPlan(plan);
  // Within a budget, the overhead of the runs so far (the largest) sizes the next ones.
  let overheadMs = RUN_OVERHEAD_MS;
  let done = 0;
  const run = async (id: PlannedRun): Promise<Measured> => {
    const { finishBy } = plan;
    const durationS = finishBy === undefined ? plan.durationS : durationWithin(finishBy - Date.now(), planned.length - done, overheadMs, plan.durationS);
    const started = Date.now();
    try {
      return await SCENARIOS[id.scenario].run({ ...id, engine: id.engine ?? undefined, deps, durationS, tokenPoolSize: plan.tokenPoolSize, signal });
    } finally {
      done += 1;
      overheadMs = Math.max(overheadMs, Date.now() - started - (durationS + warmupS(durationS)) * 1000);
    }
  };
  return runEach(planned, (id) => id, run, signal, onRunStart);
}
