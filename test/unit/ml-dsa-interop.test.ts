// The interop gate's matrix logic, with implementations that fail on purpose (each built on
// @noble/post-quantum, which runs on every Node): a failure lands in the cells it should, names
// its step and keeps its inputs; a verifier that accepts anything is caught.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ML_DSA_IMPLS, type InteropImplName, type MlDsaImpl } from '../../bench/interop/ml-dsa-impls.js';
import { renderInterop, runInterop, type InteropResult } from '../../bench/interop/ml-dsa.js';

const noble = ML_DSA_IMPLS['noble-pq'];
const as = (name: InteropImplName, over: Partial<MlDsaImpl> = {}): MlDsaImpl => ({ ...noble, name, ...over });
const NAMES: InteropImplName[] = ['node:crypto', 'jose', 'noble-pq'];
const failed = (r: InteropResult, check: string) => r.matrices.filter((m) => m.check === check).flatMap((m) => m.cells.filter((c) => !c.ok).map((c) => `${c.from}>${c.to}`));

test('three implementations that agree: every cell of every matrix green, 27 per parameter set', async () => {
  const r = await runInterop([as('node:crypto'), as('jose'), as('noble-pq')], ['ML-DSA-44']);
  assert.equal(r.allGreen, true);
  assert.deepEqual(r.failures, []);
  assert.deepEqual(r.matrices.map((m) => `${m.alg} ${m.check} ${m.cells.length}`), ['ML-DSA-44 token 9', 'ML-DSA-44 public-jwk 9', 'ML-DSA-44 private-jwk 9']);
  assert.match(renderInterop(r, NAMES), /all 27 cells green$/);
});

test('a verifier that says yes to everything fails its column of the token matrix, with the tampered token as input', async () => {
  const r = await runInterop([as('node:crypto'), as('jose', { verify: async () => true }), as('noble-pq')], ['ML-DSA-44']);
  assert.equal(r.allGreen, false);
  assert.deepEqual(failed(r, 'token'), ['node:crypto>jose', 'jose>jose', 'noble-pq>jose']);
  // the private-jwk check verifies with the exporter: jose's own row passes there only because it accepts anything
  assert.deepEqual(failed(r, 'private-jwk'), []);
  const f = r.failures[0]!;
  assert.equal(f.step, 'jose verify (one signature bit flipped)');
  assert.equal(f.output, 'returned true for a token whose signature has one bit flipped');
  assert.equal(f.input.jwk?.priv, undefined, 'a token failure carries the public JWK only');
  assert.equal(typeof f.input.token, 'string');
});

test('an implementation that cannot generate fails its whole row, with its error verbatim; its column still runs', async () => {
  const r = await runInterop([as('node:crypto', { generate: async () => { throw new Error('Unsupported key type'); } }), as('jose'), as('noble-pq')], ['ML-DSA-65']);
  for (const check of ['token', 'public-jwk', 'private-jwk']) assert.deepEqual(failed(r, check), ['node:crypto>node:crypto', 'node:crypto>jose', 'node:crypto>noble-pq'], check);
  assert.ok(r.failures.every((f) => f.step === 'node:crypto generate and export' && f.output === 'threw: Unsupported key type' && f.alg === 'ML-DSA-65'));
});

test('an importer that changes the key, or refuses foreign private JWKs, fails its column of that JWK matrix only', async () => {
  const flipped = as('jose', { reexportPublic: async (alg, jwk) => { const pub = String(jwk.pub); return { ...jwk, alg, pub: `${pub[0] === 'A' ? 'B' : 'A'}${pub.slice(1)}` }; } });
  const own = as('noble-pq', {
    generate: async (alg) => { const k = await noble.generate(alg); return { privateJwk: { ...k.privateJwk, 'x-own': true }, publicJwk: k.publicJwk }; },
    sign: async (alg, jwk, payload) => { if (jwk['x-own'] !== true) throw new Error('unsupported private key'); return noble.sign(alg, jwk, payload); },
  });
  const r = await runInterop([as('node:crypto'), flipped, own], ['ML-DSA-44']);
  assert.deepEqual(failed(r, 'token'), []);
  assert.deepEqual(failed(r, 'public-jwk'), ['node:crypto>jose', 'jose>jose', 'noble-pq>jose']);
  assert.match(r.failures.find((f) => f.check === 'public-jwk')!.output, /^exported \{"kty":"AKP","alg":"ML-DSA-44","pub":"[AB]/);
  assert.deepEqual(failed(r, 'private-jwk'), ['node:crypto>noble-pq', 'jose>noble-pq']);
  const priv = r.failures.find((f) => f.check === 'private-jwk')!;
  assert.equal(priv.step, 'noble-pq import the private JWK and sign');
  assert.equal(priv.output, 'threw: unsupported private key');
  assert.equal(typeof priv.input.jwk?.priv, 'string', 'the throwaway private JWK, to reproduce it');
  const text = renderInterop(r, NAMES);
  assert.match(text, /^ML-DSA-44 private AKP JWKs: row exports, column imports and signs; the exporter verifies$/m);
  assert.match(text, /^node:crypto {2}ok {11}ok {11}FAIL$/m);
  assert.match(text, /^ {2}ML-DSA-44 private-jwk jose -> noble-pq: noble-pq import the private JWK and sign: threw: unsupported private key$/m);
});
