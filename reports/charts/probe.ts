// The verifier audit: how long the target took to answer each forged token, coloured by what it
// answered. Accepted bars are the findings; the valid token's time is drawn as a dashed rule, so
// a forgery answered much faster or slower than the control stands out. Skipped attacks sent
// nothing and are left out (the report's table lists them with their reason).
import type { TopLevelSpec } from 'vega-lite';
import type { AttackResult, ProbeDocument } from '../../core/results/probe.js';
import { SCHEMA } from './throughput.js';

type SentAttack = Exclude<AttackResult, { state: 'skipped' }>;

/** The order the report lists attacks in: forgeries accepted, policy findings, then the rest. */
export const RESULT_ORDER = ['FORGERY ACCEPTED', 'POLICY FINDING', 'errored', 'rejected', 'skipped'] as const;
type ResultLabel = typeof RESULT_ORDER[number];
const RESULT_COLOUR: Record<Exclude<ResultLabel, 'skipped'>, string> = {
  'FORGERY ACCEPTED': '#d62728', 'POLICY FINDING': '#9467bd', errored: '#f58518', rejected: '#9e9e9e',
};

/** An accepted attack is a forgery or a policy finding, by its severity; other states read as they are. */
export function resultLabel(a: AttackResult): ResultLabel {
  if (a.state !== 'accepted') return a.state;
  return a.severity === 'forgery' ? 'FORGERY ACCEPTED' : 'POLICY FINDING';
}

/** Attacks in report order (see RESULT_ORDER), each kind in run order. */
export function attacksInReportOrder(doc: ProbeDocument): AttackResult[] {
  return RESULT_ORDER.flatMap((label) => doc.attacks.filter((a) => resultLabel(a) === label));
}

export function probeChart(doc: ProbeDocument): TopLevelSpec | null {
  const sent = attacksInReportOrder(doc).filter((a): a is SentAttack => a.state !== 'skipped');
  if (sent.length === 0) return null;
  // One row per attack: a title shared by two attacks gets its id, so the rows stay apart.
  const shared = new Set(sent.map((a) => a.title).filter((t, i, all) => all.indexOf(t) !== i));
  const values = sent.map((a) => ({
    attack: shared.has(a.title) ? `${a.title} (${a.id})` : a.title, id: a.id, family: a.family, state: resultLabel(a), severity: a.severity,
    status: a.status === null ? 'none (offline check)' : String(a.status), durationMs: a.durationMs,
  }));
  const states = RESULT_ORDER.filter((s): s is Exclude<ResultLabel, 'skipped'> => s !== 'skipped' && sent.some((a) => resultLabel(a) === s));
  const skipped = doc.attacks.length - sent.length;
  return {
    $schema: SCHEMA,
    title: {
      text: 'Time to answer each forged token',
      subtitle: [`target ${doc.config.target}; dashed: the valid token (control, HTTP ${doc.control.status})`,
        ...(skipped > 0 ? [`${skipped} skipped attack${skipped === 1 ? '' : 's'} not drawn (nothing was sent)`] : [])],
    },
    width: 420,
    height: { step: 18 },
    layer: [
      {
        data: { values },
        mark: { type: 'bar' },
        encoding: {
          y: { field: 'attack', type: 'nominal', title: null, sort: values.map((v) => v.attack), axis: { labelLimit: 260 } },
          x: { field: 'durationMs', type: 'quantitative', title: 'time to answer (ms)', scale: { zero: true } },
          color: { field: 'state', type: 'nominal', title: 'target answered', scale: { domain: states, range: states.map((s) => RESULT_COLOUR[s]) } },
          tooltip: [
            { field: 'attack', title: 'attack' }, { field: 'id', title: 'id' }, { field: 'family', title: 'family' }, { field: 'severity', title: 'class' }, { field: 'state', title: 'result' },
            { field: 'status', title: 'HTTP status' }, { field: 'durationMs', title: 'time (ms)', type: 'quantitative', format: ',.1f' },
          ],
        },
      },
      {
        data: { values: [{ controlMs: doc.control.durationMs, controlStatus: doc.control.status }] },
        mark: { type: 'rule', strokeDash: [4, 3], color: '#222222' },
        encoding: {
          x: { field: 'controlMs', type: 'quantitative' },
          tooltip: [{ field: 'controlMs', title: 'valid token (ms)', type: 'quantitative', format: ',.1f' }, { field: 'controlStatus', title: 'HTTP status' }],
        },
      },
    ],
  };
}
