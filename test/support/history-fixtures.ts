// Results documents for history tests: a micro run whose figures are given rates, a load run,
// and an instruction-count run in the shape `micro --measure instructions` writes.
import type { EnvFingerprint } from '../../core/results/env.js';
import type { LoadDocument } from '../../core/results/load.js';
import type { CaseFigure, MicroDocument } from '../../core/results/micro.js';

export function testEnv(over: Partial<EnvFingerprint> = {}): EnvFingerprint {
  return {
    cpuModel: 'Test CPU', cores: 2, usableCores: 2, os: 'linux 6', arch: 'x64', node: '20.20.2', openssl: '3.0', execArgv: [],
    libraries: { jose: '6.2.18' }, uvThreadpoolSize: 4, gitCommit: null, startedAt: '2026-12-01T10:00:00.000Z', endedAt: '2026-12-01T10:01:00.000Z', ...over,
  };
}

const identity = (id: string) => {
  const [alg, op, engine] = id.split('/') as ['HS256', string, string];
  return { id, alg, keyBits: null, op, engine, keyPrep: 'prepared', payload: 'small', threads: 1 };
};

/** A micro run: one figure per case id (alg/op/engine...), at the given rate with a ±1% interval. */
export function microRun(rates: Record<string, number>, env: Partial<EnvFingerprint> = {}): MicroDocument {
  const figures = Object.entries(rates).map(([id, rate]): CaseFigure => ({
    ...identity(id), repeats: 3, opsPerSec: rate, opsPerSecInterval: [rate * 0.99, rate * 1.01], windowOpsPerSec: rate, confidence: 0.75, unstable: null,
    costVsHs256: null, costVsNodeFloor: null, scalingEfficiency: null,
  }));
  return {
    schemaVersion: 1, kind: 'micro', env: testEnv(env),
    config: { preset: null, matrix: { algs: ['HS256'], rsaBits: [], ops: ['sign'], engines: ['node'], keyPreps: ['prepared'], payloads: ['small'], threads: [1] }, budget: { timeMs: 10, warmupMs: 0, minSamples: 1 }, repeat: 3 },
    cases: [{ ...identity(Object.keys(rates)[0]!), alg: 'HS256', op: 'sign', keyPrep: 'prepared', payload: 'small', repeat: 0, state: 'errored', stage: 'gate', error: 'fixture' }],
    figures,
  };
}

/** An instruction-count run as `micro --measure instructions` writes it (not this branch's schema). */
export function instructionRun(counts: Record<string, number[]>, env: Partial<EnvFingerprint> = {}): Record<string, unknown> {
  return {
    schemaVersion: 1, kind: 'micro', env: testEnv(env), config: { measure: 'instructions', preset: null },
    cases: Object.entries(counts).flatMap(([id, values]) => values.map((v, repeat) => ({ ...identity(id), repeat, state: 'counted', instructionsPerOp: v, estimatedCyclesPerOp: null }))),
  };
}

export function loadRun(rps: number[], env: Partial<EnvFingerprint> = {}): LoadDocument {
  return {
    schemaVersion: 2, kind: 'load', env: testEnv(env),
    config: { preset: null, scenarios: ['verify'], schemes: ['hs256'], engines: ['jose'], connections: [10], durationS: 1, tokenPoolSize: 10, repeat: rps.length },
    runs: rps.map((r, repeat) => ({
      scenario: 'verify', scheme: 'hs256', engine: 'jose', policy: null, connections: 10, repeat, state: 'completed',
      durationS: 1, requests: r, requestsPerSec: r, latencyMs: { p50: 1, p90: 1, p99: 2, p99_9: 3 }, non2xx: 0, errors: 0,
      authorizationHeaderBytes: null, serverVerifyUs: null, serverSignUs: null, serverCpuPerRequestUs: null, serverEventLoopUtilization: null,
      clientCpuUtilization: null, clientBound: false, relative: { requestsPerSecVsBaseline: null, requestsPerSecVsHs256: null, p99VsBaseline: null, p99VsHs256: null },
    })),
  };
}
