// The node:crypto floor on the reference servers: core/jws-node.ts with KeyObjects prepared
// once and synchronous verification. It checks the signature only; every other rule is the
// policy's (servers/verifier/policy.ts), which has already checked the header.
import { KeyObject, createPrivateKey, createPublicKey, createSecretKey, type JsonWebKey } from 'node:crypto';
import { akpPrivateJwk } from '../../core/akp.js';
import { ALGORITHMS } from '../../core/algorithms.js';
import { nativeMlDsaUnavailable } from '../../core/ml-dsa-support.js';
import { b64url, jwsSigner, jwsVerifier, signCompact, verifyCompact, type JwsVerify } from '../../core/jws-node.js';
import { isMlDsaKey, jwtHeader, type IssuerKey, type ServerEngine } from './types.js';

const headerCheckedByPolicy = () => {};

/** node:crypto reads ML-DSA keys as AKP JWKs (where it has ML-DSA at all). */
function privateKeyObject(key: IssuerKey): KeyObject {
  if (key instanceof Uint8Array) return createSecretKey(key);
  if (isMlDsaKey(key)) return createPrivateKey({ key: akpPrivateJwk(key.alg, key.seed, key.publicKey) as unknown as JsonWebKey, format: 'jwk' });
  return KeyObject.from(key);
}

export const nodeServerEngine: ServerEngine = {
  name: 'node',
  unavailable: (alg) => (alg.mlDsa ? nativeMlDsaUnavailable() : null),
  verifier(policy) {
    const spec = ALGORITHMS[policy.alg];
    return {
      fromSecret: async (secret) => jwsVerifier(spec, createSecretKey(secret)),
      fromJwk: async (jwk) => jwsVerifier(spec, createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' })),
      verify: (token, key) => verifyCompact(token, key as JwsVerify, headerCheckedByPolicy),
    };
  },
  async signer(alg, key, kid) {
    const sign = jwsSigner(ALGORITHMS[alg], privateKeyObject(key));
    const encodedHeader = b64url(JSON.stringify(jwtHeader(alg, kid)));
    return (claims) => signCompact(encodedHeader, claims, sign);
  },
};
