// Runs a list of micro cases: keys generated once, each case gated for correctness, then timed
// on its thread count in one piscina pool, and the threads' figures combined honestly.
import { Piscina } from 'piscina';
import { ALGORITHMS } from '../core/algorithms.js';
import { createBarrier } from './barrier.js';
import type { ThreadResult, ThreadTask } from './case.js';
import type { Budget, CaseSpec } from '../core/results/micro.js';
import { deriveRatios } from './derive.js';
import { BUILTIN_SOURCES, loadEngineSet, type EngineSources } from './engines/engine-set.js';
import { runGate, type GateResult } from './gate.js';
import { KeyStore } from '../core/keys.js';
import { errorMessage } from '../core/errors.js';
import type { CompletedCase, MicroCase } from '../core/results/micro.js';
import { buildPayload } from './payloads.js';
import { batchMeans, concat, rme, summarize } from '../core/stats.js';
import type { TestSlowdown } from '../core/results/micro.js';
import { caseFigures } from '../core/repeats.js';

const BATCHES_PER_CASE = 32;
/** how long a thread waits at the start line for the others before the case fails */
const BARRIER_TIMEOUT_MS = 60_000;

export interface MicroProgress {
  done: number;
  total: number;
  current: CaseSpec;
  elapsedMs: number;
  /** a case of an untimed warm-up round */
  warmup: boolean;
}

export interface RunMicroOptions {
  cases: CaseSpec[];
  budget: Budget;
  repeat?: number;
  /** untimed passes over the matrix first, so repeat 0 is not slower for being first */
  warmupRounds?: number;
  /** repeat an unstable case (core/repeats.ts) again, interleaved with the others, up to this many repeats in all */
  maxRepeats?: number;
  /** stop adding repeats once they have taken this long */
  extraTimeMs?: number;
  /** and at this time (epoch ms) at the latest: a larger run's time budget */
  finishBy?: number;
  signal?: AbortSignal;
  onCaseStart?: (p: MicroProgress) => void;
  /** TEST-ONLY: see bench/test-slowdown.ts */
  testSlowdown?: TestSlowdown;
  /** the run's engines (default: the built-in ones) */
  sources?: EngineSources;
}

function gateKey(c: CaseSpec): string {
  return `${c.alg}|${c.keyBits}|${c.engine}|${c.keyPrep}|${c.payload}`;
}

function combine(spec: CaseSpec, repeat: number, threads: Extract<ThreadResult, { state: 'completed' }>[]): CompletedCase {
  const first = threads[0]!;
  const durationMs = first.windowEndMs - first.windowStartMs;
  const ops = threads.reduce((n, t) => n + t.opsInWindow, 0);
  const pooled = concat(threads.map((t) => t.latencyNs));
  const perThreadBatches = Math.max(1, Math.ceil(BATCHES_PER_CASE / threads.length));
  return {
    ...spec,
    state: 'completed',
    repeat,
    opsPerSec: ops / (durationMs / 1000),
    durationMs,
    latencyNs: summarize(pooled),
    rme: rme(pooled),
    samples: pooled.length,
    batchMeansNs: threads.flatMap((t) => batchMeans(t.latencyNs, perThreadBatches)),
    perThread: threads.map((t) => ({
      opsInWindow: t.opsInWindow, tinybenchMeanNs: t.tinybench.meanNs, tinybenchRme: t.tinybench.rme, samples: t.tinybench.samples,
      eventLoopUtilization: t.eventLoopUtilization,
    })),
    tokenBytes: first.tokenBytes,
    derived: { costVsHs256: null, costVsNodeFloor: null, scalingEfficiency: null },
  };
}

