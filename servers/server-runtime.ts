// The Node the reference servers run on when it is not the one running jwtbench (load/serve
// --runtime node@24): its binary, what it is, and what its servers can serve, asked of it once
// (servers/runtime-probe.ts) before anything is planned. The load generator stays on the host.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { ServerEngineName } from '../core/engines.js';
import { errorMessage, JwtbenchError } from '../core/errors.js';
import type { RuntimeInfo } from '../core/runtimes/info.js';
import type { SchemeName, SchemeSpec } from '../core/schemes.js';
import { cannotServe } from './engines/index.js';

const PROBE = new URL('./runtime-probe.js', import.meta.url);
const PROBE_TIMEOUT_MS = 60_000;

export interface RuntimeProbe {
  runtime: RuntimeInfo;
  /** why an engine cannot serve a scheme there; pairs absent are served */
  unserved: Partial<Record<SchemeName, Partial<Record<ServerEngineName, string>>>>;
}

export interface ServerRuntime extends RuntimeProbe {
  /** name@version, as --runtime resolved it */
  label: string;
  /** the node binary the server processes are forked with (fork's execPath) */
  binary: string;
}

/** Why an engine cannot serve a scheme, on the servers' runtime. */
export type Servability = (scheme: SchemeSpec, engine: ServerEngineName) => string | null;

/** The servers' runtime's answer, or this process's own when the servers run here. */
export function servability(runtime: ServerRuntime | undefined): Servability {
  if (runtime === undefined) return cannotServe;
  return (scheme, engine) => (scheme.alg === null ? null : runtime.unserved[scheme.name]?.[engine] ?? null);
}

export async function probeServerRuntime(label: string, binary: string): Promise<ServerRuntime> {
  let stdout: string;
  try {
    ({ stdout } = await promisify(execFile)(binary, [PROBE.pathname], { timeout: PROBE_TIMEOUT_MS }));
  } catch (error) {
    throw new JwtbenchError('JWTBENCH_RUN_FAILED', `--runtime ${label}: the reference servers' modules did not load there: ${errorMessage(error).split('\n').slice(0, 3).join(' | ')}`);
  }
  const probe = JSON.parse(stdout.trim().split('\n').at(-1)!) as RuntimeProbe;
  return { label, binary, ...probe };
}
