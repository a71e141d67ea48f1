// What micro.json records of an --engine-module: where it was, a hash of its bytes, and the
// versions of the packages it imports as installed beside it, so a later change in any of
// them shows up next to a change in the figures.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname } from 'node:path';
import { init, parse } from 'es-module-lexer';
import { installedPackage, packageNameOf } from '../../core/installed-package.js';

export interface EngineModuleRecord {
  /** the engine's name, as in the cases */
  name: string;
  /** absolute path of the module file */
  path: string;
  sha256: string;
  /** packages the module imports directly → version installed where it is (null when not found) */
  imports: Record<string, string | null>;
}

function importedPackages(source: string): string[] {
  try {
    const [imports] = parse(source);
    const names = imports.map((i) => i.specifier).filter((s): s is string => typeof s === 'string' && !isBuiltin(s));
    return [...new Set(names.map(packageNameOf).filter((n): n is string => n !== null))].sort();
  } catch {
    return []; // not lexable as ESM: Node would have refused to load it first
  }
}

export async function recordEngineModule(name: string, path: string): Promise<EngineModuleRecord> {
  await init;
  const bytes = readFileSync(path);
  const dir = dirname(path);
  const imports = Object.fromEntries(importedPackages(bytes.toString('utf8')).map((pkg) => [pkg, installedPackage(pkg, dir)?.version ?? null]));
  return { name, path, sha256: createHash('sha256').update(bytes).digest('hex'), imports };
}
