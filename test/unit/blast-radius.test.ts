// The blast-radius model against matrices and figures worked out by hand, and the topology
// checks against each mistake they must name.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { blastRadii, blastRadius } from '../../reports/blast-radius/model.js';
import { DEFAULT_TOPOLOGY, readTopology, validateTopology } from '../../reports/blast-radius/topology.js';
import type { BlastRadiusFigures, KeyScheme, Topology } from '../../reports/blast-radius/types.js';
import { JwtbenchError } from '../../core/errors.js';
import { tempDir } from '../support/helpers.js';

const T = true;
const F = false;

interface Expected {
  forgeable: boolean[][];
  figures: BlastRadiusFigures;
}

function check(topology: Topology, expected: Record<KeyScheme, Expected>): void {
  const radii = blastRadii(topology);
  assert.deepEqual(radii.map((r) => r.scheme), ['hs256-shared', 'hs256-per-service', 'jwks']);
  for (const radius of radii) {
    assert.deepEqual(radius.services, topology.services.map((s) => s.name));
    assert.deepEqual(radius.forgeable, expected[radius.scheme].forgeable, `${radius.scheme} matrix`);
    assert.deepEqual(radius.figures, expected[radius.scheme].figures, `${radius.scheme} figures`);
    assert.deepEqual(blastRadius(topology, radius.scheme), radius);
  }
}

test('issuer, two verifiers and a service that neither issues nor verifies', () => {
  const topology: Topology = {
    name: 'small',
    services: [{ name: 'auth', issues: true }, { name: 'a', verifies: true }, { name: 'b', verifies: true }, { name: 'batch' }],
    edges: [{ from: 'a', to: 'b' }],
  };
  // columns: auth, a, b, batch
  check(topology, {
    'hs256-shared': {
      forgeable: [[F, T, T, F], [F, T, T, F], [F, T, T, F], [F, F, F, F]],
      figures: { mintingHolders: 3, mintingHoldersExternal: 0, forgeablePairs: 4, rotationTouches: 3, secretDistributionPoints: 2 },
    },
    'hs256-per-service': {
      forgeable: [[F, T, T, F], [F, T, F, F], [F, F, T, F], [F, F, F, F]],
      figures: { mintingHolders: 3, mintingHoldersExternal: 0, forgeablePairs: 2, rotationTouches: 3, secretDistributionPoints: 2 },
    },
    jwks: {
      forgeable: [[F, T, T, F], [F, F, F, F], [F, F, F, F], [F, F, F, F]],
      figures: { mintingHolders: 1, mintingHoldersExternal: 0, forgeablePairs: 2, rotationTouches: 1, secretDistributionPoints: 0 },
    },
  });
});

test('an issuer that also verifies accepts tokens, so its column can be forged', () => {
  const topology: Topology = {
    name: 'self-verifying issuer',
    services: [{ name: 'auth', issues: true, verifies: true }, { name: 'api', verifies: true }],
    edges: [{ from: 'api', to: 'auth' }],
  };
  // columns: auth, api
  check(topology, {
    'hs256-shared': {
      forgeable: [[T, T], [T, T]],
      figures: { mintingHolders: 2, mintingHoldersExternal: 0, forgeablePairs: 2, rotationTouches: 2, secretDistributionPoints: 1 },
    },
    'hs256-per-service': {
      forgeable: [[T, T], [F, T]],
      figures: { mintingHolders: 2, mintingHoldersExternal: 0, forgeablePairs: 1, rotationTouches: 2, secretDistributionPoints: 1 },
    },
    jwks: {
      forgeable: [[T, T], [F, F]],
      figures: { mintingHolders: 1, mintingHoldersExternal: 0, forgeablePairs: 1, rotationTouches: 1, secretDistributionPoints: 0 },
    },
  });
});

test('an external verifier holds minting material only under a shared or per-service secret', () => {
  const topology: Topology = {
    name: 'with partner',
    services: [{ name: 'auth', issues: true }, { name: 'api', verifies: true }, { name: 'partner', verifies: true, external: true }],
    edges: [{ from: 'api', to: 'partner' }],
  };
  // columns: auth, api, partner
  check(topology, {
    'hs256-shared': {
      forgeable: [[F, T, T], [F, T, T], [F, T, T]],
      figures: { mintingHolders: 3, mintingHoldersExternal: 1, forgeablePairs: 4, rotationTouches: 3, secretDistributionPoints: 2 },
    },
    'hs256-per-service': {
      forgeable: [[F, T, T], [F, T, F], [F, F, T]],
      figures: { mintingHolders: 3, mintingHoldersExternal: 1, forgeablePairs: 2, rotationTouches: 3, secretDistributionPoints: 2 },
    },
    jwks: {
      forgeable: [[F, T, T], [F, F, F], [F, F, F]],
      figures: { mintingHolders: 1, mintingHoldersExternal: 0, forgeablePairs: 2, rotationTouches: 1, secretDistributionPoints: 0 },
    },
  });
});

