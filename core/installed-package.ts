// Where a package is installed as seen from a folder, found the way Node looks for it: the
// nearest node_modules/<name> walking up. Reads only its package.json, so a package whose
// `exports` hides package.json is still found.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export function installedPackage(name: string, fromDir: string): { dir: string; version: string | null } | null {
  let dir = resolve(fromDir);
  for (;;) {
    const pkgDir = join(dir, 'node_modules', name);
    try {
      const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version?: unknown };
      return { dir: pkgDir, version: typeof pkg.version === 'string' ? pkg.version : null };
    } catch { /* not here: keep walking */ }
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** The package a bare import specifier names: `jose/jwt/verify` → jose, `@scope/a/b` → @scope/a. */
export function packageNameOf(specifier: string): string | null {
  if (specifier.startsWith('.') || specifier.startsWith('/') || /^[a-z][a-z0-9+.-]*:/i.test(specifier)) return null;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? (parts.length >= 2 ? `${parts[0]}/${parts[1]}` : null) : parts[0] ?? null;
}