export async function runMicro(opts: RunMicroOptions): Promise<MicroCase[]> {
  const { cases, budget, signal } = opts;
  const sources = opts.sources ?? BUILTIN_SOURCES;
  const engines = await loadEngineSet(sources);
  // an error of the user's engine names its module
  const named = (engine: string, reason: string) => { const source = engines.get(engine)?.source; return source ? `${source}: ${reason}` : reason; };
  const repeat = opts.repeat ?? 1;
  const maxThreads = Math.max(1, ...cases.map((c) => c.threads));
  const pool = new Piscina<ThreadTask, ThreadResult>({
    filename: new URL('./worker.js', import.meta.url).href,
    minThreads: maxThreads,
    maxThreads,
    idleTimeout: 60_000,
  });
  const keys = new KeyStore();
  const gates = new Map<string, Promise<GateResult>>();
  const nowS = Math.floor(Date.now() / 1000);
  const results: MicroCase[] = [];
  const started = Date.now();
  const warmupRounds = opts.warmupRounds ?? 0;
  let total = cases.length * (warmupRounds + repeat);
  let done = 0;
  const runOne = async (spec: CaseSpec, r: number): Promise<void> => {
    signal?.throwIfAborted();
    opts.onCaseStart?.({ done, total, current: spec, elapsedMs: Date.now() - started, warmup: r < 0 });
    done += 1;
    const alg = ALGORITHMS[spec.alg];
    const keyMaterial = await keys.get(alg, spec.keyBits);
    const gk = gateKey(spec);
    let gate = gates.get(gk);
    if (!gate) {
      const ctx = { alg, keys: keyMaterial, payload: buildPayload(spec.payload, nowS), keyPrep: spec.keyPrep };
      const subject = engines.get(spec.engine);
      gate = subject ? runGate(subject, engines.builtins, ctx).catch((error: unknown): GateResult => ({ ok: false, reason: `${spec.engine} ${spec.alg}: ${errorMessage(error)}` }))
        : Promise.resolve({ ok: false, reason: `no engine named ${spec.engine}` });
      gates.set(gk, gate);
    }
    const verdict = await gate;
    if (!verdict.ok) {
      if (r >= 0) results.push({ ...spec, state: 'errored', stage: 'gate', error: named(spec.engine, verdict.reason), repeat: r });
      return;
    }
    const barrier = createBarrier(spec.threads);
    const runs = await Promise.all(Array.from({ length: spec.threads }, (_, threadIndex) =>
      pool.run({ spec, keys: keyMaterial, budget, nowS, barrier, threadIndex, barrierTimeoutMs: BARRIER_TIMEOUT_MS, testSlowdown: opts.testSlowdown, warmup: r < 0, sources }, { signal })));
    if (r < 0) return; // a failing thread fails again in the timed round, where it is recorded
    const failed = runs.filter((t): t is Extract<ThreadResult, { state: 'errored' }> => t.state === 'errored');
    if (failed.length > 0) {
      const reasons = [...new Set(failed.map((f) => f.error))];
      results.push({ ...spec, state: 'errored', stage: 'run', error: named(spec.engine, reasons.join('; ')), repeat: r });
    } else {
      results.push(combine(spec, r, runs as Extract<ThreadResult, { state: 'completed' }>[]));
    }
  };
  try {
    // Repeats interleave: every case runs once before any runs twice, so drift spreads evenly.
    // Warm-up rounds come first as rounds r < 0; their figures are dropped.
    for (let r = -warmupRounds; r < repeat; r++) for (const spec of cases) await runOne(spec, r);
    // Then, in the spirit of tachometer's auto-sampling, rounds of the cases that are still
    // unstable (repeats that disagree, or floor siblings that do), until none is or the cap is reached.
    const maxRepeats = opts.maxRepeats ?? repeat;
    const extraUntil = Math.min(Date.now() + (opts.extraTimeMs ?? Infinity), opts.finishBy ?? Infinity);
    for (let r = repeat; r < maxRepeats && Date.now() < extraUntil; r++) {
      const completed = results.filter((c): c is CompletedCase => c.state === 'completed');
      const unstable = new Set(caseFigures(completed).filter((f) => f.unstable !== null).map((f) => f.id));
      const again = cases.filter((c) => unstable.has(c.id));
      if (again.length === 0) break;
      total += again.length;
      for (const spec of again) {
        if (Date.now() >= extraUntil) break;
        await runOne(spec, r);
      }
    }
  } finally {
    await pool.destroy();
  }
  return deriveRatios(results);
}
