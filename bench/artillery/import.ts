// Artillery's `--output` report (aggregate counters, summaries of http.response_time with
// p50..p999, http.codes.*, errors.*, and the intermediate periods) as a load run: scenario
// `target`, client `artillery`, named by the jwtbench-export.json of the test that produced it.
// The report is checked against the shape this code reads before any figure is taken from it.
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { JwtbenchError } from '../../core/errors.js';
import { firstProblem } from '../../core/results/results-file.js';
import { TargetSchema, TargetTokenSchema, type CompletedRun, type LoadRun } from '../../core/results/load.js';
import { deriveRelative } from '../load/run-load.js';
import { schemeForAlg } from '../load/run-target.js';
import type { ExportMeta } from './export.js';

const counts = Type.Record(Type.String(), Type.Number());
const Summary = Type.Object({ p50: Type.Number(), p90: Type.Number(), p99: Type.Number(), p999: Type.Number(), count: Type.Number() });
const Period = Type.Object({
  counters: counts,
  summaries: Type.Record(Type.String(), Type.Unknown()),
  firstCounterAt: Type.Number(),
  lastCounterAt: Type.Number(),
});

/** What is read from `artillery run --output report.json` (2.x). */
export const ArtilleryReportSchema = Type.Object({
  aggregate: Type.Object({
    counters: counts,
    summaries: Type.Object({ 'http.response_time': Summary }),
    firstCounterAt: Type.Number(),
    lastCounterAt: Type.Number(),
  }),
  intermediate: Type.Array(Period),
});
export type ArtilleryReport = Static<typeof ArtilleryReportSchema>;

const bad = (source: string, why: string) => new JwtbenchError('JWTBENCH_BAD_ARTILLERY_REPORT', `${source}: ${why}`);

/** The report, typed, or one line naming its first problem. */
export function checkArtilleryReport(report: unknown, source: string): ArtilleryReport {
  if (typeof report === 'object' && report !== null && 'kind' in report) throw bad(source, `is a jwtbench ${String((report as { kind: unknown }).kind)} results file, not an Artillery report`);
  const first = Value.Errors(ArtilleryReportSchema, report).First();
  if (first) {
    const missingTimes = first.path.startsWith('/aggregate/summaries');
    throw bad(source, missingTimes
      ? 'has no http.response_time summary: the test got no HTTP response (is the target up?)'
      : `is not an Artillery --output report (${first.path || '(document)'} ${first.message.toLowerCase()})`);
  }
  return report as ArtilleryReport;
}

function sum(counters: Record<string, number>, match: (name: string) => boolean): number {
  return Object.entries(counters).filter(([name]) => match(name)).reduce((a, [, n]) => a + n, 0);
}

const isNon2xx = (name: string) => /^http\.codes\.\d+$/.test(name) && !/^http\.codes\.2\d\d$/.test(name);
const isError = (name: string) => name.startsWith('errors.');

function periods(report: ArtilleryReport): NonNullable<CompletedRun['periods']> {
  const start = report.aggregate.firstCounterAt;
  return report.intermediate.map((p) => {
    const durationS = Math.max(0, (p.lastCounterAt - p.firstCounterAt) / 1000);
    const requests = p.counters['http.responses'] ?? 0;
    const t = p.summaries['http.response_time'];
    const times = Value.Check(Summary, t) ? { p50: t.p50, p99: t.p99 } : null;
    return {
      startS: Math.max(0, (p.firstCounterAt - start) / 1000), durationS, requests,
      requestsPerSec: durationS > 0 ? requests / durationS : 0,
      latencyMs: times, non2xx: sum(p.counters, isNon2xx), errors: sum(p.counters, isError),
    };
  });
}

/**
 * One completed run from a report. `workers` is the `--count` the test ran with: Artillery
 * multiplies the script's load by it, so the rate cap and connections are the script's times it.
 */
export function importArtilleryRun(report: ArtilleryReport, meta: ExportMeta, workers: number, source: string): LoadRun[] {
  const a = report.aggregate;
  const durationS = (a.lastCounterAt - a.firstCounterAt) / 1000;
  const requests = a.counters['http.responses'] ?? 0;
  if (!(durationS > 0) || requests === 0) throw bad(source, 'records no HTTP response over any length of time: nothing to import');
  const t = a.summaries['http.response_time'];
  const run: CompletedRun = {
    scenario: 'target', scheme: schemeForAlg(meta.target.token.header.alg), engine: null, policy: null,
    // Artillery does not report the bytes it sent; the pool's tokens are not all the first one's length.
    authorizationHeaderBytes: null, connections: meta.maxVusers * workers, repeat: 0,
    client: 'artillery',
    target: { ...meta.target, rateCapPerS: meta.arrivalRatePerS * workers, clientWorkers: workers },
    state: 'completed',
    durationS, requests, requestsPerSec: requests / durationS,
    latencyMs: { p50: t.p50, p90: t.p90, p99: t.p99, p99_9: t.p999 },
    non2xx: sum(a.counters, isNon2xx),
    errors: sum(a.counters, isError),
    // Artillery's report holds client-side figures only.
    serverVerifyUs: null, serverSignUs: null, serverCpuPerRequestUs: null, serverEventLoopUtilization: null,
    clientCpuUtilization: null, clientBound: false,
    relative: { requestsPerSecVsBaseline: null, requestsPerSecVsHs256: null, p99VsBaseline: null, p99VsHs256: null },
    periods: periods(report),
  };
  return deriveRelative([run]);
}

// The target block is load.json's own (core/results/load.ts), so an export that reads is one whose run can be written.
const MetaSchema = Type.Object({
  jwtbenchArtilleryExport: Type.Literal(1),
  target: Type.Object({ ...TargetSchema.properties, token: TargetTokenSchema }),
  durationS: Type.Number({ exclusiveMinimum: 0 }),
  arrivalRatePerS: Type.Number({ exclusiveMinimum: 0 }),
  maxVusers: Type.Integer({ minimum: 1 }),
});

export function checkExportMeta(meta: unknown, source: string): ExportMeta {
  const problem = firstProblem(MetaSchema, meta);
  if (problem) throw new JwtbenchError('JWTBENCH_BAD_FLAG', `--test ${source}: not a jwtbench-export.json written by \`jwtbench artillery export\` (${problem})`);
  return meta as ExportMeta;
}
