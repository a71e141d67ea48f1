// The figures of the post-quantum section, looked up in the micro results: token sizes as the
// run recorded them, and the sign/verify rows of ML-DSA beside the classical JWKS algorithms.
import type { CompletedCase, MicroDocument, SkippedCase } from '../core/results/micro.js';
import { median } from '../core/stats.js';
import { FLOOR, headline, type MicroRow } from './charts/throughput.js';

export const PQ_ALGS: readonly string[] = ['ML-DSA-44', 'ML-DSA-65', 'ML-DSA-87'];
/** what ML-DSA is set against: the JWKS algorithms of the load schemes (RS256 at 2048 bits) */
export const CLASSICAL_LABELS: readonly string[] = ['RS256-2048', 'ES256', 'EdDSA'];
export const REFERENCE_LABEL = 'RS256-2048';

/**
 * The token size a completed case recorded. Read as optional: micro records `tokenBytes` per
 * case from the run that adds it on; older files have none and the report says "not recorded".
 */
export function recordedTokenBytes(c: CompletedCase): number | null {
  const bytes = (c as { tokenBytes?: unknown }).tokenBytes;
  return typeof bytes === 'number' && Number.isFinite(bytes) && bytes > 0 ? bytes : null;
}

export interface TokenSize {
  label: string;
  tokenBytes: number;
}

const labelOf = (c: { alg: string; keyBits: number | null }): string => (c.keyBits === null ? c.alg : `${c.alg}-${c.keyBits}`);

/** Median recorded token bytes per algorithm, for the headline payload and thread count, in run order. */
export function tokenSizes(doc: MicroDocument): TokenSize[] {
  const slice = headline(doc);
  if (!slice) return [];
  const byLabel = new Map<string, number[]>();
  for (const c of doc.cases) {
    if (c.state !== 'completed' || c.payload !== slice.payload) continue;
    const bytes = recordedTokenBytes(c);
    if (bytes !== null) byLabel.set(labelOf(c), [...(byLabel.get(labelOf(c)) ?? []), bytes]);
  }
  return [...byLabel].map(([label, xs]) => ({ label, tokenBytes: median(xs)! }));
}

/** Whether the run measured any ML-DSA case. */
export function hasPostQuantum(doc: MicroDocument): boolean {
  return doc.cases.some((c) => PQ_ALGS.includes(c.alg));
}

/** Prepared-key rows of the headline slice for ML-DSA and the classical JWKS algorithms. */
export function costRows(doc: MicroDocument): MicroRow[] {
  const rows = headline(doc)?.rows ?? [];
  const order = [...PQ_ALGS, ...CLASSICAL_LABELS];
  return rows.filter((r) => r.keyPrep === 'prepared' && order.includes(r.label))
    .sort((a, b) => order.indexOf(a.label) - order.indexOf(b.label));
}

/** The RS256-2048 row each cost is set against: the node:crypto floor, or jose when no floor ran. */
export function referenceRow(rows: MicroRow[], op: string): MicroRow | null {
  const ref = rows.filter((r) => r.label === REFERENCE_LABEL && r.op === op);
  return ref.find((r) => r.series === FLOOR) ?? ref.find((r) => r.engine === 'jose') ?? null;
}

/** The ML-DSA cases an engine skipped on this runtime, one entry per engine and reason. */
export function skippedPostQuantum(doc: MicroDocument): { engine: string; algs: string[]; reason: string }[] {
  const groups = new Map<string, { engine: string; algs: string[]; reason: string }>();
  for (const c of doc.cases) {
    if (c.state !== 'skipped' || !PQ_ALGS.includes(c.alg)) continue;
    const s = c as SkippedCase;
    const g = groups.get(`${s.engine}|${s.reason}`) ?? { engine: s.engine, algs: [], reason: s.reason };
    if (!g.algs.includes(s.alg)) g.algs.push(s.alg);
    groups.set(`${s.engine}|${s.reason}`, g);
  }
  return [...groups.values()];
}
