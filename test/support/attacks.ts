// Token forgeries for the verifier tests: each family starts from one valid token and uses only
// what an attacker would have — the token itself, the issuer's public keys (its JWKS is public),
// keys of their own — except the claims and size families, which sign with the REAL key so
// that the one rule under test is the only thing that can refuse them (the tests own that key).
// Signing is scripts/probe/forge.ts, raw node:crypto: an attacker's tooling does not validate headers.
import { createPublicKey, generateKeyPairSync, randomBytes, type JsonWebKey, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, type JWK } from 'jose';
import { b64u, parts, signToken, type ForgeKey, type JsonObject } from '../../scripts/probe/forge.js';
import type { AlgName } from '../../core/algorithms.js';

export interface Attack {
  name: string;
  token: string;
}

export { b64u, parts, signToken, signatureValid } from '../../scripts/probe/forge.js';

/** What these helpers sign with: an HMAC secret (bytes or string), or a private key. */
export type AttackSigningKey = ForgeKey;

/** The attacker's own key of the scheme's algorithm. */
export interface AttackerKey {
  alg: AlgName;
  /** a fresh 32-byte secret (HS256) or a fresh private key */
  signingKey: Uint8Array | KeyObject;
  /** what the attacker would embed or host: the public JWK, or for HMAC the secret as an oct JWK */
  jwk: JWK;
  /** RFC 7638 thumbprint of jwk: a well-formed kid the issuer never published */
  kid: string;
}

export interface AttackMaterial {
  /** a valid token freshly minted by the issuer */
  token: string;
  /** the issuer's public JWK as its JWKS publishes it; null for shared-secret schemes */
  publicJwk: JWK | null;
  attacker: AttackerKey;
  /** the issuer's real key, for the claims and size families only */
  realKey: AttackSigningKey;
  /** the verifier's size limit (default 8 KiB) */
  maxTokenBytes?: number;
}

/** A fresh key of the same kind as the issuer's: what "another valid key of the right algorithm" means. */
export async function attackerKey(alg: AlgName): Promise<AttackerKey> {
  if (alg === 'HS256') {
    const secret = new Uint8Array(randomBytes(32));
    const jwk: JWK = { kty: 'oct', k: b64u(secret) };
    return { alg, signingKey: secret, jwk, kid: await calculateJwkThumbprint(jwk, 'sha256') };
  }
  const pair = alg === 'RS256' ? generateKeyPairSync('rsa', { modulusLength: 2048 })
    : alg === 'ES256' ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
    : alg === 'EdDSA' ? generateKeyPairSync('ed25519')
    : null;
  if (!pair) throw new Error(`attacks.ts has no attacker key for ${alg}`);
  const jwk = pair.publicKey.export({ format: 'jwk' }) as JWK;
  return { alg, signingKey: pair.privateKey, jwk, kid: await calculateJwkThumbprint(jwk, 'sha256') };
}

// --- the families ---------------------------------------------------------------------------

/**
 * alg "none" (RFC 7518 §3.6): an unsecured JWS. A verifier that takes the algorithm from the
 * token accepts it with no key at all. Case variants catch case-insensitive allow-lists;
 * keeping the original signature catches verifiers that skip the check for "none" but still
 * demand three non-empty segments.
 */
export function algNoneAttacks(token: string): Attack[] {
  const { p, s, header } = parts(token);
  return ['none', 'None', 'NONE', 'nOnE'].flatMap((alg) => {
    const h = b64u(JSON.stringify({ ...header, alg }));
    return [
      { name: `alg "${alg}" with an empty signature`, token: `${h}.${p}.` },
      { name: `alg "${alg}" keeping the original signature`, token: `${h}.${p}.${s}` },
    ];
  });
}

/**
 * Algorithm confusion (CVE-2015-9235 and kin): switch an asymmetric token to HS256 and HMAC it
 * with the public key, which the attacker has. A verifier that feeds "the key" to whatever alg
 * the header names computes the same HMAC. Serialisations a library might use as the "secret":
 * SPKI PEM with and without its trailing newline, SPKI DER, PKCS#1 PEM (RSA), the JWK JSON.
 */
