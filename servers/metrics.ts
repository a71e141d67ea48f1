// What a reference server measures about itself during a load run: the time of its token work
// (verify at a verifier, sign at an issuer), taken around that one call because autocannon's
// latency resolution is 1 ms and the work takes microseconds; CPU time per request; and
// event-loop utilization. Reset before a run, read after it.
import { createHistogram, performance, type RecordableHistogram } from 'node:perf_hooks';

export interface ServerMetricsSnapshot {
  durationMs: number;
  requests: number;
  workOk: number;
  workFailed: number;
  /** successful verify (verifier) or sign (issuer) calls, microseconds */
  workUs: { p50: number; p99: number } | null;
  cpuUserMs: number;
  cpuSystemMs: number;
  /** (user + system CPU) / requests */
  cpuPerRequestUs: number | null;
  /** share of the time the event loop was busy, 0..1 */
  eventLoopUtilization: number;
  jwks: { fetchAttempts: number; fetchFailures: number; keys: number } | null;
}

export class ServerMetrics {
  #histogram: RecordableHistogram = createHistogram();
  #cpu = process.cpuUsage();
  #elu = performance.eventLoopUtilization();
  #started = performance.now();
  requests = 0;
  workOk = 0;
  workFailed = 0;

  recordWork(ok: boolean, durationNs: bigint): void {
    if (ok) {
      this.workOk += 1;
      this.#histogram.record(durationNs > 0n ? durationNs : 1n);
    } else {
      this.workFailed += 1;
    }
  }

  reset(): void {
    this.#histogram.reset();
    this.#cpu = process.cpuUsage();
    this.#elu = performance.eventLoopUtilization();
    this.#started = performance.now();
    this.requests = 0;
    this.workOk = 0;
    this.workFailed = 0;
  }

  snapshot(jwks: ServerMetricsSnapshot['jwks'] = null): ServerMetricsSnapshot {
    const cpu = process.cpuUsage(this.#cpu);
    const cpuUs = cpu.user + cpu.system;
    const h = this.#histogram;
    return {
      durationMs: performance.now() - this.#started,
      requests: this.requests,
      workOk: this.workOk,
      workFailed: this.workFailed,
      workUs: h.count > 0 ? { p50: h.percentile(50) / 1000, p99: h.percentile(99) / 1000 } : null,
      cpuUserMs: cpu.user / 1000,
      cpuSystemMs: cpu.system / 1000,
      cpuPerRequestUs: this.requests > 0 ? cpuUs / this.requests : null,
      eventLoopUtilization: performance.eventLoopUtilization(this.#elu).utilization,
      jwks,
    };
  }
}
