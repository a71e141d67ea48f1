// The ratios users came for, computed from the measured cases of one run (never estimated):
// each algorithm against HS256, each engine against the node:crypto floor, and thread scaling.
import type { CompletedCase, Derived, MicroCase } from '../core/results/micro.js';
import { repeatRate } from '../core/repeats.js';

type Key = (c: CompletedCase) => string;

const sameButAlg: Key = (c) => `${c.op}|${c.engine}|${c.keyPrep}|${c.payload}|${c.threads}|${c.repeat}|${c.process ?? 1}`;
const sameButEngine: Key = (c) => `${c.alg}|${c.keyBits}|${c.op}|${c.payload}|${c.threads}|${c.repeat}|${c.process ?? 1}`;
const sameButThreads: Key = (c) => `${c.alg}|${c.keyBits}|${c.op}|${c.engine}|${c.keyPrep}|${c.payload}|${c.repeat}|${c.process ?? 1}`;

function index(cases: CompletedCase[], key: Key, pick: (c: CompletedCase) => boolean): Map<string, CompletedCase> {
  const map = new Map<string, CompletedCase>();
  for (const c of cases) if (pick(c)) map.set(key(c), c);
  return map;
}

/** Returns the cases with `derived` filled in; a ratio whose reference was not measured is null. */
export function deriveRatios(cases: MicroCase[]): MicroCase[] {
  const completed = cases.filter((c): c is CompletedCase => c.state === 'completed');
  const hs256 = index(completed, sameButAlg, (c) => c.alg === 'HS256');
  const floor = index(completed, sameButEngine, (c) => c.engine === 'node');
  const single = index(completed, sameButThreads, (c) => c.threads === 1);
  return cases.map((c) => {
    if (c.state !== 'completed') return c;
    const hs = hs256.get(sameButAlg(c));
    const fl = floor.get(sameButEngine(c));
    const one = single.get(sameButThreads(c));
    // The rate every figure of the run uses (threads x 1e9 / p50, core/repeats.ts), so a repeat's
    // ratios and the case's figures[] ratios are one definition, not the window's and the median's.
    const rate = repeatRate(c);
    const derived: Derived = {
      costVsHs256: hs ? repeatRate(hs) / rate : null,
      costVsNodeFloor: fl ? repeatRate(fl) / rate : null,
      scalingEfficiency: one ? rate / (c.threads * repeatRate(one)) : null,
    };
    return { ...c, derived };
  });
}
