// Building tokens the way an attacker's tooling does: any header, any payload, signed with raw
// node:crypto under whatever alg the header names (no library that would refuse a bad header).
import { KeyObject, createHmac, createPublicKey, sign as cryptoSign, timingSafeEqual, verify as cryptoVerify, type JsonWebKey, type webcrypto } from 'node:crypto';
import type { CryptoKey, JWK } from 'jose';
import type { AkpKey } from '../../core/akp.js';
import { ALGORITHMS, type AlgName } from '../../core/algorithms.js';
import { ML_DSA } from '../../core/ml-dsa.js';

export type JsonObject = Record<string, unknown>;

/** An ML-DSA key as the attacker holds it: the seed and the public key (node:crypto has no ML-DSA before Node 24). */
export type MlDsaForgeKey = AkpKey & { seed: Uint8Array };

/** What a token is signed with: an HMAC secret (bytes or text), a private key, or an ML-DSA seed. */
export type ForgeKey = Uint8Array | string | KeyObject | CryptoKey | MlDsaForgeKey;

const isMlDsaKey = (key: unknown): key is MlDsaForgeKey => typeof key === 'object' && key !== null && 'seed' in key && 'publicKey' in key;

export function b64u(data: string | Uint8Array): string {
  return Buffer.from(typeof data === 'string' ? Buffer.from(data, 'utf8') : data).toString('base64url');
}

function json(segment: string): JsonObject {
  const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not a JSON object');
  return value as JsonObject;
}

/** The three segments of a compact JWS, with its header and payload decoded. */
export function parts(token: string): { h: string; p: string; s: string; header: JsonObject; payload: JsonObject } {
  const [h, p, s, ...rest] = token.split('.');
  if (h === undefined || p === undefined || s === undefined || rest.length > 0) throw new Error('not a compact JWS (header.payload.signature)');
  return { h, p, s, header: json(h), payload: json(p) };
}

export function isAlgName(alg: unknown): alg is AlgName {
  return typeof alg === 'string' && Object.hasOwn(ALGORITHMS, alg);
}

function toKeyObject(key: KeyObject | CryptoKey): KeyObject {
  return key instanceof KeyObject ? key : KeyObject.from(key as unknown as webcrypto.CryptoKey);
}

/** The base64url signature of `input` under `alg` (any JWS algorithm) with `key`. */
export function signature(alg: string, input: string, key: ForgeKey): string {
  if (!isAlgName(alg)) throw new Error(`cannot sign ${alg}`);
  const spec = ALGORITHMS[alg];
  const data = Buffer.from(input, 'ascii');
  if (spec.family === 'hmac') {
    if (isMlDsaKey(key)) throw new Error(`${alg} signs with a secret, not an ML-DSA key`);
    const secret = typeof key === 'string' || key instanceof Uint8Array ? key : toKeyObject(key);
    return createHmac(spec.node.digest!, secret).update(data).digest('base64url');
  }
  if (typeof key === 'string' || key instanceof Uint8Array) throw new Error(`${alg} signs with a private key, not a secret`);
  if (spec.mlDsa || isMlDsaKey(key)) {
    if (!spec.mlDsa || !isMlDsaKey(key) || key.alg !== alg) throw new Error(`${alg} cannot be signed with this key`);
    const dsa = ML_DSA[key.alg];
    return Buffer.from(dsa.sign(data, dsa.keygen(key.seed).secretKey)).toString('base64url');
  }
  const { digest, ...options } = spec.node;
  return cryptoSign(digest, data, { key: toKeyObject(key), ...options }).toString('base64url');
}

/** Signs any header and payload (an object, or raw text/bytes for a non-JSON payload) with header.alg. */
export function signToken(header: JsonObject, payload: JsonObject | string | Uint8Array, key: ForgeKey): string {
  const body = typeof payload === 'string' || payload instanceof Uint8Array ? b64u(payload) : b64u(JSON.stringify(payload));
  const input = `${b64u(JSON.stringify(header))}.${body}`;
  return `${input}.${signature(String(header.alg), input, key)}`;
}

/**
 * Whether a token's signature checks out under header.alg with this key (a secret, or a public
 * or private key object / JWK), ignoring every claim.
 */
export function signatureValid(token: string, key: Uint8Array | string | KeyObject | JWK | MlDsaForgeKey): boolean {
  const segments = token.split('.');
  if (segments.length !== 3) return false;
  const [h, p, s] = segments as [string, string, string];
  let alg: unknown;
  try {
    alg = json(h).alg;
  } catch {
    return false;
  }
  if (!isAlgName(alg)) return false;
  const spec = ALGORITHMS[alg];
  const input = Buffer.from(`${h}.${p}`, 'ascii');
  const sig = Buffer.from(s, 'base64url');
  if (spec.family === 'hmac') {
    if (!(typeof key === 'string' || key instanceof Uint8Array)) return false;
    const mac = createHmac(spec.node.digest!, key).update(input).digest();
    return mac.length === sig.length && timingSafeEqual(mac, sig);
  }
  if (typeof key === 'string' || key instanceof Uint8Array) return false;
  if (spec.mlDsa) {
    const publicKey = isMlDsaKey(key) ? key.publicKey : 'pub' in key && typeof key.pub === 'string' ? Buffer.from(key.pub, 'base64url') : null;
    const keyAlg = isMlDsaKey(key) ? key.alg : (key as JWK).alg;
    return publicKey !== null && keyAlg === alg && ML_DSA[spec.mlDsa.name].verify(sig, input, publicKey);
  }
  if (isMlDsaKey(key)) return false;
  const pub = key instanceof KeyObject ? (key.type === 'private' ? createPublicKey(key) : key) : createPublicKey({ key: key as JsonWebKey, format: 'jwk' });
  const { digest, ...options } = spec.node;
  try {
    return cryptoVerify(digest, input, { key: pub, ...options }, sig);
  } catch {
    return false; // a key of the wrong type for the alg
  }
}
