// The reference verifier against forged tokens: for each token scheme and each engine that
// serves it here (jose, node, fast-jwt; noble-pq for ML-DSA), a real issuer and verifier, a valid token as the control, then every forgery
// in attacks.ts must get exactly 401 with the RFC 6750 invalid_token challenge and a body that
// says nothing more: one policy, whatever library checks the signature.
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { decodeJwt, decodeProtectedHeader, type JWK } from 'jose';
import { SERVER_ENGINE_NAMES, type ServerEngineName } from '../../core/engines.js';
import { cannotServe } from '../../servers/engines/index.js';
import { SERVER_DEFAULTS } from '../../servers/defaults.js';
import { buildIssuer, type Issuer } from '../../servers/issuer/app.js';
import { generateSchemeKey, generateSigningKey, type SchemeKey } from '../../servers/keys.js';
import { JWKS_SCHEMES, SCHEMES, TOKEN_SCHEMES, type SchemeName } from '../../core/schemes.js';
import { buildVerifier, type Verifier } from '../../servers/verifier/app.js';
import { allAttacks, attackerKey, signatureValid, sizedToken, type AttackSigningKey } from '../support/attacks.js';

const INVALID_TOKEN_BODY = { error: 'invalid_token', error_description: 'The access token is not valid.' };
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k', 'priv'];

interface Pair {
  issuer: Issuer;
  verifier: Verifier;
  key: SchemeKey;
  /** the key the tests sign "real key" forgeries with */
  realKey: AttackSigningKey;
}

/** Issuer and verifier for one scheme; JWKS schemes get a listening issuer the verifier fetches from. */
async function pair(t: TestContext, name: SchemeName, engine?: ServerEngineName): Promise<Pair> {
  const scheme = SCHEMES[name];
  const key = await generateSchemeKey(scheme);
  const issuer = await buildIssuer({ scheme, key, engine });
  t.after(() => issuer.app.close());
  let verifier: Verifier;
  let realKey: AttackSigningKey;
  if (key.kind === 'secret') {
    verifier = await buildVerifier({ scheme, engine, secret: key.secret });
    realKey = key.secret;
  } else if (key.kind === 'signing') {
    const address = await issuer.app.listen({ port: 0, host: '127.0.0.1' });
    verifier = await buildVerifier({ scheme, engine, jwksUrl: `${address}/.well-known/jwks.json` });
    realKey = key.key.privateKey;
  } else {
    throw new Error(`${name} has no key`);
  }
  t.after(() => verifier.app.close());
  return { issuer, verifier, key, realKey };
}

async function mint(issuer: Issuer, sub = 'alice'): Promise<string> {
  const res = await issuer.app.inject({ method: 'POST', url: '/token', payload: { sub } });
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json() as { access_token: string; token_type: string; expires_in: number };
  assert.equal(body.token_type, 'Bearer');
  assert.equal(body.expires_in, SERVER_DEFAULTS.tokenTtlS);
  return body.access_token;
}

function resource(verifier: Verifier, token?: string) {
  return verifier.app.inject({ method: 'GET', url: '/resource', headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });
}

async function jwks(issuer: Issuer): Promise<JWK[]> {
  const res = await issuer.app.inject({ method: 'GET', url: '/.well-known/jwks.json' });
  assert.equal(res.statusCode, 200);
  const body = res.json() as { keys: JWK[] };
  assert.ok(Array.isArray(body.keys));
  return body.keys;
}

