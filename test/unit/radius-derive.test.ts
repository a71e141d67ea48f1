// Topologies derived from the shipped compose example and Kubernetes manifests: every holder
// found where it is (file:line), the deployment as found with hand-checked figures, and what the
// derivation says it could not decide.
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { fromCompose } from '../../reports/blast-radius/derive/compose.js';
import { fromK8s } from '../../reports/blast-radius/derive/k8s.js';
import { schemeRadius } from '../../reports/blast-radius/model.js';
import { validateTopology } from '../../reports/blast-radius/topology.js';
import { readResults } from '../../core/results/results-file.js';
import { runMain, tempDir } from '../support/helpers.js';

const COMPOSE = 'docs/examples/compose/docker-compose.yml';
const K8S = 'docs/examples/k8s';

/** Per what-if scheme: forgeable pairs, and replayable pairs with one audience and with one per service. */
const whatIfs = (topology: Parameters<typeof schemeRadius>[0]) => Object.fromEntries((['hs256-shared', 'hs256-per-service', 'jwks'] as const).map((scheme) => {
  const r = schemeRadius(topology, scheme);
  return [scheme, [r.figures.forgeablePairs, ...r.replay.map((x) => x.replayablePairs)]];
}));

const holdsOf = (topology: { services: { name: string; holds?: string[] }[] }) =>
  Object.fromEntries(topology.services.filter((s) => (s.holds ?? []).length > 0).map((s) => [s.name, [...s.holds!].sort()]));

test('compose example: every holder, by plain env, env_file and secrets:, with file:line', async () => {
  const d = await fromCompose(COMPOSE, [], process.cwd());
  // 10 services; the secret reaches auth and orders by env_file, notifications by plain env,
  // payments by secrets: (and the env naming its file), reporting by env_file under another name.
  assert.equal(d.topology.services.length, 10);
  assert.deepEqual(holdsOf(d.topology), {
    auth: ['private-key', 'secret'], gateway: ['jwks'], orders: ['secret'], payments: ['secret'], inventory: ['jwks'], notifications: ['secret'], reporting: ['secret'],
  });
  const where = (service: string, material: string) => d.findings.filter((f) => f.service === service && f.material === material).map((f) => `${f.how} ${f.file}:${f.line}`).sort();
  assert.deepEqual(where('orders', 'secret'), ['JWT_SECRET (env_file) docs/examples/compose/env/orders.env:2']);
  assert.deepEqual(where('payments', 'secret'), [`JWT_SECRET_FILE (environment) ${COMPOSE}:50`, `secret jwt_secret (secrets:) ${COMPOSE}:47`]);
  assert.deepEqual(where('notifications', 'secret'), [`JWT_SECRET (environment) ${COMPOSE}:63`]);
  assert.deepEqual(where('reporting', 'secret'), ['TOKEN_SIGNING_KEY (env_file) docs/examples/compose/env/reporting.env:1']);
  assert.deepEqual(where('auth', 'private-key'), [`JWT_PRIVATE_KEY_FILE (environment) ${COMPOSE}:15`, `secret jwt_private_key (secrets:) ${COMPOSE}:13`]);
  assert.equal(d.topology.services.find((s) => s.issues)?.name, 'auth');
  // Calls to services that check no token (db, cache, auth) are left out; a JWKS URL is no call.
  assert.deepEqual(d.topology.edges.map((e) => `${e.from}>${e.to}`), [
    'gateway>orders', 'gateway>payments', 'gateway>inventory', 'orders>payments', 'orders>inventory', 'reporting>orders', 'storefront>gateway',
  ]);
  assert.ok(d.undecided.some((u) => /left out/.test(u)));
  validateTopology(d.topology, 'derived');

  // As found: auth mints for all six verifiers (key for gateway and inventory, secret for the
  // rest); each of the four other secret holders for the three others: 6 + 4 x 3 = 18.
  const found = schemeRadius(d.topology, 'as-deployed');
  assert.deepEqual(found.figures, { mintingHolders: 5, mintingHoldersExternal: 0, forgeablePairs: 18, rotationTouches: 5, secretDistributionPoints: 4 });
  // Replay, one audience: gateway (key-signed) and notifications, reporting (secret-signed) are
  // entries; orders, payments, inventory receive both kinds. gateway 1 + orders 5 + payments 5 +
  // inventory 5 + notifications 3 + reporting 3 = 22.
  assert.equal(found.replay.find((r) => r.policy === 'shared-audience')!.replayablePairs, 22);
  assert.equal(found.worstForgeWindowMinutes, 1450);
  // The what-ifs: auth and six verifiers. Forge: 6 + 6 x 5 = 36 shared, 6 otherwise. Replay with
  // one audience: all six verifiers receive a token, 6 x 5 = 30; with a secret per verifier the
  // entries' tokens verify only at their entry: orders, payments and inventory hold gateway's and
  // reporting's, 3 x 2 = 6.
  assert.deepEqual(whatIfs(d.topology), { 'hs256-shared': [36, 30, 0], 'hs256-per-service': [6, 6, 0], jwks: [6, 30, 0] });
});

