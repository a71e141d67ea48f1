// serve/load --runtime: one Node for the reference servers; Bun, Deno, two runtimes and --target
// refused in one line (exit 2) before anything is installed or started; the plan follows what
// the servers' runtime can serve, not what this Node can.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expandLoadPlan, unservedPairs, type LoadPlan } from '../../bench/load/run-load.js';
import { SCHEMES } from '../../core/schemes.js';
import { JwtbenchError } from '../../core/errors.js';
import { serverRuntimeSpec } from '../../scripts/lib/server-runtime-flag.js';
import { servability, type ServerRuntime } from '../../servers/server-runtime.js';
import { runMain } from '../support/helpers.js';

test('serverRuntimeSpec: absent means this Node; one node spec or path passes; bun, deno, two runtimes and nonsense are refused', () => {
  assert.equal(serverRuntimeSpec(undefined), undefined);
  assert.equal(serverRuntimeSpec([]), undefined);
  assert.deepEqual(serverRuntimeSpec(['node@24']), { kind: 'registry', name: 'node', version: '24', text: 'node@24' });
  assert.deepEqual(serverRuntimeSpec(['/opt/node/bin/node']), { kind: 'path', path: '/opt/node/bin/node', text: '/opt/node/bin/node' });
  const refusals: [string[], RegExp][] = [
    [['bun'], /^--runtime bun: the reference servers \(Fastify\) run on Node only/],
    [['deno@2.9.6'], /^--runtime deno@2\.9\.6: the reference servers \(Fastify\) run on Node only/],
    [['node@24', 'node@26'], /^--runtime takes one runtime for the reference servers \(got 2: node@24, node@26\)/],
    [['node@latest'], /^--runtime "node@latest" is not node@/],
  ];
  for (const [given, message] of refusals) {
    assert.throws(() => serverRuntimeSpec(given), (e: unknown) => e instanceof JwtbenchError && e.code === 'JWTBENCH_BAD_FLAG' && message.test(e.message), given.join(' '));
  }
});

test('serve and load: a --runtime they cannot use is one line, exit 2, with no install and no process', async () => {
  const cases: [string[], RegExp][] = [
    [['serve', '--scheme', 'hs256', '--runtime', 'bun'], /^jwtbench serve: --runtime bun: the reference servers \(Fastify\) run on Node only; give node@<major or version> or the path to a node binary$/],
    [['load', '--runtime', 'deno', '--preset', 'smoke'], /^jwtbench load: --runtime deno: the reference servers \(Fastify\) run on Node only/],
    [['load', '--runtime', 'node@24', '--runtime', 'node@26'], /^jwtbench load: --runtime takes one runtime/],
    [['load', '--target', 'http://127.0.0.1:9/x', '--runtime', 'node@24'], /^jwtbench load: --runtime applies to the reference servers, not to --target/],
    [['serve', '--scheme', 'hs256', '--runtime', '/nonexistent/jwtbench/node'], /^jwtbench serve: --runtime \/nonexistent\/jwtbench\/node: no such file$/],
    [['load', '--runtime', 'node@x'], /^jwtbench load: --runtime "node@x" is not node@/],
  ];
  for (const [args, message] of cases) {
    const r = await runMain(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr.trim(), message);
  }
});

test('serve --help and load --help name --runtime', async () => {
  for (const command of ['serve', 'load']) {
    const r = await runMain([command, '--help']);
    assert.match(r.stdout, /--runtime <spec> +the Node the reference servers run on/);
  }
});

// What a Node 24 probe answers: node and jose serve ML-DSA there, fast-jwt never does.
const node24: ServerRuntime = {
  label: 'node@24.22.3',
  binary: '/cache/node/24.22.3/bin/node',
  runtime: { name: 'node', version: '24.22.3', cryptoBackend: 'OpenSSL 3.5.9', jsEngine: 'V8 13.6' },
  unserved: { mldsa44: { 'fast-jwt': 'fast-jwt implements no ML-DSA' }, hs256: { 'noble-pq': 'noble-pq serves only the ML-DSA schemes' } },
};

test('servability: the servers\' runtime answers, the baseline needs no engine', () => {
  const cannot = servability(node24);
  assert.equal(cannot(SCHEMES.mldsa44, 'node'), null);
  assert.equal(cannot(SCHEMES.mldsa44, 'fast-jwt'), 'fast-jwt implements no ML-DSA');
  assert.equal(cannot(SCHEMES.baseline, 'noble-pq'), null);
});

test('a load plan on node@24 runs mldsa44 on the node engine, whatever this Node has', () => {
  const plan: LoadPlan = { scenarios: ['verify'], schemes: ['baseline', 'rs256', 'mldsa44'], engines: ['node', 'fast-jwt'], connections: [10], durationS: 5, tokenPoolSize: 1000, repeat: 1, serverRuntime: node24 };
  assert.deepEqual(expandLoadPlan(plan).map((r) => `${r.scheme}/${r.engine}`), ['baseline/null', 'rs256/node', 'rs256/fast-jwt', 'mldsa44/node']);
  assert.deepEqual(unservedPairs(plan), [{ scheme: 'mldsa44', engine: 'fast-jwt', reason: 'fast-jwt implements no ML-DSA' }]);
});
