// Builds the callgrind bracketing addon (addon-source.ts) once per Node and Valgrind, into a
// cache outside the project, with the machine's C compiler. Nothing prebuilt is shipped or fetched.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { JwtbenchError, errorMessage } from '../../core/errors.js';
import { ADDON_SOURCE } from './addon-source.js';
import type { ValgrindTool } from './valgrind.js';

export function cacheDir(): string {
  const base = process.env.XDG_CACHE_HOME ?? (process.env.HOME ? join(process.env.HOME, '.cache') : join(homedir(), '.cache'));
  return join(base, 'jwtbench', 'callgrind-addon');
}

function compiler(): string {
  const candidates = [process.env.CC, 'cc', 'gcc', 'clang'].filter((c): c is string => !!c);
  for (const c of candidates) {
    if (c.includes('/') ? existsSync(c) : (process.env.PATH ?? '').split(delimiter).some((d) => d && existsSync(join(d, c)))) return c;
  }
  throw new JwtbenchError('JWTBENCH_MISSING_TOOL', '--measure instructions builds a small addon with a C compiler, and none was found: apt-get install gcc (or set CC)');
}

/** Where node_api.h is: JWTBENCH_NODE_HEADERS, or the running Node's own include/node. */
function nodeHeaders(): string {
  const dir = process.env.JWTBENCH_NODE_HEADERS ?? join(dirname(dirname(process.execPath)), 'include', 'node');
  if (!existsSync(join(dir, 'node_api.h'))) {
    throw new JwtbenchError('JWTBENCH_MISSING_TOOL', `--measure instructions needs Node's C headers (node_api.h), not found in ${dir}: install Node with its headers (the official tarball or Debian's nodejs has them) or set JWTBENCH_NODE_HEADERS`);
  }
  return dir;
}

/** Where valgrind/callgrind.h is, beside the valgrind binary's prefix. */
function valgrindHeaders(tool: ValgrindTool): string {
  const dir = join(dirname(dirname(tool.path)), 'include');
  for (const d of [dir, '/usr/include', '/usr/local/include']) if (existsSync(join(d, 'valgrind', 'callgrind.h'))) return d;
  throw new JwtbenchError('JWTBENCH_MISSING_TOOL', `--measure instructions needs Valgrind's header callgrind.h, not found under ${dir}: install Valgrind's development files (Debian's valgrind package ships them)`);
}

/** The built addon's path: compiled on first use, then reused while the source, Node and Valgrind stay the same. */
export function buildAddon(tool: ValgrindTool): string {
  const include = [nodeHeaders(), valgrindHeaders(tool)];
  const key = createHash('sha256').update(ADDON_SOURCE).update(process.version).update(tool.version).update(include.join('|')).digest('hex').slice(0, 16);
  const dir = cacheDir();
  const target = join(dir, `callgrind-${key}.node`);
  if (existsSync(target)) return target;
  mkdirSync(dir, { recursive: true });
  const source = join(dir, `callgrind-${key}.${process.pid}.c`);
  const partial = `${target}.${process.pid}.tmp`;
  writeFileSync(source, ADDON_SOURCE);
  try {
    execFileSync(compiler(), ['-O2', '-shared', '-fPIC', ...include.map((i) => `-I${i}`), '-o', partial, source], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 60_000 });
  } catch (error) {
    if (error instanceof JwtbenchError) throw error;
    const stderr = (error as { stderr?: Buffer }).stderr?.toString('utf8').trim().split('\n')[0];
    throw new JwtbenchError('JWTBENCH_MISSING_TOOL', `--measure instructions could not build its callgrind addon: ${stderr || errorMessage(error)}`);
  } finally {
    rmSync(source, { force: true });
  }
  renameSync(partial, target); // atomic: a concurrent run sees the whole file or none
  return target;
}
