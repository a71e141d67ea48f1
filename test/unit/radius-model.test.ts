// Blast radius v2 against answers worked out by hand: replay along forwarded and own edges,
// declared audiences with two issuers, the deployment as found, and the exposure windows.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { schemeRadii, schemeRadius } from '../../reports/blast-radius/model.js';
import type { AudiencePolicy, RadiusScheme, Topology } from '../../reports/blast-radius/types.js';

const T = true;
const F = false;

function replayOf(topology: Topology, scheme: RadiusScheme, policy: AudiencePolicy): { replayable: boolean[][]; pairs: number } {
  const r = schemeRadius(topology, scheme).replay.find((x) => x.policy === policy);
  assert.ok(r, `${scheme} has no ${policy} replay`);
  return { replayable: r.replayable, pairs: r.replayablePairs };
}

// auth issues; gw is the entry; gw forwards the client's token to a; a calls b with a token of its own.
const CHAIN: Topology = {
  name: 'chain',
  exposure: { rotationMinutes: 120 },
  services: [
    { name: 'auth', issues: true, rotationMinutes: 30 },
    { name: 'gw', verifies: true },
    { name: 'a', verifies: true },
    { name: 'b', verifies: true, rotationMinutes: 600 },
  ],
  edges: [{ from: 'gw', to: 'a' }, { from: 'a', to: 'b', token: 'own' }],
};

test('replay: a forwarded token travels, an own token stays with its callee', () => {
  // shared audience, shared secret: gw and a hold the client's token, b its own; all three accept
  // every one of them, auth accepts none.
  assert.deepEqual(replayOf(CHAIN, 'hs256-shared', 'shared-audience'), {
    replayable: [[F, F, F, F], [F, F, T, T], [F, T, F, T], [F, T, T, F]], pairs: 6,
  });
  assert.deepEqual(replayOf(CHAIN, 'jwks', 'shared-audience').pairs, 6, 'a public key does not stop replay');
  // A secret per verifier: the client's token is signed with gw's secret, so only gw accepts it,
  // and a, which received it forwarded, can replay it to gw.
  assert.deepEqual(replayOf(CHAIN, 'hs256-per-service', 'shared-audience'), {
    replayable: [[F, F, F, F], [F, F, F, F], [F, T, F, F], [F, F, F, F]], pairs: 1,
  });
  // A token per audience: every token is good at its recipient only.
  for (const scheme of ['hs256-shared', 'hs256-per-service', 'jwks'] as const) {
    assert.equal(replayOf(CHAIN, scheme, 'per-service-audience').pairs, 0, scheme);
  }
  // The own edge is a declaration: each service accepts its own name; a holds gw's token, good at gw.
  assert.deepEqual(replayOf(CHAIN, 'jwks', 'declared'), {
    replayable: [[F, F, F, F], [F, F, F, F], [F, T, F, F], [F, F, F, F]], pairs: 1,
  });
  const { edges: _, ...rest } = CHAIN;
  assert.deepEqual(schemeRadius({ ...rest, edges: [{ from: 'gw', to: 'a' }] }, 'jwks').replay.map((r) => r.policy),
    ['shared-audience', 'per-service-audience'], 'nothing declared about audiences: no declared policy');
});

test('exposure: a secret until its last holder rotated, a private key until the issuer rotated and caches expired', () => {
  const windows = Object.fromEntries(schemeRadii(CHAIN).map((r) => [r.scheme, [r.forgeWindowMinutes, r.worstForgeWindowMinutes]]));
  assert.deepEqual(windows, {
    // one secret held by auth (30), gw (120), a (120), b (600)
    'hs256-shared': [[600, 600, 600, 600], 600],
    // auth holds all three secrets; gw's and a's are also held by auth (max 120), b's by b (600)
    'hs256-per-service': [[600, 120, 120, 600], 600],
    // auth's 30 minutes + the 10-minute default JWKS cache; verifiers mint nothing
    jwks: [[40, null, null, null], 40],
  });
  const jwks = schemeRadius(CHAIN, 'jwks');
  assert.deepEqual(jwks.replay.map((r) => r.replayWindowMinutes), [60, null, 60], 'token lifetime default 60 when something replays');
});

// Two issuers (one a partner's), declared audiences, an own edge with an audience and a forwarded one.
const TWO_ISSUERS: Topology = {
  name: 'two issuers',
  services: [
    { name: 'auth', issues: true },
    { name: 'partner-idp', issues: true, external: true },
    { name: 'api', verifies: true, audiences: ['api', 'public'] },
    { name: 'billing', verifies: true, audiences: ['billing'], trusts: ['auth'] },
    { name: 'reports', verifies: true, audiences: ['public'] },
  ],
  edges: [{ from: 'api', to: 'billing', token: 'own', audience: 'billing' }, { from: 'api', to: 'reports' }],
};

