// A run's headline figures as history points: micro's per-case figures (the median rate over
// repeats and processes, with its interval), load's requests per second per run key (the
// median over repeats, their range as the interval), and instruction counts per case.
import type { EnvFingerprint } from '../results/env.js';
import type { HistoryPoint } from '../results/history.js';
import type { CompletedRun, LoadDocument } from '../results/load.js';
import type { MicroDocument } from '../results/micro.js';
import { loadRunKey } from '../load-key.js';
import { median } from '../stats.js';
import { envKey } from './env-key.js';

/** What `micro --measure instructions` writes, read tolerantly: only the fields a history needs. */
export interface InstructionRun {
  env: EnvFingerprint;
  config: { measure: 'instructions'; pinnedByThreads?: readonly unknown[] };
  cases: { id: string; state: string; instructionsPerOp?: unknown }[];
}

/** Points plus the environment each refers to. */
export interface RunPoints {
  points: HistoryPoint[];
  environments: Record<string, EnvFingerprint>;
}

// compare's placement rule (bench/compare/compare.ts pinningMismatches): pinned per thread count or not.
const placement = (config: { pinnedByThreads?: readonly unknown[] }) => (config.pinnedByThreads ? 'pinned by threads' : 'one process');

/** The median of several figures and their range; a single figure has no interval. */
function medianRange(values: readonly number[]): { value: number; interval: [number, number] | null } {
  return { value: median(values)!, interval: values.length > 1 ? [Math.min(...values), Math.max(...values)] : null };
}

function grouped<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) out.set(key(item), [...(out.get(key(item)) ?? []), item]);
  return out;
}

export function microPoints(doc: MicroDocument): RunPoints {
  const env = envKey({ env: doc.env, placement: placement(doc.config) });
  const points = (doc.figures ?? []).filter((f) => f.opsPerSec > 0).map((f): HistoryPoint => ({
    case: `micro/${f.id}`, measure: 'time', unit: 'ops/s', better: 'higher', value: f.opsPerSec, interval: [...f.opsPerSecInterval], env,
  }));
  return { points, environments: { [env]: doc.env } };
}

export function loadPoints(doc: LoadDocument): RunPoints {
  const env = envKey({ env: doc.env, placement: null });
  // A client-bound run measured the load generator, not the server: no point of a server's series.
  const runs = doc.runs.filter((r): r is CompletedRun => r.state === 'completed' && r.requestsPerSec > 0 && !r.clientBound);
  const points = [...grouped(runs, loadRunKey)].map(([key, rs]): HistoryPoint => ({
    case: `load/${key}`, measure: 'time', unit: 'req/s', better: 'higher', ...medianRange(rs.map((r) => r.requestsPerSec)), env,
  }));
  return { points, environments: { [env]: doc.env } };
}

export function instructionPoints(doc: InstructionRun): RunPoints {
  const env = envKey({ env: doc.env, placement: placement(doc.config) });
  const counted = doc.cases.filter((c) => c.state === 'counted' && typeof c.instructionsPerOp === 'number' && c.instructionsPerOp > 0);
  const points = [...grouped(counted, (c) => c.id)].map(([id, cs]): HistoryPoint => ({
    case: `instructions/${id}`, measure: 'instructions', unit: 'instructions/op', better: 'lower', ...medianRange(cs.map((c) => c.instructionsPerOp as number)), env,
  }));
  return { points, environments: { [env]: doc.env } };
}

/**
 * Whether a parsed micro.json is an instruction-count run, and the one problem that keeps it
 * from being read as one (null when readable). Tolerant: micro.schema.json on this branch does
 * not know the `counted` state yet, so only what a history reads is checked.
 */
export function instructionRunProblem(doc: Record<string, unknown>): string | null {
  const config = doc.config as { measure?: unknown } | undefined;
  if (config?.measure !== 'instructions') return 'config.measure is not "instructions"';
  if (typeof doc.env !== 'object' || doc.env === null) return 'it has no env block';
  if (!Array.isArray(doc.cases)) return 'cases is not an array';
  for (const [i, c] of (doc.cases as unknown[]).entries()) {
    const k = c as { id?: unknown; state?: unknown; instructionsPerOp?: unknown; estimatedCyclesPerOp?: unknown };
    if (typeof k?.id !== 'string' || typeof k.state !== 'string') return `/cases/${i} has no id or state`;
    if (k.state !== 'counted') continue;
    if (typeof k.instructionsPerOp !== 'number' || !(k.instructionsPerOp > 0)) return `/cases/${i}/instructionsPerOp must be a positive number`;
    if (k.estimatedCyclesPerOp !== undefined && k.estimatedCyclesPerOp !== null && typeof k.estimatedCyclesPerOp !== 'number') return `/cases/${i}/estimatedCyclesPerOp must be a number or null`;
  }
  return null;
}
