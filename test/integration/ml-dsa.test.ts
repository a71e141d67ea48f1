// ML-DSA (FIPS 204) as a JWS algorithm: the table entries, the AKP JWK of
// draft-ietf-cose-dilithium-11, the engines that run it, the gate, and a micro run.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ALGORITHMS, isMlDsa, type MlDsaAlgName } from '../../core/algorithms.js';
import { akpPrivateJwk, akpPublicJwk, parseAkpJwk } from '../../core/akp.js';
import { JwtbenchError } from '../../core/errors.js';
import { KeyStore, keySlot } from '../../core/keys.js';
import { ML_DSA } from '../../core/ml-dsa.js';
import { ENGINES } from '../../bench/engines/index.js';
import { ENGINE_NAMES } from '../../core/results/names.js';
import { nativeMlDsaUnavailable } from '../../core/ml-dsa-support.js';
import { runGate } from '../../bench/gate.js';
import { expandMatrix, skippedCases } from '../../bench/matrix.js';
import { buildPayload } from '../../bench/payloads.js';
import { readResults } from '../../core/results/results-file.js';
import { runCli, tempDir } from '../support/helpers.js';

const SETS: MlDsaAlgName[] = ['ML-DSA-44', 'ML-DSA-65', 'ML-DSA-87'];
const keys = new KeyStore();
const peers = ENGINE_NAMES.map((n) => ENGINES[n]);

async function akp(name: MlDsaAlgName) {
  const k = await keys.get(ALGORITHMS[name], null);
  assert.equal(k.kind, 'akp');
  return k as Extract<typeof k, { kind: 'akp' }>;
}

test('the table holds the three ML-DSA parameter sets with the FIPS 204 sizes', () => {
  for (const name of SETS) {
    const alg = ALGORITHMS[name];
    assert.ok(isMlDsa(alg));
    assert.equal(alg.family, 'ml-dsa');
    assert.equal(alg.hash, null);
    assert.equal(alg.node.digest, null);
    assert.deepEqual(alg.keyBits, []);
    // the table's sizes are the implementation's, so neither can drift alone
    const { lengths } = ML_DSA[name];
    assert.deepEqual([alg.mlDsa.publicKeyBytes, alg.mlDsa.signatureBytes, alg.mlDsa.seedBytes], [lengths.publicKey, lengths.signature, lengths.seed]);
    assert.equal(keySlot(alg, null), name);
  }
  assert.equal(isMlDsa(ALGORITHMS.EdDSA), false);
});

test('ML-DSA keys are generated at start-up as a 32-byte seed and the public key it expands to', async () => {
  for (const name of SETS) {
    const k = await akp(name);
    assert.equal(k.alg, name);
    assert.equal(k.seed.length, 32);
    assert.equal(k.publicKey.length, ALGORITHMS[name].mlDsa!.publicKeyBytes);
    assert.deepEqual(ML_DSA[name].keygen(k.seed).publicKey, k.publicKey);
    // plain data, so it crosses into a worker thread
    assert.deepEqual(structuredClone(k), k);
  }
  assert.notDeepEqual((await new KeyStore().get(ALGORITHMS['ML-DSA-44'], null)), await akp('ML-DSA-44'), 'a fresh key each start');
});

test('AKP JWKs round-trip: the public form has no priv, the private form carries the seed', async () => {
  for (const name of SETS) {
    const k = await akp(name);
    const pub = akpPublicJwk(name, k.publicKey, 'kid-1');
    assert.deepEqual(Object.keys(pub).sort(), ['alg', 'kid', 'kty', 'pub']);
    assert.equal(pub.kty, 'AKP');
    const back = parseAkpJwk(JSON.parse(JSON.stringify(pub)), name, 'kid-1');
    assert.deepEqual(back, { alg: name, publicKey: k.publicKey, seed: null });
    const priv = akpPrivateJwk(name, k.seed, k.publicKey);
    assert.equal(Buffer.from(priv.priv!, 'base64url').length, 32);
    assert.deepEqual(parseAkpJwk(priv, name, 'x').seed, k.seed);
  }
});

test('a malformed AKP JWK or one of the wrong parameter set is a usage error naming the key and the expected set', async () => {
  const k44 = await akp('ML-DSA-44');
  const k65 = await akp('ML-DSA-65');
  const good = akpPrivateJwk('ML-DSA-44', k44.seed, k44.publicKey);
  const cases: [unknown, RegExp][] = [
    [akpPublicJwk('ML-DSA-65', k65.publicKey), /is for "ML-DSA-65", the wrong ML-DSA parameter set/],
    [{ ...good, alg: 'RS256' }, /is for "RS256", an algorithm that is not ML-DSA/],
    [{ ...good, alg: undefined }, /has no alg/],
    [{ ...good, kty: 'OKP' }, /has kty "OKP", not "AKP"/],
    [{ ...good, pub: undefined }, /has no base64url pub/],
    [{ ...good, pub: 'not base64url!' }, /has no base64url pub/],
    [{ ...good, pub: Buffer.from(k65.publicKey).toString('base64url') }, /has a 1952-byte pub, not 1312 bytes/],
    [{ ...good, priv: Buffer.alloc(2560).toString('base64url') }, /has a 2560-byte priv, not the 32-byte seed/],
    [{ ...good, priv: Buffer.from(k65.seed).toString('base64url') }, /has a priv that does not match its pub/],
    ['{"kty":"AKP"}', /is not a JSON object/],
    [null, /is not a JSON object/],
  ];
  for (const [jwk, message] of cases) {
    assert.throws(() => parseAkpJwk(jwk, 'ML-DSA-44', 'issuer.jwk'), (error: unknown) => {
      assert.ok(error instanceof JwtbenchError);
      assert.equal(error.code, 'JWTBENCH_BAD_KEY');
      assert.equal(error.exitCode, 2);
      assert.match(error.message, /^issuer\.jwk: /);
      assert.match(error.message, message);
      assert.match(error.message, /expected an ML-DSA-44 AKP JWK/);
      assert.doesNotMatch(error.message, /\n/);
      return true;
    }, JSON.stringify(jwk));
  }
});

