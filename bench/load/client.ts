// The load generator: a process of its own (so client and server never share an event loop)
// that runs one autocannon job against loopback and reports the figures and its own CPU use.
// What it sends is its scenario's: the requests come from the scenario table.
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { isLoopback } from '../../core/loopback.js';
import type { ClientJob, ClientReport } from './client-job.js';
import { clientPlan } from './scenarios.js';

function assertLoopback(url: string): void {
  if (!isLoopback(new URL(url))) {
    throw new Error(`refusing to load ${new URL(url).host}: load tests target loopback only`);
  }
}

export async function runJob(job: ClientJob): Promise<ClientReport> {
  if (!(job.kind === 'target' && job.allowRemote)) assertLoopback(job.url);
  // autocannon gives each worker thread the whole overallRate and a share of the connections.
  const workers = job.kind === 'target' ? job.workers : 1;
  const rate = job.kind === 'target' && job.ratePerS !== null ? { overallRate: job.ratePerS / workers } : {};
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const { requests, extra, stop } = await clientPlan(job, started);

  const result = await autocannon({
    url: job.url,
    connections: job.connections,
    duration: job.durationS,
    requests,
    timeout: 10,
    ...(workers > 1 ? { workers } : {}),
    ...rate,
  });
  stop?.();
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
    // Per client thread: with workers, the process's CPU is theirs, spread over `workers` threads.
    cpuUtilization: (cpu.user + cpu.system) / wallUs / workers,
    ...extra,
  };
}

// As a forked process: a job in, its report out, one job at a time, until the parent lets go
// (bench/load/processes.ts keeps it for the run's next job).
if (process.send) {
  process.on('message', (message: { type: 'job'; job: ClientJob }) => {
    runJob(message.job).then(
      (report) => process.send!({ type: 'report', report }),
      (error: unknown) => process.send!({ type: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
  });
  process.on('disconnect', () => process.exit(0));
}
