// The parameter matrix of `jwtbench micro`, declared as data and expanded into cases.
import { ALGORITHMS } from '../core/algorithms.js';
import { caseId } from './case.js';
import type { CaseSpec, MicroMatrix } from '../core/results/micro.js';
import { ENGINES, type Engine } from './engines/index.js';

const builtin = (name: string): Engine | undefined => (ENGINES as Readonly<Record<string, Engine>>)[name];

/** A case an engine is meant for but cannot run here (jose's ML-DSA on Node 20), and why. */
export interface SkippedSpec {
  spec: CaseSpec;
  reason: string;
}

/** Expands the matrix into cases, in the order they run: algorithm, key size, op, engine, ... */
type EngineNamed = (name: string) => Engine | undefined;

export function expandMatrix(m: MicroMatrix, engineNamed: EngineNamed = builtin): CaseSpec[] {
  return expand(m, engineNamed).cases;
}

/** The cases of the matrix that are skipped on this runtime, with their reasons. */
export function skippedCases(m: MicroMatrix, engineNamed: EngineNamed = builtin): SkippedSpec[] {
  return expand(m, engineNamed).skipped;
}

function expand(m: MicroMatrix, engineNamed: EngineNamed): { cases: CaseSpec[]; skipped: SkippedSpec[] } {
  const cases: CaseSpec[] = [];
  const skipped: SkippedSpec[] = [];
  for (const algName of m.algs) {
    const alg = ALGORITHMS[algName];
    const sizes: (number | null)[] = alg.keyBits.length > 0 ? alg.keyBits.filter((b) => m.rsaBits.includes(b)) : [null];
    for (const keyBits of sizes) {
      for (const op of m.ops) {
        for (const engineName of m.engines) {
          const engine = engineNamed(engineName);
          if (!engine) continue;
          const runs = engine.supports(alg);
          const reason = runs ? null : engine.skipReason?.(alg) ?? null;
          if (!runs && reason === null) continue; // not this engine's algorithm at all
          for (const keyPrep of m.keyPreps) {
            if (!engine.keyPreps.includes(keyPrep)) continue;
            for (const payload of m.payloads) {
              for (const threads of m.threads) {
                const spec = { alg: algName, keyBits, op, engine: engineName, keyPrep, payload, threads };
                if (reason === null) cases.push({ id: caseId(spec), ...spec });
                else skipped.push({ spec: { id: caseId(spec), ...spec }, reason });
              }
            }
          }
        }
      }
    }
  }
  return { cases, skipped };
}

/** One value of each key (the first), as Node's benchmark smoke mode does: proves the pipeline, measures nothing. */
export function smokeMatrix(m: MicroMatrix): MicroMatrix {
  const first = <T>(xs: readonly T[]): T[] => xs.slice(0, 1);
  return {
    algs: first(m.algs), rsaBits: first(m.rsaBits), ops: first(m.ops), engines: first(m.engines),
    keyPreps: first(m.keyPreps), payloads: first(m.payloads), threads: first(m.threads),
  };
}