export function algConfusionAttacks(token: string, publicJwk: JWK | null): Attack[] {
  if (!publicJwk || publicJwk.kty === 'oct') return [];
  const { payload, header } = parts(token);
  const pub = createPublicKey({ key: publicJwk as JsonWebKey, format: 'jwk' });
  const pem = pub.export({ type: 'spki', format: 'pem' }) as string;
  const secrets: [string, string | Uint8Array][] = [
    ['the SPKI PEM with its trailing newline', pem.endsWith('\n') ? pem : `${pem}\n`],
    ['the SPKI PEM without a trailing newline', pem.trimEnd()],
    ['the SPKI DER bytes', pub.export({ type: 'spki', format: 'der' })],
    ['the published JWK JSON', JSON.stringify(publicJwk)],
    ['the bare public JWK JSON', JSON.stringify(pub.export({ format: 'jwk' }))],
  ];
  if (publicJwk.kty === 'RSA') secrets.push(['the PKCS#1 PEM', pub.export({ type: 'pkcs1', format: 'pem' }) as string]);
  return secrets.map(([what, secret]) => ({
    name: `${String(header.alg)} to HS256 confusion, HMAC keyed with ${what}`,
    token: signToken({ ...header, alg: 'HS256' }, payload, secret),
  }));
}

/**
 * The header's alg swapped for another one, signature untouched: catches verifiers whose
 * allow-list is wider than the scheme (e.g. accepting RS256 and PS256 for one RSA key).
 */
