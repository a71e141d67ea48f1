// The runtimes cache: outside the project (never a dependency of it), one folder per runtime and
// version, each with the npm package that ships the binary and a runtime.json written last, so a
// folder without it is an install that did not finish.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { RUNTIME_NAMES, type RuntimeName } from './spec.js';

export interface InstalledRuntime {
  name: RuntimeName;
  version: string;
  package: string;
  binary: string;
  installedAt: string;
}

export function runtimesDir(): string {
  return process.env.JWTBENCH_RUNTIMES_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'jwtbench', 'runtimes');
}

export function runtimeFolder(name: RuntimeName, version: string): string {
  return join(runtimesDir(), name, version);
}

/** Every finished install, newest version first within a runtime. */
export function installedRuntimes(): InstalledRuntime[] {
  const out: InstalledRuntime[] = [];
  for (const name of RUNTIME_NAMES) {
    const dir = join(runtimesDir(), name);
    if (!existsSync(dir)) continue;
    for (const version of readdirSync(dir)) {
      const record = join(dir, version, 'runtime.json');
      if (!existsSync(record)) continue;
      try {
        const r = JSON.parse(readFileSync(record, 'utf8')) as InstalledRuntime;
        if (existsSync(r.binary)) out.push(r);
      } catch { /* a damaged record: not listed, reinstalled when asked for */ }
    }
  }
  return out.sort((a, b) => a.name.localeCompare(b.name) || compareVersions(b.version, a.version));
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Does an exact version satisfy a spec's version (24 matches 24.x.y, 24.22 matches 24.22.y)? */
export function versionMatches(exact: string, wanted: string | null): boolean {
  if (wanted === null) return true;
  const w = wanted.split('.');
  return exact.split('.').slice(0, w.length).join('.') === wanted;
}
