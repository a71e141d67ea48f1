// The terminal summary of a load run: one row per run, the figures that decide between schemes.
import { formatRate, renderTable } from '../../core/table.js';
import type { CompletedRun, ErroredRun, LoadRun } from '../../core/results/load.js';
import { SCENARIOS } from './scenarios.js';

const pct = (ratio: number | null) => (ratio === null ? '-' : `${Math.round(ratio * 100)}%`);
const us = (v: { p50: number; p99: number } | null) => (v === null ? '-' : `${v.p50.toFixed(0)} / ${v.p99.toFixed(0)}`);

function note(r: CompletedRun): string {
  const notes: string[] = [];
  const scenario = SCENARIOS[r.scenario];
  if (r.clientBound) notes.push('CLIENT-BOUND: load generator saturated, not server speed');
  const own = scenario.note(r);
  if (own !== null) notes.push(own);
  if (!scenario.refusalsExpected && r.non2xx > 0) notes.push(`${r.non2xx} non-2xx`);
  if (r.errors > 0) notes.push(`${r.errors} connection errors`);
  return notes.join('; ');
}

/** A run's name: scenario, scheme, engine (none for the baseline) and rotation policy; or the target's path and whether it carried a token. */
export function runLabel(r: LoadRun): string {
  if (r.target) return `target ${r.target.origin}${r.target.path}${r.target.token ? ` ${r.target.token.header.alg}` : ' (no token)'}`;
  return `${r.scenario} ${r.scheme}${r.engine ? ` ${r.engine}` : ''}${r.policy ? ` ${r.policy}` : ''}`;
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
  const targets = runs.some((r) => r.target);
  const out = [
    targets ? 'load runs against your target (client-side figures only):' : 'load runs (loopback; client and server share this machine):',
    renderTable(['run', 'conns', 'req/s', 'latency ms p50/p99/p99.9', 'server µs p50/p99', 'auth header B', 'vs baseline', 'vs hs256', 'notes'], rows),
    '',
    targets
      ? 'target runs: no server µs (jwtbench cannot see inside your service); vs baseline: req/s relative to the --compare-url run without a token.'
      : 'server µs: time of the verify (or, for mint, sign) call measured inside the server; auth header B: bytes of the Authorization header line per request;\n'
        + 'vs columns: req/s relative to the baseline and to hs256 on the same engine (node = node:crypto, the algorithm alone).',
  ];
  if (errored.length > 0) {
    out.push('', `${errored.length} run${errored.length > 1 ? 's' : ''} failed:`);
    for (const r of errored) out.push(`  ${runLabel(r)}: ${r.error}`);
  }
  return out.join('\n');
}
