// The environment fingerprint recorded with every results file: enough to tell whether two
// runs can be compared, and to reproduce one. Its shape is core/results/env.ts.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { availableParallelism, cpus, platform, release, arch, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { EnvFingerprint } from './results/env.js';

export const MEASURED_LIBRARIES = ['jose', 'fast-jwt', 'tinybench', 'piscina'] as const;
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

export function uvThreadpoolSize(): { size: number; fromEnv: boolean } {
  const raw = process.env.UV_THREADPOOL_SIZE;
  const n = raw === undefined ? NaN : Number.parseInt(raw, 10);
  // libuv clamps the value to 1..1024 and ignores what it cannot parse
  if (Number.isFinite(n) && n > 0) return { size: Math.min(n, 1024), fromEnv: true };
  return { size: UV_DEFAULT_THREADPOOL_SIZE, fromEnv: false };
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