test('noble-pq passes the gate for every ML-DSA set, cross-verified with every other engine that runs it', async () => {
  for (const name of SETS) {
    const alg = ALGORITHMS[name];
    const ctx = { alg, keys: await akp(name), payload: buildPayload('typical'), keyPrep: 'prepared' as const };
    for (const engine of peers.filter((e) => e.supports(alg))) {
      assert.deepEqual(await runGate(engine, peers, ctx), { ok: true }, `${engine.name} ${name}`);
    }
    const token = await (await ENGINES['noble-pq'].prepare(ctx)).sign();
    const [h, , s] = token.split('.');
    assert.deepEqual(JSON.parse(Buffer.from(h!, 'base64url').toString()), { alg: name, typ: 'JWT' });
    // the raw FIPS 204 signature, base64url: its exact length
    assert.equal(Buffer.from(s!, 'base64url').length, alg.mlDsa!.signatureBytes);
  }
});

test('the noble-pq engine refuses a token of another parameter set and one signed with another key', async () => {
  const alg = ALGORITHMS['ML-DSA-44'];
  const ctx = { alg, keys: await akp('ML-DSA-44'), payload: buildPayload('small'), keyPrep: 'prepared' as const };
  const engine = await ENGINES['noble-pq'].prepare(ctx);
  const other = await ENGINES['noble-pq'].prepare({ ...ctx, keys: await new KeyStore().get(alg, null) });
  assert.throws(() => engine.verify(other.sign() as string), /signature verification failed/);
  const k65 = await ENGINES['noble-pq'].prepare({ alg: ALGORITHMS['ML-DSA-65'], keys: await akp('ML-DSA-65'), payload: ctx.payload, keyPrep: 'prepared' });
  assert.throws(() => engine.verify(k65.sign() as string), /unexpected alg ML-DSA-65/);
  await assert.rejects(ENGINES['noble-pq'].prepare({ ...ctx, keys: await keys.get(ALGORITHMS.HS256, null) }), /noble-pq needs ML-DSA-44 AKP key material/);
});

test('engines without ML-DSA on this runtime say why, and those cases are skipped, not dropped', () => {
  const alg = ALGORITHMS['ML-DSA-44'];
  const native = nativeMlDsaUnavailable();
  assert.equal(ENGINES.node.supports(alg), native === null);
  if (native !== null) assert.match(native, new RegExp(`Node ${process.versions.node.replace(/\./g, '\\.')} with OpenSSL`));
  assert.equal(ENGINES['fast-jwt'].supports(alg), false);
  assert.match(ENGINES['fast-jwt'].skipReason!(alg)!, /fast-jwt implements no ML-DSA/);
  assert.equal(ENGINES.jose.supports(alg) || /WebCrypto/.test(ENGINES.jose.skipReason!(alg)!), true);
  // noble-pq is ML-DSA only: classical algorithms are not its cases, not skipped ones
  assert.equal(ENGINES['noble-pq'].skipReason!(ALGORITHMS.RS256), null);
  const m = { algs: ['ML-DSA-44', 'RS256'] as const, rsaBits: [2048], ops: ['sign'] as const, engines: ENGINE_NAMES, keyPreps: ['prepared'] as const, payloads: ['small'] as const, threads: [1] };
  const ran = expandMatrix(m);
  const skipped = skippedCases(m);
  assert.equal(ran.length + skipped.length, 4 + 5, 'RS256: jose, node, fast-jwt, webcrypto; ML-DSA-44: all five');
  assert.equal(ENGINES.webcrypto.supports(alg) || /WebCrypto has no ML-DSA/.test(ENGINES.webcrypto.skipReason!(alg)!), true);
  assert.ok(!ran.concat(skipped.map((s) => s.spec)).some((c) => c.alg === 'RS256' && c.engine === 'noble-pq'));
  for (const s of skipped) assert.equal(s.reason, ENGINES[s.spec.engine as keyof typeof ENGINES].skipReason!(ALGORITHMS[s.spec.alg]));
});

test('a smoke micro run with ML-DSA-44 times noble-pq and records the skipped engines with their reasons', async (t) => {
  const dir = await tempDir(t);
  const r = await runCli(['micro', '--preset', 'smoke', '--algs', 'ES256,ML-DSA-44', '--engines', 'jose,node,noble-pq', '--out', dir]);
  assert.equal(r.code, 0, r.stderr);
  const doc = await readResults('micro', dir); // schema-valid, skipped cases included
  const ml = doc.cases.filter((c) => c.alg === 'ML-DSA-44');
  const noble = ml.filter((c) => c.engine === 'noble-pq');
  assert.deepEqual(noble.map((c) => [c.op, c.state]), [['sign', 'completed'], ['verify', 'completed']]);
  for (const c of noble) if (c.state === 'completed') assert.ok(c.opsPerSec > 0);
  for (const c of ml.filter((x) => x.engine !== 'noble-pq')) {
    assert.ok(c.state === 'completed' || c.state === 'skipped', `${c.id} is ${c.state}`);
    if (c.state === 'skipped') {
      assert.ok(c.reason.length > 0);
      assert.match(r.stdout, new RegExp(`${c.engine} ML-DSA-44: `));
    }
  }
  assert.match(r.stdout, /ML-DSA-44 /);
  assert.ok(doc.cases.every((c) => c.state !== 'errored'));
});
