// What a run on a runtime other than Node leaves out, and why: such cases are recorded as
// skipped with the reason ("unsupported" in the report), never dropped and never timed.
import { readFileSync } from 'node:fs';
import { currentRuntime } from '../core/runtimes/info.js';
import type { CaseSpec } from '../core/results/micro.js';
import type { SkippedSpec } from './matrix.js';

/** Set by micro --runtime in the child it starts: a JSON file of "engine/alg" → why it is unsupported (the cross-runtime check). */
export const UNSUPPORTED_ENV = 'JWTBENCH_UNSUPPORTED';

export function unsupportedKey(engine: string, alg: string): string {
  return `${engine}/${alg}`;
}

function unsupportedHere(): Record<string, string> {
  const file = process.env[UNSUPPORTED_ENV];
  return file ? JSON.parse(readFileSync(file, 'utf8')) as Record<string, string> : {};
}

export function applyRuntimeLimits(cases: CaseSpec[], runtime = currentRuntime().name, unsupported = unsupportedHere()): { cases: CaseSpec[]; skipped: SkippedSpec[] } {
  const kept: CaseSpec[] = [];
  const skipped: SkippedSpec[] = [];
  for (const spec of cases) {
    const crossRuntime = unsupported[unsupportedKey(spec.engine, spec.alg)];
    if (crossRuntime !== undefined) skipped.push({ spec, reason: crossRuntime });
    // piscina's pools on Bun and Deno are not checked here (worker hangs are reported on some versions): one thread only
    else if (runtime !== 'node' && spec.threads > 1) skipped.push({ spec, reason: `multi-thread cases run on Node only (piscina's worker pools on ${runtime} are not checked)` });
    else kept.push(spec);
  }
  return { cases: kept, skipped };
}
