// The load generator: a process of its own (so client and server never share an event loop)
// that runs one autocannon job against loopback and reports the figures and its own CPU use.
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { isLoopback } from '../../core/loopback.js';
import type { ClientJob, ClientReport } from './client-job.js';

type AcRequest = autocannon.Request;

function bearer(token: string): AcRequest {
  return { method: 'GET', path: '/resource', headers: { authorization: `Bearer ${token}` } };
}

function assertLoopback(url: string): void {
  if (!isLoopback(new URL(url))) {
    throw new Error(`refusing to load ${new URL(url).host}: load tests target loopback only`);
  }
}

async function mintToken(issuerUrl: string, sub: string): Promise<string> {
  const response = await fetch(`${issuerUrl}/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sub }) });
  if (!response.ok) throw new Error(`issuer answered ${response.status}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

function kidOf(token: string): string {
  try {
    return String((JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as { kid?: unknown }).kid);
  } catch {
    return 'unknown';
  }
}

export async function runJob(job: ClientJob): Promise<ClientReport> {
  assertLoopback(job.url);
  const extra: Partial<ClientReport> = {};
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  let requests: AcRequest[];
  let stopMinting = () => {};

  if (job.kind === 'verify') {
    // Static requests: autocannon builds each once, so cycling 1,000+ tokens costs the client nothing per request.
    requests = job.tokens.length > 0 ? job.tokens.map(bearer) : [{ method: 'GET', path: '/resource' }];
  } else if (job.kind === 'mint') {
    requests = Array.from({ length: 64 }, (_, i) => ({
      method: 'POST', path: '/token', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sub: `load-user-${i}` }),
    }));
  } else if (job.kind === 'outage') {
    const known = { ok: 0, refused: 0 };
    const unknownKid = { ok: 0, refused: 0 };
    extra.known = known;
    extra.unknownKid = unknownKid;
    const count = (bucket: { ok: number; refused: number }) => (status: number) => { if (status === 200) bucket.ok += 1; else bucket.refused += 1; };
    // Nine requests with held keys to one with an unknown kid.
    requests = job.tokens.map((t, i) => {
      const unknown = i % 10 === 9 && job.unknownKidTokens.length > 0;
      const token = unknown ? job.unknownKidTokens[i % job.unknownKidTokens.length]! : t;
      return { ...bearer(token), onResponse: count(unknown ? unknownKid : known) };
    });
  } else {
    // Clients keep fetching fresh tokens from the issuer while it rotates its key.
    const issuerUrl = job.issuerUrl;
    let current = await mintToken(issuerUrl, 'rotation-user');
    const kids = new Set([kidOf(current)]);
    const minted = { tokens: 1, kids: 1, failures: 0 };
    extra.minted = minted;
    const timer = setInterval(() => {
      mintToken(issuerUrl, 'rotation-user').then((t) => {
        current = t;
        minted.tokens += 1;
        kids.add(kidOf(t));
        minted.kids = kids.size;
      }, () => { minted.failures += 1; });
    }, job.mintEveryMs);
    stopMinting = () => clearInterval(timer);
    const rejected: number[] = [];
    extra.rejectedPerSecond = rejected;
    requests = [{
      method: 'GET', path: '/resource',
      setupRequest: (req) => ({ ...req, headers: { authorization: `Bearer ${current}` } }),
      onResponse: (status) => {
        if (status === 200) return;
        const second = Math.floor((performance.now() - started) / 1000);
        while (rejected.length <= second) rejected.push(0);
        rejected[second]! += 1;
      },
    }];
  }

  const result = await autocannon({
    url: job.url,
    connections: job.connections,
    duration: job.durationS,
    requests,
    timeout: 10,
  });
  stopMinting();
  const cpu = process.cpuUsage(cpuBefore);
  const wallUs = (performance.now() - started) * 1000;
  const total = result.requests.total;
  return {
    requests: total,
    durationS: result.duration,
    requestsPerSec: total / result.duration,
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, p99_9: result.latency.p99_9 },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    cpuUtilization: (cpu.user + cpu.system) / wallUs,
    ...extra,
  };
}

// As a forked process: one job in, one report out.
if (process.send) {
  process.once('message', (message: { type: 'job'; job: ClientJob }) => {
    runJob(message.job).then(
      (report) => process.send!({ type: 'report', report }),
      (error: unknown) => process.send!({ type: 'failed', message: error instanceof Error ? error.message : String(error) }),
    ).finally(() => process.disconnect());
  });
  process.on('disconnect', () => process.exit(0));
}