async function issuedTokenClaims(t: TestContext, name: SchemeName, engine: ServerEngineName): Promise<void> {
  const { issuer, key } = await pair(t, name, engine);
  const before = Math.floor(Date.now() / 1000);
  const token = await mint(issuer, 'bob');
  const header = decodeProtectedHeader(token);
  const claims = decodeJwt(token);
  assert.equal(header.alg, SCHEMES[name].alg);
  assert.equal(header.typ, 'JWT');
  assert.equal(claims.iss, SERVER_DEFAULTS.issuer);
  assert.equal(claims.aud, SERVER_DEFAULTS.audience);
  assert.equal(claims.sub, 'bob');
  assert.equal(typeof claims.iat, 'number');
  assert.ok(claims.iat! >= before - 1 && claims.iat! <= before + 5, `iat ${claims.iat}`);
  assert.equal(claims.exp, claims.iat! + SERVER_DEFAULTS.tokenTtlS);
  assert.match(String(claims.jti), /^[0-9a-f-]{36}$/);
  assert.notEqual(decodeJwt(await mint(issuer, 'bob')).jti, claims.jti, 'jti is unique per token');
  if (SCHEMES[name].keys === 'jwks') {
    assert.ok(key.kind === 'signing');
    const kids = (await jwks(issuer)).map((k) => k.kid);
    assert.equal(typeof header.kid, 'string');
    assert.ok(kids.includes(header.kid), `kid ${header.kid} not in JWKS ${kids.join(', ')}`);
    assert.equal(header.kid, key.key.kid);
  } else {
    assert.equal(header.kid, undefined);
    assert.equal((await issuer.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).statusCode, 404, 'an HMAC issuer publishes no JWKS');
  }
}

for (const name of TOKEN_SCHEMES) for (const engine of SERVER_ENGINE_NAMES) {
  const skip = cannotServe(SCHEMES[name], engine) ?? false;
  test(`${name} on ${engine}: every forged token gets 401 invalid_token and nothing more`, { skip }, async (t) => {
    const { issuer, verifier, key, realKey } = await pair(t, name, engine);
    assert.equal(verifier.tokens?.engine, engine);
    const token = await mint(issuer);

    await t.test(`${name}: control: the issuer's own token gets 200 {sub}`, async () => {
      const res = await resource(verifier, token);
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json(), { sub: 'alice' });
    });

    await t.test(`${name}: control: a validly signed token at the size limit gets 200`, async () => {
      const big = sizedToken(token, realKey, SERVER_DEFAULTS.maxTokenBytes, 'at-most');
      assert.ok(big.length <= SERVER_DEFAULTS.maxTokenBytes && big.length >= SERVER_DEFAULTS.maxTokenBytes - 3, `${big.length} characters`);
      const res = await resource(verifier, big);
      assert.equal(res.statusCode, 200, res.body);
    });

    const keys = SCHEMES[name].keys === 'jwks' ? await jwks(issuer) : [];
    const publicJwk = keys[0] ?? null;
    const attacker = await attackerKey(SCHEMES[name].alg!);
    const attacks = allAttacks({ token, publicJwk, attacker, realKey, maxTokenBytes: SERVER_DEFAULTS.maxTokenBytes });
    assert.ok(attacks.length >= 60, `only ${attacks.length} attacks`);

    await t.test(`${name}: the forgeries meant to be validly signed are`, () => {
      const realVerifyKey = key.kind === 'secret' ? key.secret : publicJwk!;
      assert.ok(signatureValid(token, realVerifyKey), 'the control token');
      const byReal = attacks.filter((a) => a.spec.signer === 'real-key');
      const byAttacker = attacks.filter((a) => a.spec.signer === 'attacker-key');
      assert.ok(byReal.length >= 12 && byAttacker.length >= 8, `${byReal.length} real-key and ${byAttacker.length} attacker-key forgeries`);
      for (const a of byReal) assert.ok(signatureValid(a.token, realVerifyKey), `real key signs: ${a.name}`);
      for (const a of byAttacker) assert.ok(signatureValid(a.token, attacker.signingKey), `attacker key signs: ${a.name}`);
      for (const a of attacks.filter((x) => x.spec.family === 'size limit')) {
        assert.ok(a.token.length > SERVER_DEFAULTS.maxTokenBytes, `${a.name}: ${a.token.length}`);
      }
    });

    for (const attack of attacks) {
      await t.test(`${name}: refuses ${attack.name}`, async () => {
        const res = await resource(verifier, attack.token);
        assert.equal(res.statusCode, 401, `${attack.name}: ${res.statusCode} ${res.body}`);
        assert.match(String(res.headers['www-authenticate']), /^Bearer realm="jwtbench", error="invalid_token"$/);
        assert.deepEqual(res.json(), INVALID_TOKEN_BODY);
      });
    }

    await t.test(`${name}: the control token still gets 200 after the attacks`, async () => {
      const res = await resource(verifier, token);
      assert.equal(res.statusCode, 200, res.body);
    });
  });

  test(`${name} on ${engine}: the issued token carries iss, aud, sub, iat, exp, jti${SCHEMES[name].keys === 'jwks' ? ' and a kid the JWKS publishes' : ''}`, { skip }, async (t) => {
    await issuedTokenClaims(t, name, engine);
  });
}