test('the default topology: figures per scheme', () => {
  // 7 services: auth (issuer, does not verify), 6 verifiers (gateway, orders, payments,
  // inventory, notifications, partner-api; partner-api external).
  // hs256-shared: all 7 hold the secret -> mintingHolders 7, external 1; pairs: auth forges for
  //   6 others, each verifier for the 5 other verifiers -> 6 + 6*5 = 36; rotation 7; distribution 6.
  // hs256-per-service: all 7 can mint (each verifier for itself) -> 7, external 1; pairs: only
  //   auth's 6; rotation 7 (auth + 6); distribution 6.
  // jwks: only auth -> 1, external 0; pairs 6; rotation 1; distribution 0.
  assert.deepEqual(DEFAULT_TOPOLOGY.services.map((s) => s.name),
    ['auth', 'gateway', 'orders', 'payments', 'inventory', 'notifications', 'partner-api']);
  const figures = Object.fromEntries(blastRadii(DEFAULT_TOPOLOGY).map((r) => [r.scheme, r.figures]));
  assert.deepEqual(figures, {
    'hs256-shared': { mintingHolders: 7, mintingHoldersExternal: 1, forgeablePairs: 36, rotationTouches: 7, secretDistributionPoints: 6 },
    'hs256-per-service': { mintingHolders: 7, mintingHoldersExternal: 1, forgeablePairs: 6, rotationTouches: 7, secretDistributionPoints: 6 },
    jwks: { mintingHolders: 1, mintingHoldersExternal: 0, forgeablePairs: 6, rotationTouches: 1, secretDistributionPoints: 0 },
  });
});

const OK = {
  name: 'ok',
  services: [{ name: 'auth', issues: true }, { name: 'api', verifies: true }, { name: 'cron' }],
  edges: [{ from: 'cron', to: 'api' }],
};

function rejects(value: unknown, pattern: RegExp): void {
  assert.throws(() => validateTopology(value, 'topo.json'), (error: unknown) => {
    assert.ok(error instanceof JwtbenchError, String(error));
    assert.equal(error.code, 'JWTBENCH_BAD_TOPOLOGY');
    assert.equal(error.exitCode, 2);
    assert.match(error.message, /^topo\.json: /);
    assert.match(error.message, pattern);
    return true;
  });
}