test('forge with two issuers: each secret reaches the verifiers that trust its issuer', () => {
  const radii = Object.fromEntries(schemeRadii(TWO_ISSUERS).map((r) => [r.scheme, { forgeable: r.forgeable, figures: r.figures }]));
  assert.deepEqual(Object.keys(radii), ['hs256-shared', 'hs256-per-service', 'jwks'], 'no holds: no as-deployed');
  assert.deepEqual(radii['hs256-shared'], {
    forgeable: [[F, F, T, T, T], [F, F, T, F, T], [F, F, T, T, T], [F, F, T, T, T], [F, F, T, T, T]],
    figures: { mintingHolders: 5, mintingHoldersExternal: 1, forgeablePairs: 11, rotationTouches: 5, secretDistributionPoints: 3 },
  });
  assert.deepEqual(radii['hs256-per-service'], {
    forgeable: [[F, F, T, T, T], [F, F, T, F, T], [F, F, T, F, F], [F, F, F, T, F], [F, F, F, F, T]],
    figures: { mintingHolders: 5, mintingHoldersExternal: 1, forgeablePairs: 5, rotationTouches: 5, secretDistributionPoints: 3 },
  });
  assert.deepEqual(radii.jwks, {
    forgeable: [[F, F, T, T, T], [F, F, T, F, T], [F, F, F, F, F], [F, F, F, F, F], [F, F, F, F, F]],
    figures: { mintingHolders: 2, mintingHoldersExternal: 1, forgeablePairs: 5, rotationTouches: 2, secretDistributionPoints: 0 },
  });
});

test('replay with declared audiences: only where the aud is accepted', () => {
  // api receives (auth|partner) x (api|public) from clients and forwards them to reports; billing
  // gets auth's token for aud billing. reports accepts public, api accepts api and public.
  assert.deepEqual(replayOf(TWO_ISSUERS, 'hs256-shared', 'declared'), {
    replayable: [[F, F, F, F, F], [F, F, F, F, F], [F, F, F, F, T], [F, F, F, F, F], [F, F, T, F, F]], pairs: 2,
  });
  assert.equal(replayOf(TWO_ISSUERS, 'jwks', 'declared').pairs, 2);
  // api's tokens are signed with api's secrets: reports cannot check them, api can.
  assert.deepEqual(replayOf(TWO_ISSUERS, 'hs256-per-service', 'declared').replayable[4], [F, F, T, F, F]);
  assert.equal(replayOf(TWO_ISSUERS, 'hs256-per-service', 'declared').pairs, 1);
  // One audience for all: every token anyone holds is good at api, billing (auth's) and reports.
  assert.deepEqual(replayOf(TWO_ISSUERS, 'hs256-shared', 'shared-audience'), {
    replayable: [[F, F, F, F, F], [F, F, F, F, F], [F, F, F, T, T], [F, F, T, F, T], [F, F, T, T, F]], pairs: 6,
  });
});

test('as-deployed: a private key for the JWKS fetchers and a secret that leaked to a worker', () => {
  const deployed: Topology = {
    name: 'mixed',
    services: [
      { name: 'auth', issues: true, holds: ['private-key', 'secret'] },
      { name: 'gw', verifies: true, holds: ['jwks'] },
      { name: 'legacy', verifies: true, holds: ['secret'] },
      { name: 'worker', holds: ['secret'] },
    ],
    edges: [{ from: 'gw', to: 'legacy' }],
  };
  const radii = schemeRadii(deployed);
  assert.deepEqual(radii.map((r) => r.scheme), ['hs256-shared', 'hs256-per-service', 'jwks', 'as-deployed']);
  const found = radii[3]!;
  assert.deepEqual(found.forgeable, [[F, T, T, F], [F, F, F, F], [F, F, T, F], [F, F, T, F]]);
  assert.deepEqual(found.figures, { mintingHolders: 3, mintingHoldersExternal: 0, forgeablePairs: 3, rotationTouches: 3, secretDistributionPoints: 2 });
  // the secret: held by auth, legacy, worker (1440 each); the key: auth 1440 + 10
  assert.deepEqual(found.forgeWindowMinutes, [1450, null, 1440, 1440]);
  // gw's client token is signed with the key; legacy receives it forwarded and can replay it to gw
  assert.deepEqual(found.replay.find((r) => r.policy === 'shared-audience')!.replayable, [[F, F, F, F], [F, F, F, F], [F, T, F, F], [F, F, F, F]]);
});

test('the default topology: replay and exposure per scheme', async () => {
  const { DEFAULT_TOPOLOGY } = await import('../../reports/blast-radius/topology.js');
  // gateway is the one entry and forwards the client's token to the five others (orders passes it
  // on too), so all six verifiers hold it. One audience: each replays to the other five, 6 x 5 =
  // 30, whatever signs it; a secret per verifier signs it with gateway's secret, so the five
  // others can replay it to gateway only: 5. A token per audience: 0.
  const figures = Object.fromEntries(schemeRadii(DEFAULT_TOPOLOGY).map((r) => [r.scheme, {
    replay: r.replay.map((x) => `${x.policy} ${x.replayablePairs} pairs from ${x.replayingServices} services, ${x.replayWindowMinutes} min`),
    forge: [r.forgeWindowMinutes, r.worstForgeWindowMinutes],
  }]));
  assert.deepEqual(figures, {
    // one secret: partner-api takes a week (10080) to rotate it
    'hs256-shared': {
      replay: ['shared-audience 30 pairs from 6 services, 60 min', 'per-service-audience 0 pairs from 0 services, null min'],
      forge: [[10080, 10080, 10080, 10080, 10080, 10080, 10080], 10080],
    },
    // auth holds partner-api's secret too; each internal secret: auth (60) and its verifier (1440)
    'hs256-per-service': {
      replay: ['shared-audience 5 pairs from 5 services, 60 min', 'per-service-audience 0 pairs from 0 services, null min'],
      forge: [[10080, 1440, 1440, 1440, 1440, 1440, 10080], 10080],
    },
    // auth rotates in 60 minutes, verifiers drop the old key within 10
    jwks: {
      replay: ['shared-audience 30 pairs from 6 services, 60 min', 'per-service-audience 0 pairs from 0 services, null min'],
      forge: [[70, null, null, null, null, null, null], 70],
    },
  });
});