test('k8s example: secretKeyRef, envFrom Secret and ConfigMap, a mounted Secret, and Services named otherwise', async () => {
  const d = await fromK8s(K8S, [], process.cwd());
  assert.deepEqual(d.topology.services.map((s) => s.name), ['auth', 'gateway', 'ledger-export', 'cache', 'orders', 'billing', 'search']);
  assert.deepEqual(holdsOf(d.topology), {
    auth: ['private-key', 'secret'], gateway: ['jwks'], 'ledger-export': ['secret'], orders: ['secret'], billing: ['secret'], search: ['jwks'],
  });
  const lines = d.findings.filter((f) => f.material !== 'edge').map((f) => `${f.service} ${f.file}:${f.line}`);
  assert.ok(lines.includes('auth docs/examples/k8s/auth.yaml:30'), 'the mounted Secret volume');
  assert.ok(lines.includes('orders docs/examples/k8s/orders.yaml:19'), 'envFrom secretRef');
  assert.ok(lines.includes('billing docs/examples/k8s/orders.yaml:50'), 'secretKeyRef');
  // orders-svc is the Service of orders; billing.shop.svc.cluster.local is billing's.
  assert.deepEqual(d.topology.edges.map((e) => `${e.from}>${e.to}`), ['gateway>orders', 'gateway>search', 'ledger-export>orders', 'orders>billing']);
  const found = schemeRadius(d.topology, 'as-deployed');
  // auth: 5 (gateway, search by key; ledger-export, orders, billing by secret); the three other secret holders 2 each.
  assert.deepEqual(found.figures, { mintingHolders: 4, mintingHoldersExternal: 0, forgeablePairs: 11, rotationTouches: 4, secretDistributionPoints: 3 });
  // gateway 1 + ledger-export 2 + orders 4 + billing 4 + search 1
  assert.equal(found.replay.find((r) => r.policy === 'shared-audience')!.replayablePairs, 12);
  // What-ifs, five verifiers: forge 5 + 5 x 4 = 25 shared; replay 5 x 4 = 20; a secret per
  // verifier: orders and billing hold gateway's and ledger-export's tokens (2 each), search gateway's (1).
  assert.deepEqual(whatIfs(d.topology), { 'hs256-shared': [25, 20, 0], 'hs256-per-service': [5, 5, 0], jwks: [5, 20, 0] });
});

test('--secret-name looks for that name only; a mounted volume is named as undecided', async (t) => {
  const dir = await tempDir(t);
  const file = join(dir, 'compose.yml');
  await writeFile(file, [
    'services:',
    '  idp:',
    '    environment: { SIGNER: x }',
    '  api:',
    '    environment: [SIGNER=x, JWT_SECRET=y]',
    '  legacy:',
    '    volumes: ["./keys:/etc/keys:ro"]',
    '',
  ].join('\n'));
  const d = await fromCompose(file, ['signer'], dir);
  assert.deepEqual(holdsOf(d.topology), { idp: ['secret'], api: ['secret'] }, 'JWT_SECRET is not looked for when a name is given');
  assert.equal(d.topology.services.find((s) => s.issues)?.name, 'idp', 'the holder whose name says it issues');
  assert.ok(d.undecided.some((u) => /^legacy: mounts \.\/keys \(compose\.yml:7\).*not counted$/.test(u)), d.undecided.join('\n'));

  const out = join(dir, 'out');
  const r = await runMain(['radius', '--from-compose', file, '--secret-name', 'SIGNER', '--out', out], dir);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^api +secret +SIGNER \(environment\) +compose\.yml:5$/m);
  assert.match(r.stdout, /could not decide:/);
  const doc = await readResults('radius', out);
  assert.equal(doc.derived?.from, 'compose');
  assert.deepEqual(doc.schemes.map((s) => s.scheme), ['hs256-shared', 'hs256-per-service', 'jwks', 'as-deployed']);
  const written = JSON.parse(await readFile(join(out, 'topology.json'), 'utf8')) as unknown;
  assert.deepEqual(validateTopology(written, 'topology.json').services.map((s) => s.name), ['idp', 'api', 'legacy']);
});

test('a derivation names an unreadable env_file and a folder with no workload', async (t) => {
  const dir = await tempDir(t);
  const file = join(dir, 'compose.yml');
  await writeFile(file, 'services:\n  api:\n    env_file: missing.env\n    environment: { JWT_SECRET: x }\n  auth:\n    environment: { JWT_SECRET: x }\n');
  const d = await fromCompose(file, [], dir);
  assert.ok(d.undecided.some((u) => /^api: env_file missing\.env \(compose\.yml:3\) could not be read/.test(u)));
  await mkdir(join(dir, 'empty'));
  await writeFile(join(dir, 'empty', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: x }\n');
  const r = await runMain(['radius', '--from-k8s', join(dir, 'empty'), '--out', join(dir, 'out')], dir);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--from-k8s .*empty: no workload/);
  await writeFile(join(dir, 'bad.yml'), 'services: [\n');
  const bad = await runMain(['radius', '--from-compose', join(dir, 'bad.yml'), '--out', join(dir, 'out')], dir);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--from-compose .*bad\.yml: not valid YAML/);
  assert.equal(bad.stderr.trim().split('\n').length, 1);
});
