// Key rotation and issuer outage: valid requests rejected each second under staged and immediate
// rotation (staged should stay at zero; immediate shows the window where verifiers lack the new
// key), and what an issuer outage did: held-key failures and JWKS fetches against their bound.
// The views; scenario-layers.ts says which scenario draws which and puts them in one chart.
import type { TopLevelSpec } from 'vega-lite';
import type { CompletedRun, LoadDocument } from '../../core/results/load.js';
import { median } from '../../core/stats.js';
import { SCHEMA, uniq } from './throughput.js';
import { schemeOf } from './run-scheme.js';

/** one view of a vconcat (vega-lite exports no name for it) */
export type View = Extract<TopLevelSpec, { vconcat: unknown }>['vconcat'][number];
const POLICY_ORDER = ['staged', 'immediate'];

/** Completed runs of a scenario at its lowest connection count, grouped per key (repeats together). */
function groups(doc: LoadDocument, scenario: string, key: (r: CompletedRun) => string): CompletedRun[][] {
  const runs = doc.runs.filter((r): r is CompletedRun => r.state === 'completed' && r.scenario === scenario);
  const connections = Math.min(...runs.map((r) => r.connections));
  const out = new Map<string, CompletedRun[]>();
  for (const r of runs.filter((x) => x.connections === connections)) out.set(key(r), [...(out.get(key(r)) ?? []), r]);
  return [...out.values()];
}

const med = (xs: number[]): number => median(xs) ?? 0;
/** A scheme's runs on each engine are series of their own: one median must not mix two libraries. */
const onEngine = (r: CompletedRun): string => (r.engine ? `${schemeOf(r)} (${r.engine})` : schemeOf(r));

export function rotationView(doc: LoadDocument): View | null {
  const values = groups(doc, 'rotation', (r) => `${r.scheme}|${r.engine}|${r.policy}`).flatMap((rs) => {
    const withRotation = rs.filter((r) => r.rotation);
    if (withRotation.length === 0) return [];
    // Seconds with no rejection are not written out: pad each repeat to the run's length.
    const seconds = Math.max(...withRotation.map((r) => Math.max(Math.ceil(r.durationS), r.rotation!.rejectedPerSecond.length)));
    const padded = withRotation.map((r) => Array.from({ length: seconds }, (_, i) => r.rotation!.rejectedPerSecond[i] ?? 0));
    const first = withRotation[0]!;
    const total = med(withRotation.map((r) => r.rotation!.validRejected));
    const rotations = med(withRotation.map((r) => r.rotation!.rotationsSeen));
    return padded[0]!.map((_, i) => ({
      scheme: onEngine(first), policy: first.policy ?? 'unknown', second: i, rejected: med(padded.map((p) => p[i]!)),
      validRejected: total, rotationsSeen: rotations, repeats: withRotation.length,
    }));
  });
  if (values.length === 0) return null;
  const schemes = uniq(values.map((v) => v.scheme));
  const columns = Math.min(3, schemes.length);
  const policies = uniq([...POLICY_ORDER, ...values.map((v) => v.policy)]).filter((p) => values.some((v) => v.policy === p));
  return {
    title: { text: 'Valid requests rejected per second during key rotation', subtitle: 'median of repeats; staged rotation should stay at zero' },
    data: { values },
    facet: { field: 'scheme', type: 'nominal', title: null, sort: schemes },
    columns,
    spec: {
      width: Math.floor(520 / columns) - 20,
      height: 150,
      mark: { type: 'line', interpolate: 'step-after', point: { size: 16 } },
      encoding: {
        x: { field: 'second', type: 'quantitative', title: 'time into run (s)', axis: { format: 'd' } },
        y: { field: 'rejected', type: 'quantitative', title: 'valid requests rejected (per s)' },
        color: { field: 'policy', type: 'nominal', title: 'rotation policy', sort: policies, scale: { domain: policies, range: ['#54a24b', '#e45756', '#4c78a8'] } },
        tooltip: [
          { field: 'scheme', title: 'scheme' }, { field: 'policy', title: 'policy' }, { field: 'second', title: 'second', type: 'quantitative' },
          { field: 'rejected', title: 'rejected that second', type: 'quantitative' },
          { field: 'validRejected', title: 'rejected in the run', type: 'quantitative' },
          { field: 'rotationsSeen', title: 'rotations seen', type: 'quantitative' },
          { field: 'repeats', title: 'repeats (median shown)', type: 'quantitative' },
        ],
      },
    },
  };
}