export function algSubstitutionAttacks(token: string): Attack[] {
  const { p, s, header } = parts(token);
  const others = ['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'PS256', 'ES256', 'ES384', 'ES256K', 'EdDSA', 'Ed25519'];
  return others.filter((alg) => alg !== header.alg).map((alg) => ({
    name: `alg switched to ${alg}, original signature kept`,
    token: `${b64u(JSON.stringify({ ...header, alg }))}.${p}.${s}`,
  }));
}

/**
 * Signature stripping, wrong segment counts and tampering: a verifier that "decodes" instead
 * of verifying, or that splits on dots loosely, accepts some of these.
 */
export function tamperingAttacks(token: string): Attack[] {
  const { h, p, s, payload } = parts(token);
  const sig = Buffer.from(s, 'base64url');
  sig[0] = sig[0]! ^ 0x01;
  return [
    { name: 'signature stripped (header.payload.)', token: `${h}.${p}.` },
    { name: 'signature segment missing (header.payload)', token: `${h}.${p}` },
    { name: 'an extra segment (header.payload.signature.signature)', token: `${h}.${p}.${s}.${s}` },
    { name: 'an empty fourth segment (header.payload.signature.)', token: `${h}.${p}.${s}.` },
    { name: 'five segments (the JWE shape)', token: `${h}.${p}.${s}.${p}.${s}` },
    { name: 'one signature bit flipped', token: `${h}.${p}.${b64u(sig)}` },
    { name: 'signature truncated', token: `${h}.${p}.${s.slice(0, Math.floor(s.length / 2))}` },
    { name: 'sub changed to admin, original signature kept', token: `${h}.${b64u(JSON.stringify({ ...payload, sub: 'admin' }))}.${s}` },
  ];
}

/**
 * An embedded jwk header (CVE-2018-0114): the token carries the attacker's public key and is
 * signed with its private key; a verifier that trusts the header's key verifies it.
 */
export function embeddedJwkAttacks(token: string, attacker: AttackerKey): Attack[] {
  const { payload, header } = parts(token);
  return [
    { name: 'embedded jwk header with the attacker\'s kid', token: signToken({ ...header, kid: attacker.kid, jwk: attacker.jwk }, payload, attacker.signingKey) },
    { name: 'embedded jwk header keeping the real kid', token: signToken({ ...header, jwk: attacker.jwk }, payload, attacker.signingKey) },
  ];
}

/**
 * jku / x5u headers naming the attacker's URL: a verifier that fetches keys from where the
 * token says fetches the attacker's key (and makes requests for them: SSRF).
 */
export function remoteKeyUrlAttacks(token: string, attacker: AttackerKey, url = 'https://attacker.example/.well-known/jwks.json'): Attack[] {
  const { payload, header } = parts(token);
  const certUrl = url.replace(/[^/]*$/, 'cert.pem');
  return [
    { name: 'jku header naming the attacker\'s JWKS', token: signToken({ ...header, kid: attacker.kid, jku: url }, payload, attacker.signingKey) },
    { name: 'jku header naming the attacker\'s JWKS with the real kid', token: signToken({ ...header, jku: url }, payload, attacker.signingKey) },
    { name: 'jku header naming an internal address', token: signToken({ ...header, kid: attacker.kid, jku: 'http://127.0.0.1:1/jwks.json' }, payload, attacker.signingKey) },
    { name: 'x5u header naming the attacker\'s certificate', token: signToken({ ...header, kid: attacker.kid, x5u: certUrl }, payload, attacker.signingKey) },
  ];
}

/**
 * kid injection: verifiers that use kid as a file path or in a SQL query can be made to load
 * a key the attacker knows (/dev/null is empty; a UNION SELECT returns the attacker's string).
 * Each kid is tried HS256-signed with the secret the injection would yield, and (asymmetric
 * schemes) signed by the attacker's key under the scheme's algorithm.
 */
export function kidInjectionAttacks(token: string, attacker: AttackerKey): Attack[] {
  const { payload, header } = parts(token);
  const cases: { kid: string; what: string; secret: string }[] = [
    { kid: '../../../../dev/null', what: 'path traversal to /dev/null', secret: '' },
    { kid: '/etc/passwd', what: 'absolute path /etc/passwd', secret: 'root:x:0:0:root:/root:/bin/bash\n' },
    { kid: '../../../../../../etc/passwd', what: 'path traversal to /etc/passwd', secret: '' },
    { kid: "' OR '1'='1", what: "SQL injection ' OR '1'='1", secret: '' },
    { kid: "x' UNION SELECT 'key' --", what: 'SQL injection UNION SELECT', secret: 'key' },
    { kid: 'a\u0000b', what: 'a NUL byte', secret: '' },
    { kid: 'k'.repeat(300), what: '300 characters', secret: '' },
  ];
  return cases.flatMap(({ kid, what, secret }) => {
    const hmac: Attack = {
      name: `kid with ${what}, HS256 with ${secret === '' ? 'an empty' : 'a known'} secret`,
      token: signToken({ ...header, alg: 'HS256', kid }, payload, secret),
    };
    const own: Attack = { name: `kid with ${what}, signed by the attacker's key`, token: signToken({ ...header, kid }, payload, attacker.signingKey) };
    return [hmac, own];
  });
}

/**
 * A token signed by another valid key of the right algorithm (another issuer, a test key, a
 * leaked staging key): well-formed in every way but the key. Tried with the issuer's real kid
 * (the verifier finds a key and must still refuse) and with the attacker's own kid.
 */
export function foreignKeyAttacks(token: string, attacker: AttackerKey): Attack[] {
  const { payload, header } = parts(token);
  const attacks: Attack[] = [{ name: 'signed by another key of the same algorithm', token: signToken(header, payload, attacker.signingKey) }];
  if (header.kid !== undefined) {
    attacks.push({ name: 'signed by another key of the same algorithm under its own kid', token: signToken({ ...header, kid: attacker.kid }, payload, attacker.signingKey) });
  }
  return attacks;
}

/**
 * Claims a verifier must check, signed with the REAL key so only the claim check can refuse:
 * lifetime (exp, nbf, iat, beyond the 5 s tolerance), audience and issuer (a token for another
 * API or from another issuer), required claims, and a crit header naming an extension the
 * verifier does not understand (RFC 7515 §4.1.11: it must then refuse the token).
 */
export function claimsAttacks(token: string, realKey: AttackSigningKey): Attack[] {
  const { payload, header } = parts(token);
  const now = Math.floor(Date.now() / 1000);
  const without = (claim: string): JsonObject => {
    const copy = { ...payload };
    delete copy[claim];
    return copy;
  };
  const claims: [string, JsonObject][] = [
    ['expired a minute ago (beyond the 5 s tolerance)', { ...payload, iat: now - 120, exp: now - 60 }],
    ['expired a day ago', { ...payload, iat: now - 86_400 - 300, exp: now - 86_400 }],
    ['nbf one hour in the future', { ...payload, nbf: now + 3600 }],
    ['iat one hour in the future', { ...payload, iat: now + 3600, exp: now + 3900 }],
    ['issued two hours ago (older than the max token age)', { ...payload, iat: now - 7200, exp: now + 300 }],
    ['wrong iss', { ...payload, iss: 'https://attacker.example' }],
    ['wrong aud', { ...payload, aud: 'another-api' }],
    ['aud array without our audience', { ...payload, aud: ['another-api', 'yet-another-api'] }],
    ['missing exp', without('exp')],
    ['missing iss', without('iss')],
    ['missing aud', without('aud')],
    ['missing sub', without('sub')],
    ['exp as a string', { ...payload, exp: String(now + 300) }],
  ];
  return [
    ...claims.map(([name, claimSet]) => ({ name: `real key, ${name}`, token: signToken(header, claimSet, realKey) })),
    { name: 'real key, crit naming an unknown extension', token: signToken({ ...header, crit: ['x-unknown'], 'x-unknown': true }, payload, realKey) },
  ];
}

/**
 * The same claims, signed with the real key and padded with an extra claim: the longest token
 * of at most `length` characters ('at-most'), or the shortest of at least `length` ('at-least').
 * (Not every length exists: an unpadded base64url segment is never 1 mod 4 characters long.)
 */
export function sizedToken(token: string, realKey: AttackSigningKey, length: number, fit: 'at-most' | 'at-least' = 'at-most'): string {
  const { payload, header } = parts(token);
  const make = (n: number) => signToken(header, { ...payload, pad: 'A'.repeat(n) }, realKey);
  const base = make(0).length;
  if (base > length) throw new Error(`the token is already ${base} characters`);
  // Each 3 padding characters add 4 base64url characters: start just below and step up.
  let n = Math.max(0, Math.floor(((length - base) * 3) / 4) - 3);
  let below = make(n);
  if (below.length > length) throw new Error('sizedToken started above the target');
  for (;;) {
    const next = make(n + 1);
    if (next.length > length) return fit === 'at-most' || below.length === length ? below : next;
    below = next;
    n += 1;
  }
}

/**
 * Oversized tokens, validly signed with the real key so only the size rule refuses them: the
 * limit bounds the work (base64 decode, JSON parse, hashing) an unauthenticated client can cause.
 */
export function oversizedAttacks(token: string, realKey: AttackSigningKey, maxTokenBytes = 8 * 1024): Attack[] {
  return [
    { name: 'real key, just over the size limit', token: sizedToken(token, realKey, maxTokenBytes + 1, 'at-least') },
    { name: 'real key, four times the size limit', token: sizedToken(token, realKey, maxTokenBytes * 4, 'at-least') },
  ];
}

/**
 * Input that is not a JWS at all: characters outside base64url, headers and payloads that are
 * not JSON objects (the payload ones signed with the real key so the signature is fine), and
 * random bytes. A verifier must refuse these as invalid tokens, never fail with a 500.
 */
export function malformedAttacks(token: string, realKey: AttackSigningKey): Attack[] {
  const { h, p, s, header } = parts(token);
  const printable = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-_~+/';
  const randomText = Array.from(randomBytes(96), (b) => printable[b % printable.length]).join('');
  return [
    { name: 'non-base64url "+" in the payload', token: `${h}.${p.slice(0, -1)}+.${s}` },
    { name: 'non-base64url "/" in the signature', token: `${h}.${p}.${s.slice(0, -1)}/` },
    { name: 'base64 "=" padding on the signature', token: `${h}.${p}.${s}=` },
    { name: 'non-base64url "!" in the header', token: `${h}!.${p}.${s}` },
    { name: 'percent-encoded signature', token: `${h}.${p}.${s}%3D` },
    { name: 'non-JSON header segment', token: `${b64u('not json')}.${p}.${s}` },
    { name: 'header is a JSON array', token: `${b64u('[]')}.${p}.${s}` },
    { name: 'header is JSON null', token: `${b64u('null')}.${p}.${s}` },
    { name: 'header alg is a number', token: `${b64u(JSON.stringify({ ...header, alg: 256 }))}.${p}.${s}` },
    { name: 'real key, non-JSON payload', token: signToken(header, 'not json', realKey) },
    { name: 'real key, payload is a JSON array', token: signToken(header, '["sub","admin"]', realKey) },
    { name: 'real key, payload is raw binary', token: signToken(header, new Uint8Array(randomBytes(48)), realKey) },
    { name: '64 random bytes, base64url', token: b64u(randomBytes(64)) },
    { name: 'three random base64url segments', token: `${b64u(randomBytes(24))}.${b64u(randomBytes(48))}.${b64u(randomBytes(64))}` },
    { name: 'a random printable string with dots', token: randomText.replace(/^(.{20})(.{30})/, '$1.$2.') },
    { name: 'just dots', token: '..' },
  ];
}

/** Every family, for one scheme's material. Names are unique. */
export function allAttacks(m: AttackMaterial): Attack[] {
  const attacks = [
    ...algNoneAttacks(m.token),
    ...algConfusionAttacks(m.token, m.publicJwk),
    ...algSubstitutionAttacks(m.token),
    ...tamperingAttacks(m.token),
    ...embeddedJwkAttacks(m.token, m.attacker),
    ...remoteKeyUrlAttacks(m.token, m.attacker),
    ...kidInjectionAttacks(m.token, m.attacker),
    ...foreignKeyAttacks(m.token, m.attacker),
    ...claimsAttacks(m.token, m.realKey),
    ...oversizedAttacks(m.token, m.realKey, m.maxTokenBytes),
    ...malformedAttacks(m.token, m.realKey),
  ];
  const names = new Set(attacks.map((a) => a.name));
  if (names.size !== attacks.length) throw new Error('attack names must be unique');
  return attacks;
}
