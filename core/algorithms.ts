// The one table of JWS algorithms (RFC 7518 §3, RFC 8037, and ML-DSA after
// draft-ietf-cose-dilithium-11). Everything that needs to know
// about an algorithm — key generation, the node:crypto floor, the matrix — reads it from here.
import { constants } from 'node:crypto';

export type HmacAlgName = 'HS256' | 'HS384' | 'HS512';
/** the algorithms that sign with a private key and verify with a public one */
export type AsymmetricAlgName = Exclude<AlgName, HmacAlgName>;

export type AlgName =
  | HmacAlgName
  | 'RS256' | 'RS384' | 'RS512'
  | 'PS256' | 'PS384' | 'PS512'
  | 'ES256' | 'ES384' | 'ES512'
  | 'EdDSA'
  | MlDsaAlgName;

export type MlDsaAlgName = 'ML-DSA-44' | 'ML-DSA-65' | 'ML-DSA-87';
export type Family = 'hmac' | 'rsa' | 'rsa-pss' | 'ecdsa' | 'eddsa' | 'ml-dsa';
export type Hash = 'sha256' | 'sha384' | 'sha512';

/** How node:crypto signs for this algorithm: the arguments to crypto.sign / createHmac. */
export interface NodeSignParams {
  /** digest for crypto.sign / createHmac; null for EdDSA, which hashes internally */
  digest: Hash | null;
  padding?: number;
  saltLength?: number;
  dsaEncoding?: 'ieee-p1363';
}

export interface AlgorithmSpec {
  name: AlgName;
  family: Family;
  hash: Hash | null;
  /** RSA modulus sizes the matrix may use; empty for non-RSA */
  keyBits: readonly number[];
  /** key size used when the user does not ask for one */
  defaultKeyBits: number | null;
  /** HMAC secret length in bytes (the hash output size, RFC 7518 §3.2) */
  secretBytes?: number;
  /** EC curve name for node:crypto key generation */
  namedCurve?: 'P-256' | 'P-384' | 'P-521';
  node: NodeSignParams;
  /**
   * The private key it signs with, as node:crypto names it (KeyObject.asymmetricKeyType and,
   * for EC, the OpenSSL curve name): what a --key file must hold. null: an HMAC secret.
   */
  privateKey: { type: 'rsa' | 'ec' | 'ed25519' | 'ml-dsa-44' | 'ml-dsa-65' | 'ml-dsa-87'; curve?: 'prime256v1' | 'secp384r1' | 'secp521r1' } | null;
  /** FIPS 204 sizes in bytes (Table 2), for ML-DSA only */
  mlDsa?: MlDsaParams;
}

export interface MlDsaParams {
  name: MlDsaAlgName;
  /** the AKP `priv`: always the 32-byte seed (draft-ietf-cose-dilithium-11 §4) */
  seedBytes: 32;
  publicKeyBytes: number;
  signatureBytes: number;
}

const RSA_BITS = [2048, 3072, 4096] as const;
const HASH_BYTES: Record<Hash, number> = { sha256: 32, sha384: 48, sha512: 64 };

function hmac(bits: 256 | 384 | 512): AlgorithmSpec {
  const hash = `sha${bits}` as Hash;
  return {
    name: `HS${bits}`, family: 'hmac', hash, keyBits: [], defaultKeyBits: null,
    secretBytes: HASH_BYTES[hash], node: { digest: hash }, privateKey: null,
  };
}

function rsa(bits: 256 | 384 | 512): AlgorithmSpec {
  const hash = `sha${bits}` as Hash;
  return {
    name: `RS${bits}`, family: 'rsa', hash, keyBits: RSA_BITS, defaultKeyBits: 2048,
    node: { digest: hash, padding: constants.RSA_PKCS1_PADDING }, privateKey: { type: 'rsa' },
  };
}

function rsaPss(bits: 256 | 384 | 512): AlgorithmSpec {
  const hash = `sha${bits}` as Hash;
  return {
    name: `PS${bits}`, family: 'rsa-pss', hash, keyBits: RSA_BITS, defaultKeyBits: 2048,
    // RFC 7518 §3.5: MGF1 with the same hash, salt as long as the hash output
    node: { digest: hash, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: HASH_BYTES[hash] }, privateKey: { type: 'rsa' },
  };
}

/** The JOSE curve names and OpenSSL's names for them. */
const OPENSSL_CURVE = { 'P-256': 'prime256v1', 'P-384': 'secp384r1', 'P-521': 'secp521r1' } as const;

function ecdsa(bits: 256 | 384 | 512, namedCurve: 'P-256' | 'P-384' | 'P-521'): AlgorithmSpec {
  const hash = `sha${bits}` as Hash;
  return {
    name: `ES${bits}`, family: 'ecdsa', hash, keyBits: [], defaultKeyBits: null, namedCurve,
    // JWS carries R||S, not DER (RFC 7518 §3.4)
    node: { digest: hash, dsaEncoding: 'ieee-p1363' }, privateKey: { type: 'ec', curve: OPENSSL_CURVE[namedCurve] },
  };
}

function eddsa(): AlgorithmSpec {
  return { name: 'EdDSA', family: 'eddsa', hash: null, keyBits: [], defaultKeyBits: null, node: { digest: null }, privateKey: { type: 'ed25519' } };
}

function mlDsa(set: 44 | 65 | 87, publicKeyBytes: number, signatureBytes: number): AlgorithmSpec {
  const name: MlDsaAlgName = `ML-DSA-${set}`;
  // Pure ML-DSA hashes internally, with an empty context string (the draft's §5): no digest.
  return {
    name, family: 'ml-dsa', hash: null, keyBits: [], defaultKeyBits: null, node: { digest: null },
    privateKey: { type: `ml-dsa-${set}` }, mlDsa: { name, seedBytes: 32, publicKeyBytes, signatureBytes },
  };
}

export const ALGORITHMS: Readonly<Record<AlgName, AlgorithmSpec>> = Object.freeze({
  HS256: hmac(256), HS384: hmac(384), HS512: hmac(512),
  RS256: rsa(256), RS384: rsa(384), RS512: rsa(512),
  PS256: rsaPss(256), PS384: rsaPss(384), PS512: rsaPss(512),
  ES256: ecdsa(256, 'P-256'), ES384: ecdsa(384, 'P-384'), ES512: ecdsa(512, 'P-521'),
  EdDSA: eddsa(),
  'ML-DSA-44': mlDsa(44, 1312, 2420), 'ML-DSA-65': mlDsa(65, 1952, 3309), 'ML-DSA-87': mlDsa(87, 2592, 4627),
});

export const ALG_NAMES = Object.keys(ALGORITHMS) as AlgName[];

export function isAlgName(value: string): value is AlgName {
  return Object.prototype.hasOwnProperty.call(ALGORITHMS, value);
}

/** Is the algorithm one whose key size is a matrix dimension? */
export function hasKeyBits(alg: AlgorithmSpec): boolean {
  return alg.keyBits.length > 0;
}

export function isMlDsa(alg: AlgorithmSpec): alg is AlgorithmSpec & { mlDsa: MlDsaParams } {
  return alg.mlDsa !== undefined;
}
