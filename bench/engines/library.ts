// --resolve-from: a built-in engine loads its library (jose, fast-jwt) from the user's project,
// so a team measures the version it deploys. The entry point is found by Node's own ESM
// resolution from that folder (import-meta-resolve), never from jwtbench's node_modules.
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolve as resolveSpecifier } from 'import-meta-resolve';
import { installedPackage } from '../../core/installed-package.js';
import { JwtbenchError, errorMessage } from '../../core/errors.js';

export interface LoadedLibrary {
  module: unknown;
  version: string | null;
}

export async function loadLibrary(name: string, fromDir: string): Promise<LoadedLibrary> {
  const dir = resolve(fromDir);
  const installed = installedPackage(name, dir);
  if (!installed) throw new JwtbenchError('JWTBENCH_BAD_FLAG', `--resolve-from ${fromDir}: package ${name} is not installed there (no node_modules/${name} in that folder or above it)`);
  let url: string;
  try {
    url = resolveSpecifier(name, pathToFileURL(join(dir, 'package.json')).href);
  } catch (error) {
    throw new JwtbenchError('JWTBENCH_BAD_FLAG', `--resolve-from ${fromDir}: package ${name} cannot be resolved there: ${errorMessage(error).split('\n')[0]}`);
  }
  try {
    return { module: await import(url), version: installed.version };
  } catch (error) {
    throw new JwtbenchError('JWTBENCH_BAD_FLAG', `--resolve-from ${fromDir}: package ${name} fails to load: ${errorMessage(error).split('\n')[0]}`);
  }
}
