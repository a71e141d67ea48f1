// The package as a user gets it: `npm pack` in a copy of the checkout (its prepack deletes dist/
// and builds again, and the bin must stay executable: `npx jwtbench` there still works), the
// tarball installed into a fresh project, then `npx jwtbench` there — micro with an engine of the
// project's own, report, and the public types checked by TypeScript. Slow-ish (a full build and
// an npm install): bounded by its timeout.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { MicroDocument } from '../../core/results/micro.js';
import { tempDir } from '../support/helpers.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');
const run = promisify(execFile);

async function sh(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<{ stdout: string; stderr: string }> {
  try {
    return await run(cmd, args, { cwd, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, npm_config_update_notifier: 'false', ...env } });
  } catch (error) {
    const e = error as { code?: number; stderr?: string; stdout?: string };
    assert.fail(`${cmd} ${args.join(' ')} exited ${e.code}: ${e.stderr ?? ''}${e.stdout ?? ''}`);
  }
}

const ENGINE_TS = `import { defineEngine, type JwtbenchEngine, type MicroDocument } from 'jwtbench';
import { createHmac } from 'node:crypto';
const b64 = (s: string) => Buffer.from(s).toString('base64url');
export const engine: JwtbenchEngine = defineEngine({
  name: 'tiny-hmac',
  algorithms: ['HS256'],
  prepare({ keys, payload }) {
    if (keys.kind !== 'secret') throw new Error('HS256 only');
    const mac = (data: string) => createHmac('sha256', keys.secret).update(data).digest('base64url');
    const head = b64(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    return {
      async: false,
      sign: () => { const input = head + '.' + b64(JSON.stringify(payload)); return input + '.' + mac(input); },
      verify: (token: string) => {
        const [h, p, s] = token.split('.');
        if (h === undefined || p === undefined || mac(h + '.' + p) !== s) throw new Error('bad signature');
        return JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as unknown;
      },
    };
  },
});
export default engine;
export const sample: Pick<MicroDocument, 'kind'> = { kind: 'micro' };
`;

/** What a clone holds that the build and the package need: the folders tsconfig.json compiles, and the files package.json ships. */
async function sourceEntries(): Promise<string[]> {
  const tsconfig = JSON.parse(await readFile(join(ROOT, 'tsconfig.json'), 'utf8')) as { include: string[] };
  const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { files: string[] };
  const compiled = tsconfig.include.map((glob) => glob.split('/')[0] ?? glob);
  const shipped = pkg.files.filter((f) => !f.startsWith('!') && !f.startsWith('dist'));
  return [...new Set(['package.json', 'package-lock.json', 'tsconfig.json', 'LICENSE', 'README.md', ...compiled, ...shipped])];
}

const isExecutable = async (file: string) => ((await stat(file)).mode & 0o111) === 0o111;

test('npm pack in a checkout keeps its bin executable; install the tarball in a fresh project, run npx jwtbench micro and report there', { timeout: 420_000 }, async (t) => {
  const dir = await tempDir(t);
  const project = join(dir, 'project');
  // A checkout of its own (npm pack deletes dist/, which this test runs from), with the current
  // build and this checkout's node_modules, and an npx cache of its own.
  const checkout = join(dir, 'checkout');
  for (const entry of [...(await sourceEntries()), 'dist']) await cp(join(ROOT, entry), join(checkout, entry), { recursive: true });
  await symlink(join(ROOT, 'node_modules'), join(checkout, 'node_modules'));
  const npxCache = { npm_config_cache: join(dir, 'npm-cache') };
  const bin = join(checkout, 'dist/scripts/cli.js');
  // npx links the checkout's bin into its cache once; a later rebuild must not take the bit away.
  // (`--no --`: without the `--`, npx reads `--no jwtbench` as a flag and its value.)
  await sh('npx', ['--no', '--', 'jwtbench', '--help'], checkout, npxCache);
  await sh('npm', ['pack', '--silent', '--pack-destination', dir], checkout);
  assert.ok(await isExecutable(bin), 'dist/scripts/cli.js is executable after npm pack rebuilt dist/');
  assert.match((await sh('npx', ['--no', '--', 'jwtbench', '--help'], checkout, npxCache)).stdout, /^Usage: jwtbench/);

  const tarball = (await readdir(dir)).find((f) => f.endsWith('.tgz'));
  assert.ok(tarball, 'npm pack made a tarball');
  const listing = (await sh('tar', ['-tzvf', join(dir, tarball)], dir)).stdout;
  assert.match(listing, /^-rwxr-xr-x .* package\/dist\/scripts\/cli\.js$/m, 'the bin is executable in the tarball');
  assert.doesNotMatch(listing, /package\/dist\/test\//, 'no tests in the package');
  assert.match(listing, /package\/dist\/core\/results\/micro\.schema\.json/);
  assert.match(listing, /package\/dist\/reports\/blast-radius\/default-topology\.json/);
  assert.match(listing, /package\/LICENSE/);
  assert.doesNotMatch(listing, /package\/dist\/scripts\/(prove-|gen-schemas)|package\/dist\/core\/results\/schemas\./, 'no maintainer scripts, which need devDependencies');

  await sh('mkdir', ['-p', project], dir);
  await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'jwt-app', version: '1.0.0', private: true, type: 'module' }));
  await sh('npm', ['install', '--save-dev', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', join(dir, tarball)], project);
  assert.ok(await isExecutable(join(project, 'node_modules/jwtbench/dist/scripts/cli.js')));

  // The project's own engine, in TypeScript against the package's public types, compiled.
  await writeFile(join(project, 'engine.ts'), ENGINE_TS);
  await sh(process.execPath, [TSC, '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--types', 'node', '--typeRoots', join(ROOT, 'node_modules/@types'), '--skipLibCheck', 'engine.ts'], project);

  await sh('npx', ['--no', '--', 'jwtbench', 'micro', '--preset', 'smoke', '--engine-module', 'engine.js', '--out', 'results/smoke'], project);
  const doc = JSON.parse(await readFile(join(project, 'results/smoke/micro.json'), 'utf8')) as MicroDocument;
  assert.ok(doc.cases.length > 0 && doc.cases.every((c) => c.state === 'completed'));
  assert.ok(doc.cases.some((c) => c.engine === 'tiny-hmac'));
  await sh('npx', ['--no', '--', 'jwtbench', 'report', 'results/smoke', '--out', 'results/report.html'], project);
  assert.match(await readFile(join(project, 'results/report.html'), 'utf8'), /<html/i);
});
