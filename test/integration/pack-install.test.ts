// The package as a user gets it: `npm pack`, installed into a fresh project from the tarball,
// then `npx jwtbench` there — micro with an engine of the project's own, report, and the
// public types checked by TypeScript. Slow-ish (an npm install): bounded by its timeout.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { MicroDocument } from '../../core/results/micro.js';
import { tempDir } from '../support/helpers.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');
const run = promisify(execFile);

async function sh(cmd: string, args: string[], cwd: string): Promise<{ stdout: string; stderr: string }> {
  try {
    return await run(cmd, args, { cwd, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, npm_config_update_notifier: 'false' } });
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

test('npm pack, install the tarball in a fresh project, run npx jwtbench micro and report there', { timeout: 300_000 }, async (t) => {
  const dir = await tempDir(t);
  const project = join(dir, 'project');
  // the build is current (npm test builds first): pack what is there, without building again
  await sh('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', dir], ROOT);
  const tarball = (await readdir(dir)).find((f) => f.endsWith('.tgz'));
  assert.ok(tarball, 'npm pack made a tarball');
  const listing = (await sh('tar', ['-tzf', join(dir, tarball)], dir)).stdout;
  assert.doesNotMatch(listing, /package\/dist\/test\//, 'no tests in the package');
  assert.match(listing, /package\/dist\/core\/results\/micro\.schema\.json/);
  assert.match(listing, /package\/dist\/reports\/blast-radius\/default-topology\.json/);
  assert.match(listing, /package\/LICENSE/);
  assert.doesNotMatch(listing, /package\/dist\/scripts\/(prove-|gen-schemas)|package\/dist\/core\/results\/schemas\./, 'no maintainer scripts, which need devDependencies');

  await sh('mkdir', ['-p', project], dir);
  await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'jwt-app', version: '1.0.0', private: true, type: 'module' }));
  await sh('npm', ['install', '--save-dev', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', join(dir, tarball)], project);

  // The project's own engine, in TypeScript against the package's public types, compiled.
  await writeFile(join(project, 'engine.ts'), ENGINE_TS);
  await sh(process.execPath, [TSC, '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--types', 'node', '--typeRoots', join(ROOT, 'node_modules/@types'), '--skipLibCheck', 'engine.ts'], project);

  await sh('npx', ['--no', 'jwtbench', 'micro', '--preset', 'smoke', '--engine-module', 'engine.js', '--out', 'results/smoke'], project);
  const doc = JSON.parse(await readFile(join(project, 'results/smoke/micro.json'), 'utf8')) as MicroDocument;
  assert.ok(doc.cases.length > 0 && doc.cases.every((c) => c.state === 'completed'));
  assert.ok(doc.cases.some((c) => c.engine === 'tiny-hmac'));
  await sh('npx', ['--no', 'jwtbench', 'report', 'results/smoke', '--out', 'results/report.html'], project);
  assert.match(await readFile(join(project, 'results/report.html'), 'utf8'), /<html/i);
});
