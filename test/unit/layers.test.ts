// The import rule, checked on the sources: core imports nothing of the project; servers only
// core; bench core and servers (the load harness starts the reference servers); reports only
// core; scripts (the CLI) and test anything. A new import against that direction fails here.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  core: ['core'],
  servers: ['core', 'servers'],
  bench: ['core', 'bench', 'servers'],
  reports: ['core', 'reports'],
  scripts: ['core', 'bench', 'servers', 'reports', 'scripts'],
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

const IMPORT = /(?:from\s+|import\s*\(\s*|import\s+)['"](\.{1,2}\/[^'"]+)['"]/g;

/** Every import of one layer's files that points into a layer it may not use. */
export function violations(root: string): string[] {
  const found: string[] = [];
  for (const [layer, allowed] of Object.entries(ALLOWED)) {
    for (const file of sources(join(root, layer))) {
      for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
        const target = relative(root, resolve(dirname(file), match[1]!));
        const targetLayer = target.split('/')[0]!;
        if (!allowed.includes(targetLayer)) found.push(`${relative(root, file)} imports ${target}`);
      }
    }
  }
  return found;
}

test('no folder imports against the layer rule (core <- servers <- bench; core <- reports; all <- scripts)', () => {
  assert.deepEqual(violations(ROOT), []);
});
