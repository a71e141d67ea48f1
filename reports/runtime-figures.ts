// The figures of a run across runtimes (micro --runtime): each runtime's headline cases per
// engine, the RS256 ÷ HS256 verify cost on each, and the cases a runtime could not run, with why.
// Read from the results, never typed in; shared by the report section and micro's terminal lines.
import type { EnvFingerprint } from '../core/results/env.js';
import type { MicroDocument } from '../core/results/micro.js';
import { microCostVsHs256, microOpsPerSec } from './figures.js';
import { HEADLINE_ALGS } from './comparison.js';

export interface RuntimeDoc { label: string; doc: MicroDocument }

export interface RuntimePoint { runtime: string; engine: string; alg: string; op: 'sign' | 'verify'; opsPerSec: number; costVsHs256: number | null }

/** name@version of the runtime that measured (files from before runtimes were recorded: Node). */
export function runtimeOf(env: EnvFingerprint): string {
  return env.runtime ? `${env.runtime.name}@${env.runtime.version}` : `node@${env.node}`;
}

/** The engines a run measured, in the order of its cases. */
export function enginesOf(docs: readonly RuntimeDoc[]): string[] {
  return [...new Set(docs.flatMap((d) => d.doc.cases.map((c) => c.engine)))];
}

export function runtimePoints(docs: readonly RuntimeDoc[]): RuntimePoint[] {
  return docs.flatMap(({ label, doc }) => enginesOf([{ label, doc }]).flatMap((engine) => HEADLINE_ALGS.flatMap((a) => (['sign', 'verify'] as const).flatMap((op) => {
    const pick = { alg: a.alg, keyBits: a.keyBits, op, engine };
    const opsPerSec = microOpsPerSec(doc, pick);
    return opsPerSec === null ? [] : [{ runtime: label, engine, alg: a.label, op, opsPerSec, costVsHs256: microCostVsHs256(doc, pick) }];
  }))));
}

/** RS256 verify's time per operation ÷ HS256 verify's, same runtime and engine: the headline question's answer there. */
export function rs256OverHs256Verify(points: readonly RuntimePoint[], runtime: string, engine: string): number | null {
  return points.find((p) => p.runtime === runtime && p.engine === engine && p.alg === 'RS256-2048' && p.op === 'verify')?.costVsHs256 ?? null;
}

export interface PostQuantumCell { runtime: string; engine: string; op: 'sign' | 'verify'; opsPerSec: number; vsRs256: number | null }

/**
 * ML-DSA-44 per runtime and engine, native and pure JavaScript side by side: ops/s and its time
 * per operation against RS256's with the same engine (noble-pq, which has no RS256, against the
 * node:crypto floor's) on the same runtime.
 */
export function postQuantumCells(docs: readonly RuntimeDoc[]): PostQuantumCell[] {
  return docs.flatMap(({ label, doc }) => enginesOf([{ label, doc }]).flatMap((engine) => (['sign', 'verify'] as const).flatMap((op) => {
    const opsPerSec = microOpsPerSec(doc, { alg: 'ML-DSA-44', keyBits: null, op, engine });
    if (opsPerSec === null) return [];
    const rs256 = microOpsPerSec(doc, { alg: 'RS256', keyBits: 2048, op, engine: engine === 'noble-pq' ? 'node' : engine });
    return [{ runtime: label, engine, op, opsPerSec, vsRs256: rs256 === null ? null : rs256 / opsPerSec }];
  })));
}

export interface UnsupportedCell { runtime: string; engine: string; cases: string; reason: string }

/** The cases a runtime skipped or failed, one row per runtime, engine and reason, naming the algorithms and ops. */
export function unsupportedCells(docs: readonly RuntimeDoc[]): UnsupportedCell[] {
  const rows = new Map<string, { runtime: string; engine: string; reason: string; cases: Set<string> }>();
  for (const { label, doc } of docs) {
    for (const c of doc.cases) {
      if (c.state !== 'skipped' && c.state !== 'errored') continue;
      const reason = c.state === 'skipped' ? c.reason : `failed: ${c.error}`;
      const key = JSON.stringify([label, c.engine, reason]);
      const row = rows.get(key) ?? { runtime: label, engine: c.engine, reason, cases: new Set<string>() };
      row.cases.add(`${c.keyBits === null ? c.alg : `${c.alg}-${c.keyBits}`} ${c.op}${c.threads > 1 ? ` ×${c.threads}` : ''}`);
      rows.set(key, row);
    }
  }
  return [...rows.values()].map((r) => ({ runtime: r.runtime, engine: r.engine, cases: [...r.cases].join(', '), reason: r.reason }));
}