export function outageView(doc: LoadDocument): View | null {
  const values = groups(doc, 'outage', (r) => `${schemeOf(r)}|${r.engine}`).flatMap((rs) => {
    const with_ = rs.filter((r) => r.outage);
    if (with_.length === 0) return [];
    const o = (get: (x: NonNullable<CompletedRun['outage']>) => number) => med(with_.map((r) => get(r.outage!)));
    const base = {
      scheme: onEngine(with_[0]!), bound: o((x) => x.jwksFetchBound), knownKeyRequests: o((x) => x.knownKeyRequests),
      unknownKidRequests: o((x) => x.unknownKidRequests), unknownKidAccepted: o((x) => x.unknownKidAccepted), cooldownMs: o((x) => x.jwksCooldownMs),
    };
    return [
      { ...base, measure: 'held-key failures', count: o((x) => x.knownKeyFailures) },
      { ...base, measure: 'JWKS fetch attempts', count: o((x) => x.jwksFetchAttempts) },
    ];
  });
  if (values.length === 0) return null;
  const measures = ['held-key failures', 'JWKS fetch attempts'];
  const x = { field: 'scheme', type: 'nominal', title: 'scheme', sort: uniq(values.map((v) => v.scheme)), axis: { labelAngle: 0 } } as const;
  const xOffset = { field: 'measure', type: 'nominal', sort: measures } as const;
  return {
    title: { text: 'Issuer outage', subtitle: 'requests with a held key that failed, and JWKS fetches; black tick = the fetch bound (cooldown)' },
    data: { values },
    // Bars stay bar-shaped with one scheme: about 130 px per scheme, up to the chart width.
    width: Math.min(520, 130 * x.sort.length),
    height: 150,
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          x, xOffset,
          y: { field: 'count', type: 'quantitative', title: 'count during the outage' },
          color: { field: 'measure', type: 'nominal', title: null, sort: measures, scale: { domain: measures, range: ['#e45756', '#4c78a8'] } },
          tooltip: [
            { field: 'scheme', title: 'scheme' }, { field: 'measure', title: 'measure' }, { field: 'count', title: 'count', type: 'quantitative' },
            { field: 'bound', title: 'JWKS fetch bound', type: 'quantitative' }, { field: 'knownKeyRequests', title: 'held-key requests', type: 'quantitative' },
            { field: 'unknownKidRequests', title: 'unknown-kid requests', type: 'quantitative' }, { field: 'unknownKidAccepted', title: 'unknown-kid accepted', type: 'quantitative' },
            { field: 'cooldownMs', title: 'JWKS cooldown (ms)', type: 'quantitative' },
          ],
        },
      },
      // The count over each bar, so a zero (no failures: the goal) is visible, not an absent bar.
      { mark: { type: 'text', dy: -4, baseline: 'bottom', fontSize: 10 }, encoding: { x, xOffset, y: { field: 'count', type: 'quantitative' }, text: { field: 'count', type: 'quantitative' } } },
      {
        transform: [{ filter: { field: 'measure', equal: 'JWKS fetch attempts' } }],
        mark: { type: 'tick', color: 'black', thickness: 2 },
        encoding: { x, xOffset, y: { field: 'bound', type: 'quantitative' } },
      },
    ],
  };
}
