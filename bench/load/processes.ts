// The processes of one load run: the servers a scheme needs and the load generator, each in
// a process of its own, all stopped when the run ends however it ends.
import { generateSecret } from '../../servers/keys.js';
import { forkServer, type ServerProcess } from '../../servers/process.js';
import { SCHEMES, type SchemeName } from '../../core/schemes.js';
import type { ServerEngineName } from '../../core/engines.js';
import { SERVER_DEFAULTS } from '../../servers/defaults.js';
import type { RotationPlan } from '../../servers/issuer/key-ring.js';
import { forkTracked, request, stopChild, type ForkedChild } from '../../core/children.js';
import { pinProcess } from '../../core/taskset.js';
import type { ClientJob, ClientReport } from './client-job.js';

const CLIENT = new URL('./client.js', import.meta.url);

export interface ServerPair {
  issuer: ServerProcess | null;
  verifier: ServerProcess | null;
  stop(): Promise<void>;
}

export interface PairOptions {
  withIssuer: boolean;
  withVerifier: boolean;
  /** the library both servers sign and verify with; jose when absent */
  engine?: ServerEngineName;
  rotation?: RotationPlan;
  jwksCooldownMs?: number;
  jwksRefreshMs?: number;
  keyFile?: string;
  secret?: Uint8Array;
  /** lifetime of the tokens the issuer mints (default SERVER_DEFAULTS.tokenTtlS) */
  tokenTtlS?: number;
  issuerPort?: number;
  verifierPort?: number;
  host?: string;
  /** the node binary the servers run on (load --runtime); this process's when absent */
  execPath?: string;
}

/** Starts what a scheme needs: the issuer first (verifiers fetch its JWKS), then the verifier. */
export async function startPair(schemeName: SchemeName, opts: PairOptions): Promise<ServerPair> {
  const scheme = SCHEMES[schemeName];
  const host = opts.host ?? SERVER_DEFAULTS.host;
  const secret = scheme.keys === 'shared-secret' ? (opts.secret ?? generateSecret()) : undefined;
  const started: ServerProcess[] = [];
  // The verifier's process boots while the issuer starts (it waits for the issuer's JWKS URL
  // only to be told what to be): on a busy machine a process's start-up took 1.5-3 s.
  const verifierFork = opts.withVerifier ? forkServer(opts.execPath) : null;
  let verifier: ServerProcess | null = null;
  const stop = async () => { await Promise.all([...started.map((s) => s.stop()), verifier === null ? verifierFork?.abandon() : undefined]); };
  try {
    let issuer: ServerProcess | null = null;
    if (opts.withIssuer && scheme.alg !== null) {
      issuer = await forkServer(opts.execPath).start({ role: 'issuer', scheme: schemeName, engine: opts.engine, host, port: opts.issuerPort ?? 0, secret, keyFile: opts.keyFile, rotation: opts.rotation, tokenTtlS: opts.tokenTtlS });
      started.push(issuer);
    }
    if (opts.withVerifier) {
      verifier = await verifierFork!.start({
        role: 'verifier', scheme: schemeName, engine: opts.engine, host, port: opts.verifierPort ?? 0, secret, jwksUrl: issuer?.jwksUrl ?? undefined,
        jwksCooldownMs: opts.jwksCooldownMs, jwksRefreshMs: opts.jwksRefreshMs,
      });
      started.push(verifier);
    }
    return { issuer, verifier, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Load generators between jobs: a run's jobs (a warm-up and a measured job per run, several
 * runs) reuse one process, so forking it and loading autocannon (about 0.25 s) happens once,
 * not before every job. Kept only after a job that ended well; `closeClients` ends them.
 */
const idle: { forked: ForkedChild; cpus: string }[] = [];

async function takeClient(cpus: readonly number[] | undefined): Promise<ForkedChild> {
  const key = cpus?.join(',') ?? '';
  for (let i = idle.findIndex((c) => c.cpus === key); i >= 0; i = idle.findIndex((c) => c.cpus === key)) {
    const { forked } = idle.splice(i, 1)[0]!;
    if (forked.child.connected && forked.child.exitCode === null && forked.child.signalCode === null) return forked;
  }
  const forked = forkTracked(CLIENT.pathname);
  if (cpus !== undefined) {
    try {
      await pinProcess(forked.child.pid!, cpus);
    } catch (error) {
      await stopChild(forked, 500);
      throw error;
    }
  }
  return forked;
}

/** Stops the load generators kept between jobs: at the end of a load run. */
export async function closeClients(): Promise<void> {
  await Promise.all(idle.splice(0).map((c) => stopChild(c.forked, 1_000)));
}

/**
 * Runs one autocannon job in a load generator process, on `cpus` when given (pinned before the
 * job starts its workers); kills it if the run is aborted or the job fails.
 */
export async function runClient(job: ClientJob, signal?: AbortSignal, cpus?: readonly number[]): Promise<ClientReport> {
  const forked = await takeClient(cpus);
  const onAbort = () => { void stopChild(forked, 500); };
  signal?.addEventListener('abort', onAbort, { once: true });
  let onFailed: ((m: { type?: string; message?: string }) => void) | undefined;
  let reusable = false;
  try {
    const reply = await Promise.race([
      request<{ type: 'report'; report: ClientReport }>(forked, { type: 'job', job }, 'report', (job.durationS + 60) * 1000),
      new Promise<never>((_, reject) => {
        onFailed = (m) => { if (m.type === 'failed') reject(new Error(`load generator failed: ${m.message}`)); };
        forked.child.on('message', onFailed);
      }),
    ]);
    reusable = true;
    return reply.report;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    if (onFailed) forked.child.off('message', onFailed);
    if (reusable && !signal?.aborted) idle.push({ forked, cpus: cpus?.join(',') ?? '' });
    else await stopChild(forked, 1_000);
  }
}
