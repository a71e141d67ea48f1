// Keys for the reference servers: generated at start-up, or read from a file the user names.
// Never committed, never in argv. Each asymmetric key carries its RFC 7638 thumbprint as kid.
import { createPrivateKey, createPublicKey, randomBytes, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importPKCS8, type CryptoKey, type JWK } from 'jose';
import { akpPublicJwk, parseAkpJwk } from '../core/akp.js';
import { ALGORITHMS, hasKeyBits, isMlDsa, type AlgName, type MlDsaAlgName } from '../core/algorithms.js';
import { mlDsaPublicKey } from '../core/ml-dsa.js';
import type { MlDsaPrivateKey } from './engines/types.js';
import { JwtbenchError, errorMessage } from '../core/errors.js';
import { SERVER_DEFAULTS } from './defaults.js';
import { withoutTrailingNewline } from '../core/secret-bytes.js';
import type { SchemeSpec } from '../core/schemes.js';

export interface SigningKey {
  kid: string;
  alg: AlgName;
  /** a WebCrypto key, or for ML-DSA the seed (no WebCrypto ML-DSA before Node 24.7) */
  privateKey: CryptoKey | MlDsaPrivateKey;
  /** public parts only: what the JWKS publishes */
  publicJwk: JWK;
}

export type SchemeKey =
  | { kind: 'none' }
  | { kind: 'secret'; secret: Uint8Array }
  | { kind: 'signing'; key: SigningKey };

// Assembled so that no file in the repository carries a PEM private-key line, not even this label.
const PKCS8_LABEL = ['-----BEGIN', 'PRIVATE', 'KEY-----'].join(' ');

/** RFC 7518's private members, and the AKP seed (draft-ietf-cose-dilithium-11). */
const PRIVATE_JWK_FIELDS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k', 'priv'] as const;

/** A JWK with every private member removed, checked rather than trusted. */
export function publicOnly(jwk: JWK): JWK {
  const copy: Record<string, unknown> = { ...jwk };
  for (const field of PRIVATE_JWK_FIELDS) delete copy[field];
  return copy as JWK;
}

async function signingKey(alg: AlgName, privateKey: SigningKey['privateKey'], jwk: JWK): Promise<SigningKey> {
  const publicJwk = publicOnly(jwk);
  const kid = await calculateJwkThumbprint(publicJwk, 'sha256');
  return { kid, alg, privateKey, publicJwk: { ...publicJwk, kid, alg, use: 'sig' } };
}

/** An ML-DSA key from its seed: the AKP JWK is the public key it expands to. */
function mlDsaSigningKey(alg: MlDsaAlgName, seed: Uint8Array): Promise<SigningKey> {
  const publicKey = mlDsaPublicKey(alg, seed);
  return signingKey(alg, { alg, seed, publicKey }, akpPublicJwk(alg, publicKey) as JWK);
}

export async function generateSigningKey(alg: AlgName): Promise<SigningKey> {
  const spec = ALGORITHMS[alg];
  if (isMlDsa(spec)) return mlDsaSigningKey(spec.mlDsa.name, new Uint8Array(randomBytes(spec.mlDsa.seedBytes)));
  const bits = ALGORITHMS[alg].defaultKeyBits;
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: false, ...(bits === null ? {} : { modulusLength: bits }) });
  return signingKey(alg, privateKey, await exportJWK(publicKey));
}

export function generateSecret(bytes = SERVER_DEFAULTS.minSecretBytes): Uint8Array {
  return new Uint8Array(randomBytes(bytes));
}

export async function generateSchemeKey(scheme: SchemeSpec): Promise<SchemeKey> {
  if (scheme.keys === 'none') return { kind: 'none' };
  if (scheme.keys === 'shared-secret') return { kind: 'secret', secret: generateSecret() };
  return { kind: 'signing', key: await generateSigningKey(scheme.alg) };
}

/** An ML-DSA --key: a private AKP JWK (with the seed) for the scheme's parameter set. */
async function loadMlDsaKey(alg: MlDsaAlgName, path: string, text: string): Promise<SchemeKey> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new JwtbenchError('JWTBENCH_BAD_KEY', `--key ${path}: not valid JSON; expected an ${alg} AKP JWK ({"kty":"AKP","alg":"${alg}","pub":...,"priv":...})`);
  }
  const { seed } = parseAkpJwk(json, alg, `--key ${path}`, 'private');
  return { kind: 'signing', key: await mlDsaSigningKey(alg, seed!) };
}

/** Reads --key: the shared secret (hs256), a PKCS#8 PEM private key of the scheme's type, or an AKP JWK for ML-DSA. */
export async function loadSchemeKey(scheme: SchemeSpec, path: string): Promise<SchemeKey> {
  const bad = (why: string) => new JwtbenchError('JWTBENCH_BAD_FLAG', `--key ${path}: ${why}`);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw bad(`cannot read it (${(error as NodeJS.ErrnoException).code ?? errorMessage(error)})`);
  }
  if (scheme.keys === 'none') throw bad(`the ${scheme.name} scheme uses no key`);
  if (scheme.keys === 'shared-secret') {
    const secret = withoutTrailingNewline(bytes);
    if (secret.length < SERVER_DEFAULTS.minSecretBytes) {
      throw bad(`the shared secret is ${secret.length} bytes; ${scheme.alg} needs at least ${SERVER_DEFAULTS.minSecretBytes} (RFC 7518 §3.2)`);
    }
    return { kind: 'secret', secret: new Uint8Array(secret) };
  }
  const alg = scheme.alg;
  const spec = ALGORITHMS[alg];
  if (isMlDsa(spec)) return loadMlDsaKey(spec.mlDsa.name, path, bytes.toString('utf8'));
  const pem = bytes.toString('utf8');
  if (!pem.includes(PKCS8_LABEL)) throw bad(`expected a PKCS#8 PEM private key ("${PKCS8_LABEL}")`);
  let keyObject: KeyObject;
  try {
    keyObject = createPrivateKey(pem);
  } catch (error) {
    throw bad(`not a readable private key (${errorMessage(error)})`);
  }
  const expected = spec.privateKey;
  const curve = keyObject.asymmetricKeyDetails?.namedCurve;
  if (expected === null || keyObject.asymmetricKeyType !== expected.type || (expected.curve && curve !== expected.curve)) {
    throw bad(`a ${keyObject.asymmetricKeyType}${curve ? ` ${curve}` : ''} key cannot sign ${alg}`);
  }
  const minBits = hasKeyBits(spec) ? Math.min(...spec.keyBits) : 0;
  if ((keyObject.asymmetricKeyDetails?.modulusLength ?? minBits) < minBits) throw bad(`RSA keys must be at least ${minBits} bits`);
  const privateKey = await importPKCS8(pem, alg);
  return { kind: 'signing', key: await signingKey(alg, privateKey, createPublicKey(keyObject).export({ format: 'jwk' }) as JWK) };
}
