// The AKP ("Algorithm Key Pair") JSON Web Key of draft-ietf-cose-dilithium-11 §3-4 for ML-DSA:
// { kty: "AKP", alg, pub, priv? } with `pub` the FIPS 204 public key and `priv` the 32-byte
// seed, both base64url. A JWKS carries the public form only.
import { ALGORITHMS, isAlgName, type MlDsaAlgName } from './algorithms.js';
import { JwtbenchError } from './errors.js';
import { mlDsaPublicKey } from './ml-dsa.js';

export interface AkpJwk {
  kty: 'AKP';
  alg: MlDsaAlgName;
  pub: string;
  priv?: string;
  kid?: string;
}

export interface AkpKey {
  alg: MlDsaAlgName;
  publicKey: Uint8Array;
  /** the seed, when the JWK is a private one */
  seed: Uint8Array | null;
}

const b64u = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');

/** The public AKP JWK for a JWKS (never `priv`). */
export function akpPublicJwk(alg: MlDsaAlgName, publicKey: Uint8Array, kid?: string): AkpJwk {
  return { kty: 'AKP', alg, pub: b64u(publicKey), ...(kid === undefined ? {} : { kid }) };
}

/** The private AKP JWK: the public one plus the seed. */
export function akpPrivateJwk(alg: MlDsaAlgName, seed: Uint8Array, publicKey: Uint8Array, kid?: string): AkpJwk {
  return { ...akpPublicJwk(alg, publicKey, kid), priv: b64u(seed) };
}

function bytesOf(value: unknown): Uint8Array | null {
  // base64url without padding (RFC 7515 §2): Buffer would quietly skip any other character.
  if (typeof value !== 'string' || !/^[A-Za-z0-9_-]*$/.test(value)) return null;
  return new Uint8Array(Buffer.from(value, 'base64url'));
}

/**
 * Reads an AKP JWK that must be for `expected`; `name` says which key it is in the error
 * (a file, a JWKS kid); `need: 'private'` asks for the seed too. Checks what §7.3 and §7.4 ask: the parameter set, the lengths, and
 * that `priv` expands to `pub`.
 */
export function parseAkpJwk(jwk: unknown, expected: MlDsaAlgName, name: string, need: 'public' | 'private' = 'public'): AkpKey {
  const bad = (problem: string) => new JwtbenchError('JWTBENCH_BAD_KEY', `${name}: ${problem}; expected an ${expected} AKP JWK ({"kty":"AKP","alg":"${expected}","pub":...})`);
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk)) throw bad('is not a JSON object');
  const { kty, alg, pub, priv } = jwk as Record<string, unknown>;
  if (kty !== 'AKP') throw bad(`has kty ${JSON.stringify(kty)}, not "AKP"`);
  if (alg === undefined) throw bad('has no alg (AKP keys must name their algorithm)');
  if (alg !== expected) {
    const set = typeof alg === 'string' && isAlgName(alg) && ALGORITHMS[alg].mlDsa ? 'the wrong ML-DSA parameter set' : 'an algorithm that is not ML-DSA';
    throw bad(`is for ${JSON.stringify(alg)}, ${set}`);
  }
  const sizes = ALGORITHMS[expected].mlDsa!;
  const publicKey = bytesOf(pub);
  if (publicKey === null) throw bad('has no base64url pub');
  if (publicKey.length !== sizes.publicKeyBytes) throw bad(`has a ${publicKey.length}-byte pub, not ${sizes.publicKeyBytes} bytes`);
  if (priv === undefined) {
    if (need === 'private') throw bad('has no priv (a private key holds the 32-byte seed)');
    return { alg: expected, publicKey, seed: null };
  }
  const seed = bytesOf(priv);
  if (seed === null) throw bad('has a priv that is not base64url');
  if (seed.length !== sizes.seedBytes) throw bad(`has a ${seed.length}-byte priv, not the ${sizes.seedBytes}-byte seed`);
  if (Buffer.compare(Buffer.from(mlDsaPublicKey(expected, seed)), Buffer.from(publicKey)) !== 0) throw bad('has a priv that does not match its pub');
  return { alg: expected, publicKey, seed };
}
