// The terminal summary of a load run: one row per run, the figures that decide between schemes.
import { formatRate, renderTable } from '../../core/table.js';
import type { CompletedRun, ErroredRun, LoadRun } from './load-results.js';

/** scenario, scheme, engine (none for the baseline) and rotation policy */
export const runLabel = (r: LoadRun) => `${r.scenario} ${r.scheme}${r.engine ? ` ${r.engine}` : ''}${r.policy ? ` ${r.policy}` : ''}`;
const pct = (ratio: number | null) => (ratio === null ? '-' : `${Math.round(ratio * 100)}%`);
const us = (v: { p50: number; p99: number } | null) => (v === null ? '-' : `${v.p50.toFixed(0)} / ${v.p99.toFixed(0)}`);

function note(r: CompletedRun): string {
  const notes: string[] = [];
  if (r.clientBound) notes.push('CLIENT-BOUND: load generator saturated, not server speed');
  if (r.rotation) notes.push(`${r.rotation.validRejected} valid rejected over ${r.rotation.rotationsSeen} rotation(s)`);
  if (r.outage) {
    const o = r.outage;
    notes.push(`issuer down at ${o.issuerStoppedAtS}s: ${o.knownKeyFailures} of ${o.knownKeyRequests} held-key requests failed; `
      + `${o.jwksFetchAttempts} JWKS fetches for ${o.unknownKidRequests} unknown kids (bound ${o.jwksFetchBound})`);
  }
  if (!r.rotation && !r.outage && r.non2xx > 0) notes.push(`${r.non2xx} non-2xx`);
  if (r.errors > 0) notes.push(`${r.errors} connection errors`);
  return notes.join('; ');
}

export function renderLoadSummary(runs: LoadRun[]): string {
  const completed = runs.filter((r): r is CompletedRun => r.state === 'completed');
  const errored = runs.filter((r): r is ErroredRun => r.state === 'errored');
  const rows = completed.map((r) => [
    runLabel(r),
    String(r.connections),
    formatRate(r.requestsPerSec),
    `${r.latencyMs.p50} / ${r.latencyMs.p99} / ${r.latencyMs.p99_9}`,
    us(r.serverVerifyUs ?? r.serverSignUs),
    r.authorizationHeaderBytes === null ? '-' : r.authorizationHeaderBytes.toFixed(0),
    pct(r.relative.requestsPerSecVsBaseline),
    pct(r.relative.requestsPerSecVsHs256),
    note(r),
  ]);
  const out = [
    'load runs (loopback; client and server share this machine):',
    renderTable(['run', 'conns', 'req/s', 'latency ms p50/p99/p99.9', 'server µs p50/p99', 'auth header B', 'vs baseline', 'vs hs256', 'notes'], rows),
    '',
    'server µs: time of the verify (or, for mint, sign) call measured inside the server; auth header B: bytes of the Authorization header line per request;',
    'vs columns: req/s relative to the baseline and to hs256 on the same engine (node = node:crypto, the algorithm alone).',
  ];
  if (errored.length > 0) {
    out.push('', `${errored.length} run${errored.length > 1 ? 's' : ''} failed:`);
    for (const r of errored) out.push(`  ${runLabel(r)}: ${r.error}`);
  }
  return out.join('\n');
}
