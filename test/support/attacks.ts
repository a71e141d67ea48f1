// The verifier tests' forgeries: every entry of the one attack catalogue (scripts/probe/
// catalog.ts), the probe's and the wider set the reference verifiers must refuse, built from
// one valid token, the issuer's public key, an attacker key, and the REAL key for the policy
// entries (the tests own it). jku/x5u point at a host that never answers here: the reference
// verifier must refuse them without fetching anything.
import { createPublicKey, generateKeyPairSync, randomBytes, type JsonWebKey, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, type JWK } from 'jose';
import { CATALOG, plan, type AttackSpec, type ProbeMaterial } from '../../scripts/probe/catalog.js';
import { b64u, isAlgName, parts, type ForgeKey, type MlDsaForgeKey } from '../../scripts/probe/forge.js';
import { ALGORITHMS, isMlDsa, type AlgName } from '../../core/algorithms.js';
import { akpPublicJwk } from '../../core/akp.js';
import { mlDsaPublicKey } from '../../core/ml-dsa.js';

export interface Attack {
  name: string;
  token: string;
  spec: AttackSpec;
}

export { b64u, parts, signToken, signatureValid } from '../../scripts/probe/forge.js';
export { sizedToken } from '../../scripts/probe/sized-token.js';

/** What these helpers sign with: an HMAC secret (bytes or string), or a private key. */
export type AttackSigningKey = ForgeKey;

/** The attacker's own key of the scheme's algorithm. */
export interface AttackerKey {
  alg: AlgName;
  /** a fresh 32-byte secret (HS256), a fresh private key, or a fresh ML-DSA seed */
  signingKey: Uint8Array | KeyObject | MlDsaForgeKey;
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
  /** the issuer's real key, for the policy entries */
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
  const spec = ALGORITHMS[alg];
  if (isMlDsa(spec)) {
    const seed = new Uint8Array(randomBytes(spec.mlDsa.seedBytes));
    const publicKey = mlDsaPublicKey(spec.mlDsa.name, seed);
    const jwk = akpPublicJwk(spec.mlDsa.name, publicKey) as JWK;
    return { alg, signingKey: { alg: spec.mlDsa.name, seed, publicKey }, jwk, kid: await calculateJwkThumbprint(jwk, 'sha256') };
  }
  const pair = alg === 'RS256' ? generateKeyPairSync('rsa', { modulusLength: 2048 })
    : alg === 'ES256' ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
    : alg === 'EdDSA' ? generateKeyPairSync('ed25519')
    : null;
  if (!pair) throw new Error(`attacks.ts has no attacker key for ${alg}`);
  const jwk = pair.publicKey.export({ format: 'jwk' }) as JWK;
  return { alg, signingKey: pair.privateKey, jwk, kid: await calculateJwkThumbprint(jwk, 'sha256') };
}

/** The public key as node:crypto holds it; null for secrets, and for AKP keys where node:crypto has no ML-DSA (their JWK stands for them). */
function publicKeyObject(jwk: JWK | null): KeyObject | null {
  if (!jwk || jwk.kty === 'oct') return null;
  try {
    return createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' });
  } catch (error) {
    if (jwk.kty === 'AKP') return null;
    throw error;
  }
}

/** Every catalogue entry that applies to this scheme's token, built; names are unique. */
export function allAttacks(m: AttackMaterial): Attack[] {
  const { h, p, s, header, payload } = parts(m.token);
  if (!isAlgName(header.alg)) throw new Error(`alg ${String(header.alg)}`);
  const material: ProbeMaterial = {
    token: m.token, h, p, s, header, payload, alg: header.alg,
    publicKey: publicKeyObject(m.publicJwk),
    publicJwk: m.publicJwk, publicKeyFile: null, signing: m.realKey,
    attacker: { key: m.attacker.signingKey, jwk: m.attacker.jwk, kid: m.attacker.kid },
    attackerHost: { jwksUrl: 'https://attacker.example/.well-known/jwks.json', x5uUrl: 'https://attacker.example/cert.pem' },
    weakSecret: null, secretSearch: null, maxTokenBytes: m.maxTokenBytes ?? 8 * 1024,
  };
  const attacks = CATALOG.flatMap((spec) => {
    const built = plan(spec, material);
    return 'token' in built ? [{ name: `${spec.id}: ${spec.title}`, token: built.token, spec }] : [];
  });
  const names = new Set(attacks.map((a) => a.name));
  if (names.size !== attacks.length) throw new Error('attack names must be unique');
  return attacks;
}
