// Which runs belong to one series: the same machine and measurement conditions, by the rules
// compare refuses a pair on (bench/compare: CPU model, usable cores, architecture; libuv
// threadpool size, node flags; for micro, the CPU placement), plus the runtime's major version
// (a runtime apart is another series). Node's minor and patch releases, OpenSSL and library
// versions may change along a series: they are what a history is often watching.
import { createHash } from 'node:crypto';
import type { EnvFingerprint } from '../results/env.js';

/** The parts of a run that decide its series; `placement` is micro's CPU placement, null for load. */
export interface SeriesEnvironment {
  env: EnvFingerprint;
  placement: string | null;
}

const nodeMajor = (version: string) => version.split('.')[0] ?? version;

function canonical({ env, placement }: SeriesEnvironment): string {
  return JSON.stringify([env.cpuModel, env.usableCores ?? env.cores, env.arch ?? null, `node ${nodeMajor(env.node)}`,
    env.uvThreadpoolSize, env.execArgv?.join(' ') ?? null, placement]);
}

/** A short, stable key: env-<10 hex digits> of the parts above. */
export function envKey(e: SeriesEnvironment): string {
  return `env-${createHash('sha256').update(canonical(e)).digest('hex').slice(0, 10)}`;
}

/** "Intel Xeon … · 2 CPUs · x64 · node 20" for people (CPUs: those the run could use). */
export function describeEnv(env: EnvFingerprint): string {
  const flags = env.execArgv && env.execArgv.length > 0 ? ` · ${env.execArgv.join(' ')}` : '';
  const cpus = env.usableCores ?? env.cores;
  return `${env.cpuModel} · ${cpus} CPU${cpus === 1 ? '' : 's'} · ${env.arch ?? env.os} · node ${nodeMajor(env.node)}${flags}`;
}