test('validateTopology accepts a good topology and names each mistake', () => {
  assert.deepEqual(validateTopology(OK, 'topo.json'), OK);
  const services = (list: unknown[]): unknown => ({ ...OK, services: list });
  const edges = (list: unknown[]): unknown => ({ ...OK, edges: list });

  rejects(null, /expected a JSON object/);
  rejects([OK], /expected a JSON object/);
  rejects('topology', /expected a JSON object/);
  rejects({ ...OK, name: undefined }, /"name" must be a non-empty string/);
  rejects({ ...OK, name: '' }, /"name" must be a non-empty string/);
  rejects({ ...OK, services: undefined }, /"services" must be a non-empty array/);
  rejects({ ...OK, services: [] }, /"services" must be a non-empty array/);
  rejects({ ...OK, services: { auth: {} } }, /"services" must be a non-empty array/);
  rejects({ ...OK, edges: undefined }, /"edges" must be an array/);
  rejects(services([{ name: 'auth', issues: true }, 'api']), /services\[1\] must be an object/);
  rejects(services([{ name: 'auth', issues: true }, { verifies: true }]), /services\[1\] needs a non-empty string "name"/);
  rejects(services([{ name: 'auth', issues: true }, { name: 42 }]), /services\[1\] needs a non-empty string "name"/);
  rejects(services([{ name: 'auth', issues: true }, { name: 'api', verifies: true }, { name: 'api' }, { name: 'auth' }]),
    /duplicate service names: api, auth/);
  rejects(services([{ name: 'api', verifies: true }]), /no issuer: no service issues tokens/);
  // Several issuers are allowed (services may trust several); what a service trusts must issue.
  assert.equal(validateTopology(services([{ name: 'auth', issues: true }, { name: 'auth2', issues: true }, { name: 'api', verifies: true }, { name: 'cron' }]), 'topo.json').services.length, 4);
  rejects(services([{ name: 'auth', issues: true }, { name: 'api', verifies: true, trusts: ['cron'] }, { name: 'cron' }]), /service "api" trusts "cron", which issues no tokens \(issuers: auth\)/);
  rejects(services([{ name: 'auth', issues: true }, { name: 'api', verifies: true, trusts: ['idp'] }]), /service "api" trusts "idp", which is no service/);
  rejects(services([{ name: 'auth', issues: true }, { name: 'api', verifies: true, trusts: [] }]), /service "api": "trusts" must be a non-empty list of names/);
  rejects(services([{ name: 'auth', issues: true, audiences: ['auth'] }, { name: 'api', verifies: true }]), /service "auth" declares audiences but does not verify tokens/);
  rejects(services([{ name: 'auth', issues: true }, { name: 'api', verifies: true, rotationMinutes: 0 }]), /service "api": "rotationMinutes" must be a number of minutes above 0, not 0/);
  rejects(services([{ name: 'auth', issues: true, holds: ['password'] }, { name: 'api', verifies: true }]), /service "auth": "holds" must be a list of secret, private-key, jwks/);
  rejects({ ...OK, exposure: { tokenLifetimeMinutes: -5 } }, /exposure\.tokenLifetimeMinutes must be a number of minutes above 0, not -5/);
  rejects({ ...OK, exposure: { lifetime: 5 } }, /"exposure" has unknown property "lifetime"/);
  // Audiences on edges: one no service accepts, one the target does not accept, one on a forwarded token.
  const withApi2 = { ...OK, services: [...OK.services, { name: 'api2', verifies: true, audiences: ['reports'] }] };
  rejects({ ...withApi2, edges: [{ from: 'cron', to: 'api', token: 'own', audience: 'payments' }] }, /edges\[0\] \("cron" -> "api"\): audience "payments" is accepted by no service/);
  rejects({ ...withApi2, edges: [{ from: 'cron', to: 'api', token: 'own', audience: 'reports' }] }, /target "api" does not accept audience "reports" \(it accepts "api"\)/);
  rejects({ ...withApi2, edges: [{ from: 'cron', to: 'api', audience: 'api' }] }, /"audience" applies to an own token only/);
  rejects({ ...withApi2, edges: [{ from: 'cron', to: 'api', token: 'mine' }] }, /"token" must be forwarded or own, not "mine"/);
  rejects(edges([{ from: 'cron', to: 'billing' }]), /edges\[0\] \("cron" -> "billing"\): "to" names unknown service "billing"/);
  rejects(edges([{ from: 'cron', to: 'api' }, { from: 'ghost', to: 'api' }]), /edges\[1\] .*"from" names unknown service "ghost"/);
  rejects(edges([{ from: 'api', to: 'cron' }]), /edges\[0\] \("api" -> "cron"\): target "cron" does not verify tokens/);
  rejects(edges([{ from: 'api', to: 'auth' }]), /target "auth" does not verify tokens/);
  rejects(edges([{ from: 'cron' }]), /edges\[0\] .*"to" must be a service name/);
  rejects(edges([{ from: 'cron', to: 'api', via: 'mesh' }]), /edges\[0\] has unknown property "via"/);
  rejects(services([{ name: 'auth', issues: true }, { name: 'api', verify: true }]), /service "api" has unknown property "verify"/);
  rejects({ ...OK, owner: 'me' }, /topology has unknown property "owner"/);
  rejects(services([{ name: 'auth', issues: 'yes' }, { name: 'api', verifies: true }]), /service "auth": "issues" must be true or false, not "yes"/);
  rejects(services([{ name: 'auth', issues: true }, { name: 'api', verifies: 1 }]), /service "api": "verifies" must be true or false, not 1/);
  rejects(services([{ name: 'auth', issues: true }, { name: 'api', verifies: true, external: 'partner' }]), /service "api": "external" must be true or false/);
});

test('readTopology reads a file (JSON, or YAML by its name) and names the file when it is missing or not JSON', async (t) => {
  const dir = await tempDir(t);
  const good = join(dir, 'good.json');
  await writeFile(good, JSON.stringify(OK));
  assert.deepEqual(await readTopology(good), OK);

  const yaml = join(dir, 'good.yaml');
  await writeFile(yaml, 'name: ok\nservices:\n  - { name: auth, issues: true }\n  - name: api\n    verifies: true\n  - name: cron\nedges:\n  - { from: cron, to: api }\n');
  assert.deepEqual(await readTopology(yaml), OK);
  const badYaml = join(dir, 'bad.yml');
  await writeFile(badYaml, 'name: [ok\nservices: 2\n');
  await assert.rejects(readTopology(badYaml), (error: unknown) => {
    assert.ok(error instanceof JwtbenchError);
    assert.equal(error.exitCode, 2);
    assert.match(error.message, /^[^\n]*bad\.yml: topology is not valid YAML \([^\n]+\)$/);
    return true;
  });

  const missing = join(dir, 'nothing-here.json');
  await assert.rejects(readTopology(missing), (error: unknown) => {
    assert.ok(error instanceof JwtbenchError);
    assert.equal(error.exitCode, 2);
    assert.match(error.message, /nothing-here\.json: cannot read topology: no such file \(ENOENT\)/);
    return true;
  });

  const broken = join(dir, 'broken.json');
  await writeFile(broken, '{ "name": "x", ');
  await assert.rejects(readTopology(broken), (error: unknown) => {
    assert.ok(error instanceof JwtbenchError);
    assert.equal(error.exitCode, 2);
    assert.match(error.message, /broken\.json: topology is not valid JSON \(.+\)/);
    return true;
  });

  const invalid = join(dir, 'invalid.json');
  await writeFile(invalid, JSON.stringify({ ...OK, services: [{ name: 'api', verifies: true }], edges: [] }));
  await assert.rejects(readTopology(invalid), /invalid\.json: invalid topology: no issuer/);
});
