// The environment fingerprint recorded with every results file: enough to tell whether two
// runs can be compared, and to reproduce one. Its shape is core/results/env.ts.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { availableParallelism, cpus, platform, release, arch, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { EnvFingerprint } from './results/env.js';
import { currentRuntime } from './runtimes/info.js';

export const MEASURED_LIBRARIES = ['jose', 'fast-jwt', '@noble/post-quantum', 'tinybench', 'piscina'] as const;
const UV_DEFAULT_THREADPOOL_SIZE = 4;

/** The installed directory and package.json of a package, found by walking up from its entry point. */
export function packageInfo(name: string): { dir: string; version: string } | null {
  try {
    let dir = dirname(fileURLToPath(import.meta.resolve(name)));
    for (;;) {
      try {
        const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
        if (pkg.name === name && pkg.version) return { dir, version: pkg.version };
      } catch { /* keep walking */ }
      const parent = dirname(dir);
      if (parent === dir) return null;
      dir = parent;
    }
  } catch {
    return null;
  }
}

export function packageVersion(name: string): string | null {
  return packageInfo(name)?.version ?? null;
}

function git(args: string[]): string | null {
  try {
    const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
    return execFileSync('git', args, { cwd: projectRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

/**
 * The pool libuv really starts, read as libuv reads the variable: C's atoi (leading spaces, a
 * sign, digits; "5x" is 5, "abc" is 0) into an unsigned int, 0 made 1, anything above 1024
 * (a negative number too, wrapped) made 1024. Checked against /proc/self/status's thread count.
 */
export function uvThreadpoolSize(raw: string | undefined = process.env.UV_THREADPOOL_SIZE): { size: number; fromEnv: boolean } {
  if (raw === undefined) return { size: UV_DEFAULT_THREADPOOL_SIZE, fromEnv: false };
  const m = /^\s*([+-]?\d+)/.exec(raw);
  const n = m ? Number(m[1]) : 0;
  return { size: n === 0 ? 1 : n < 0 || n > 1024 ? 1024 : n, fromEnv: true };
}

export function captureEnv(startedAt: Date, endedAt: Date, libraries: readonly string[] = MEASURED_LIBRARIES): EnvFingerprint {
  const cpu = cpus()[0];
  const commit = git(['rev-parse', 'HEAD']);
  const status = commit === null ? null : git(['status', '--porcelain', '--untracked-files=no']);
  const uv = uvThreadpoolSize();
  return {
    cpuModel: cpu?.model.trim() ?? 'unknown',
    // the machine's cores; a run pinned to one CPU (taskset) still ran on this machine
    cores: cpus().length,
    usableCores: availableParallelism(),
    totalMemoryBytes: totalmem(),
    os: `${platform()} ${release()}`,
    arch: arch(),
    node: process.versions.node,
    runtime: currentRuntime(),
    openssl: process.versions.openssl ?? 'unknown',
    v8: process.versions.v8,
    execArgv: [...process.execArgv],
    libraries: Object.fromEntries(libraries.map((name) => [name, packageVersion(name)])),
    uvThreadpoolSize: uv.size,
    uvThreadpoolSizeFromEnv: uv.fromEnv,
    gitCommit: commit,
    gitDirty: status === null ? null : status.length > 0,
    startedAt: startedAt.toISOString(),
    endedAt: endedAt.toISOString(),
  };
}