for (const name of TOKEN_SCHEMES) {
  test(`${name}: a request without Authorization gets the bare challenge, no error code`, async (t) => {
    const { verifier } = await pair(t, name);
    const res = await resource(verifier);
    assert.equal(res.statusCode, 401);
    assert.equal(res.headers['www-authenticate'], 'Bearer realm="jwtbench"');
    assert.doesNotMatch(String(res.headers['www-authenticate']), /error=/);
    assert.deepEqual(Object.keys(res.json() as object).sort(), ['error', 'error_description']);
    assert.notEqual((res.json() as { error: string }).error, 'invalid_token');
    // Another scheme is no Bearer credential either: the same bare challenge.
    const basic = await verifier.app.inject({ method: 'GET', url: '/resource', headers: { authorization: 'Basic YWxpY2U6c2VjcmV0' } });
    assert.equal(basic.statusCode, 401);
    assert.equal(basic.headers['www-authenticate'], 'Bearer realm="jwtbench"');
  });

  test(`${name}: POST /token refuses a body the schema does not allow (400)`, async (t) => {
    const { issuer } = await pair(t, name);
    const bodies: [string, unknown][] = [
      ['without sub', {}],
      ['with an extra property', { sub: 'alice', admin: true }],
      ['with an extra exp claim', { sub: 'alice', exp: 9_999_999_999 }],
      ['with an empty sub', { sub: '' }],
      ['with a sub containing a space', { sub: 'has space' }],
      ['with a number for sub', { sub: 42 }],
      ['with an array for sub', { sub: ['alice'] }],
    ];
    for (const [what, payload] of bodies) {
      await t.test(`${name}: POST /token ${what} gets 400`, async () => {
        const res = await issuer.app.inject({ method: 'POST', url: '/token', payload: payload as object });
        assert.equal(res.statusCode, 400, `${JSON.stringify(payload)} -> ${res.statusCode} ${res.body}`);
      });
    }
  });

}

for (const name of JWKS_SCHEMES) {
  test(`${name}: the JWKS never carries private members, with one key or several`, async (t) => {
    const { issuer } = await pair(t, name);
    const check = (keys: JWK[], expected: number) => {
      assert.equal(keys.length, expected);
      for (const jwk of keys) {
        for (const member of PRIVATE_MEMBERS) assert.ok(!(member in jwk), `${name} JWKS key ${jwk.kid} carries "${member}"`);
        assert.equal(jwk.alg, SCHEMES[name].alg);
        assert.equal(jwk.use, 'sig');
        assert.equal(typeof jwk.kid, 'string');
      }
    };
    check(await jwks(issuer), 1);
    issuer.ring!.publish(await generateSigningKey(SCHEMES[name].alg!));
    check(await jwks(issuer), 2);
  });
}

test('baseline: answers 200 without a token', async (t) => {
  const verifier = await buildVerifier({ scheme: SCHEMES.baseline });
  t.after(() => verifier.app.close());
  const res = await resource(verifier);
  assert.equal(res.statusCode, 200);
  assert.deepEqual(res.json(), { sub: 'anonymous' });
  assert.equal(verifier.tokens, null);
});
