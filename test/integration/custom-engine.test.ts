// micro --engine-module and --resolve-from: a user's engine is gated, timed and recorded like
// the built-in ones; libraries come from the user's project; bad modules fail in one line.
import assert from 'node:assert/strict';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { MicroDocument } from '../../core/results/micro.js';
import { runCli, tempDir } from '../support/helpers.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const EXAMPLE = join(ROOT, 'docs/examples/jsonwebtoken-engine.mjs');
const TINY = ['--preset', 'smoke', '--engines', 'node', '--time', '5', '--warmup', '1', '--min-samples', '3'];

async function micro(out: string): Promise<MicroDocument> {
  return JSON.parse(await readFile(join(out, 'micro.json'), 'utf8')) as MicroDocument;
}

test('the documented jsonwebtoken engine runs its algorithms and is recorded with hash and versions', async (t) => {
  const out = await tempDir(t);
  const r = await runCli(['micro', ...TINY, '--algs', 'HS256,ES256,EdDSA', '--engine-module', EXAMPLE, '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  const doc = await micro(out);
  const mine = doc.cases.filter((c) => c.engine === 'jsonwebtoken');
  // it lists HS256 and ES256, not EdDSA: 2 algorithms x 2 ops
  assert.deepEqual(mine.map((c) => `${c.alg}/${c.op}/${c.state}`).sort(), ['ES256/sign/completed', 'ES256/verify/completed', 'HS256/sign/completed', 'HS256/verify/completed']);
  assert.deepEqual(doc.config.matrix.engines, ['node', 'jsonwebtoken']);
  const [record] = doc.config.engineModules ?? [];
  assert.equal(record?.path, EXAMPLE);
  assert.match(record?.sha256 ?? '', /^[0-9a-f]{64}$/);
  const installed = JSON.parse(await readFile(join(ROOT, 'node_modules/jsonwebtoken/package.json'), 'utf8')) as { version: string };
  assert.deepEqual(record?.imports, { jsonwebtoken: installed.version });
  // the docs show this very file
  assert.ok((await readFile(join(ROOT, 'docs/use-in-your-project.md'), 'utf8')).includes(await readFile(EXAMPLE, 'utf8')));
});

test('an engine module that is missing, exports no engine or throws on load: one line naming it, exit 2', async (t) => {
  const dir = await tempDir(t);
  const modules = {
    'none.mjs': 'export const x = 1;\n',
    'nameless.mjs': 'export default { algorithms: ["HS256"], prepare() {} };\n',
    'throws.mjs': 'throw new Error("cannot start");\n',
    'taken.mjs': 'export default { name: "jose", algorithms: ["HS256"], prepare() {} };\n',
  };
  for (const [name, text] of Object.entries(modules)) await writeFile(join(dir, name), text);
  const expected: Record<string, RegExp> = {
    'missing.mjs': /no such file/, 'none.mjs': /default export is not an engine/, 'nameless.mjs': /needs a name/,
    'throws.mjs': /throws on load: cannot start/, 'taken.mjs': /name jose is already taken/,
  };
  for (const [name, problem] of Object.entries(expected)) {
    const r = await runCli(['micro', ...TINY, '--engine-module', join(dir, name), '--out', join(dir, 'out')]);
    assert.equal(r.code, 2, name);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.ok(r.stderr.includes(join(dir, name)), r.stderr);
    assert.match(r.stderr, problem);
  }
});

test('an engine that claims an algorithm it then fails, or accepts a forged token, is an errored case naming its module', async (t) => {
  const dir = await tempDir(t);
  // Signs HS256 correctly; claims ES256 but signs with HMAC; "verifies" without checking.
  const liar = join(dir, 'liar.mjs');
  await writeFile(liar, `import { createHmac } from 'node:crypto';
const b64 = (s) => Buffer.from(s).toString('base64url');
export default {
  name: 'liar', algorithms: ['HS256', 'ES256'],
  prepare({ keys, payload, alg }) {
    const key = keys.kind === 'secret' ? keys.secret : keys.privatePem;
    const head = b64(JSON.stringify({ alg: alg.name, typ: 'JWT' }));
    const mac = (d) => createHmac('sha256', key).update(d).digest('base64url');
    return {
      sign() { const i = head + '.' + b64(JSON.stringify(payload)); return i + '.' + mac(i); },
      verify(t) { const [h, p, s] = t.split('.'); if (alg.name === 'HS256' && mac(h + '.' + p) !== s) throw new Error('bad'); return JSON.parse(Buffer.from(p, 'base64url')); },
    };
  },
};
`);
  const out = join(dir, 'out');
  const r = await runCli(['micro', ...TINY, '--engine-module', liar, '--out', out]);
  assert.equal(r.code, 1, r.stderr);
  const cases = (await micro(out)).cases.filter((c) => c.engine === 'liar');
  assert.ok(cases.filter((c) => c.alg === 'HS256').every((c) => c.state === 'completed'));
  const es = cases.filter((c) => c.alg === 'ES256');
  assert.equal(es.length, 2);
  for (const c of es) {
    assert.equal(c.state, 'errored');
    if (c.state === 'errored') {
      assert.equal(c.stage, 'gate');
      assert.ok(c.error.startsWith(`${liar}: liar ES256:`), c.error);
    }
  }
});

test('--resolve-from loads jose from the given project and records the version it loaded', async (t) => {
  const project = await tempDir(t);
  // A project whose jose is a copy of ours, marked with a version of its own.
  const jose = join(project, 'node_modules/jose');
  await mkdir(join(project, 'node_modules'), { recursive: true });
  await cp(join(ROOT, 'node_modules/jose'), jose, { recursive: true });
  const pkg = JSON.parse(await readFile(join(jose, 'package.json'), 'utf8')) as { version: string };
  await writeFile(join(jose, 'package.json'), JSON.stringify({ ...pkg, version: `${pkg.version}-fixture` }));
  await writeFile(join(project, 'package.json'), '{"name":"fixture","private":true}');
  const out = join(project, 'out');
  const r = await runCli(['micro', ...TINY, '--engines', 'jose', '--algs', 'HS256', '--resolve-from', project, '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  const doc = await micro(out);
  assert.equal(doc.env.libraries.jose, `${pkg.version}-fixture`);
  assert.equal(doc.config.resolveFrom, project);
  assert.ok(doc.cases.every((c) => c.state === 'completed'));
  // fast-jwt was not selected, so it need not be in that project; selected, it must.
  const missing = await runCli(['micro', ...TINY, '--engines', 'fast-jwt', '--resolve-from', project, '--out', out]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, new RegExp(`^jwtbench micro: --resolve-from ${project}: package fast-jwt is not installed there`));
});

test('engine modules reach the child processes of micro --processes', async (t) => {
  const out = await tempDir(t);
  const r = await runCli(['micro', ...TINY, '--algs', 'HS256', '--ops', 'verify', '--processes', '2', '--engine-module', EXAMPLE, '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  // The parent writes the children's progress (they send it over IPC), plain lines in a pipe.
  assert.match(r.stderr, /^\[1\/2\] process 1 of 2 · \d+s elapsed/m);
  const doc = await micro(out);
  assert.deepEqual(doc.cases.filter((c) => c.engine === 'jsonwebtoken').map((c) => c.process).sort(), [1, 2]);
  assert.equal(doc.config.engineModules?.[0]?.name, 'jsonwebtoken');
});

test('an engine whose verify is async is timed as async; one that says async: false and returns a promise, or signs no string, is refused at the gate', async (t) => {
  const dir = await tempDir(t);
  const engine = (name: string, extra: string, verifyAsync: boolean, signBody = "const i = head + '.' + b64(JSON.stringify(payload)); return i + '.' + mac(i);") => `import { createHmac } from 'node:crypto';
const b64 = (s) => Buffer.from(s).toString('base64url');
export default { name: '${name}', algorithms: ['HS256'], prepare({ keys, payload }) {
  const head = b64(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const mac = (d) => createHmac('sha256', keys.secret).update(d).digest('base64url');
  return { ${extra} sign() { ${signBody} },
    ${verifyAsync ? 'async ' : ''}verify(t) { ${verifyAsync ? 'await new Promise((r) => setTimeout(r, 2));' : ''} const [h, p, s] = t.split('.'); if (mac(h + '.' + p) !== s) throw new Error('bad'); return JSON.parse(Buffer.from(p, 'base64url')); } };
} };
`;
  const files = { slow: engine('slow', '', true), liar: engine('liar', 'async: false,', true), object: engine('object', '', false, "return { token: 'x' };") };
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, `${name}.mjs`), text);

  const out = join(dir, 'slow-out');
  assert.equal((await runCli(['micro', ...TINY, '--ops', 'verify', '--engine-module', join(dir, 'slow.mjs'), '--out', out])).code, 0);
  const slow = (await micro(out)).cases.find((c) => c.engine === 'slow');
  // 2 ms a call: never the millions a sync run of the promise's creation would count
  assert.ok(slow?.state === 'completed' && slow.opsPerSec < 1000, `${slow?.state === 'completed' ? slow.opsPerSec : slow?.state}`);

  for (const [name, reason] of [['liar', /async is false, but verify\(\) returned a Promise/], ['object', /sign\(\) returned object, not a compact JWS string/]] as const) {
    const r = await runCli(['micro', ...TINY, '--ops', 'verify', '--engine-module', join(dir, `${name}.mjs`), '--out', join(dir, `${name}-out`)]);
    assert.equal(r.code, 1, r.stderr);
    const c = (await micro(join(dir, `${name}-out`))).cases.find((x) => x.engine === name);
    assert.ok(c?.state === 'errored' && reason.test(c.error), c?.state === 'errored' ? c.error : c?.state);
  }
});
