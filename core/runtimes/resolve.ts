// From a --runtime spec to a binary that can run jwtbench's scripts: the running Node when it
// matches, else an install in the cache, else (when allowed) a fresh install from npm.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { promisify } from 'node:util';
import { errorMessage, JwtbenchError } from '../errors.js';
import { installedRuntimes, versionMatches } from './cache.js';
import { installRuntime, registryVersion } from './install.js';
import { RUNTIME_KINDS } from './packages.js';
import { RUNTIME_NAMES, type RuntimeName, type RuntimeSpec } from './spec.js';

const run = promisify(execFile);

export interface ResolvedRuntime {
  /** name@exact-version: how results and the report name it */
  label: string;
  name: RuntimeName;
  version: string;
  binary: string;
  /** arguments before a script */
  runArgs: readonly string[];
  /** where the binary came from */
  source: 'host' | 'cache' | 'installed' | 'path';
}

function resolved(name: RuntimeName, version: string, binary: string, source: ResolvedRuntime['source']): ResolvedRuntime {
  return { label: `${name}@${version}`, name, version, binary, runArgs: RUNTIME_KINDS[name].runArgs, source };
}

/** What a binary is, from its --version: node prints v24.1.0, bun 1.4.5, deno "deno 2.9.6 (...)". */
export async function identifyBinary(path: string): Promise<{ name: RuntimeName; version: string }> {
  if (!existsSync(path)) throw new JwtbenchError('JWTBENCH_BAD_FLAG', `--runtime ${path}: no such file`);
  let out: string;
  try {
    out = (await run(path, ['--version'], { timeout: 30_000 })).stdout.trim();
  } catch (error) {
    throw new JwtbenchError('JWTBENCH_BAD_FLAG', `--runtime ${path} did not start: ${errorMessage(error).split('\n')[0]}`);
  }
  const deno = /^deno (\d+\.\d+\.\d+)/.exec(out);
  if (deno) return { name: 'deno', version: deno[1]! };
  const node = /^v(\d+\.\d+\.\d+)$/.exec(out);
  if (node) return { name: 'node', version: node[1]! };
  const bare = /^(\d+\.\d+\.\d+)/.exec(out);
  const base = basename(path).replace(/-.*$/, '');
  if (bare && (base === 'bun' || !(RUNTIME_NAMES as readonly string[]).includes(base))) return { name: 'bun', version: bare[1]! };
  throw new JwtbenchError('JWTBENCH_BAD_FLAG', `--runtime ${path}: not a node, bun or deno binary (its --version printed ${JSON.stringify(out.slice(0, 80))})`);
}

export interface ResolveOptions {
  /** install from npm when the cache has no match (micro and load do, saying so) */
  install: boolean;
  log?: (line: string) => void;
}

export async function resolveRuntime(spec: RuntimeSpec, opts: ResolveOptions): Promise<ResolvedRuntime> {
  if (spec.kind === 'path') {
    const { name, version } = await identifyBinary(spec.path);
    return resolved(name, version, spec.path, 'path');
  }
  const { name, version } = spec;
  if (name === 'node' && !('Bun' in globalThis) && !('Deno' in globalThis) && versionMatches(process.versions.node, version)) {
    return resolved('node', process.versions.node, process.execPath, 'host');
  }
  const cached = installedRuntimes().find((r) => r.name === name && versionMatches(r.version, version));
  if (cached) return resolved(name, cached.version, cached.binary, 'cache');
  if (!opts.install) throw new JwtbenchError('JWTBENCH_MISSING_TOOL', `${spec.text} is not installed: jwtbench runtimes install ${spec.text}`);
  const exact = await registryVersion(name, version);
  opts.log?.(`installing ${name} ${exact} from the npm registry into the runtimes cache (once)`);
  const installed = await installRuntime(name, exact);
  return resolved(name, installed.version, installed.binary, 'installed');
}
