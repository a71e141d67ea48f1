// What a reference server needs of a JWT engine: a verifier of signatures (the library's own
// claim checks configured to the one policy, which servers/verifier/policy.ts enforces around
// it anyway) and a signer for the issuer. Keys are prepared once, never per request.
import type { JWK } from 'jose';
import type { AkpKey } from '../../core/akp.js';
import type { AlgName, AlgorithmSpec } from '../../core/algorithms.js';
import type { ServerEngineName } from '../../core/engines.js';
import type { VerifyPolicy } from '../verifier/policy.js';

/** An ML-DSA private key: the seed (the AKP `priv`) and the public key it expands to. */
export type MlDsaPrivateKey = AkpKey & { seed: Uint8Array };

/** A key the issuer signs with: the shared secret, a private key (a WebCrypto CryptoKey), or an ML-DSA seed. */
export type IssuerKey = Uint8Array | CryptoKey | MlDsaPrivateKey;

export const isMlDsaKey = (key: IssuerKey): key is MlDsaPrivateKey => !(key instanceof Uint8Array) && 'seed' in key;

export interface EngineVerifier<K = unknown> {
  fromSecret(secret: Uint8Array): Promise<K>;
  fromJwk(jwk: JWK): Promise<K>;
  /** Resolves (or returns) the claims; throws or rejects for a token that does not verify. */
  verify(token: string, key: K): unknown;
}

export type ClaimsSigner = (claims: Record<string, unknown>) => string | Promise<string>;

export interface ServerEngine {
  name: ServerEngineName;
  /** Why it cannot serve this algorithm here (ML-DSA without native support, or not its business); null when it can. */
  unavailable(alg: AlgorithmSpec): string | null;
  verifier(policy: VerifyPolicy): EngineVerifier;
  /** A signer for one key; the header is {alg, typ: "JWT", kid} (no kid for HMAC). */
  signer(alg: AlgName, key: IssuerKey, kid: string | undefined): Promise<ClaimsSigner>;
}

export function jwtHeader(alg: AlgName, kid: string | undefined): { alg: AlgName; typ: 'JWT'; kid?: string } {
  return kid === undefined ? { alg, typ: 'JWT' } : { alg, typ: 'JWT', kid };
}
