// The node:crypto floor on the reference servers: core/jws-node.ts with KeyObjects prepared
// once and synchronous verification. It checks the signature only; every other rule is the
// policy's (servers/verifier/policy.ts), which has already checked the header.
import { KeyObject, createPublicKey, createSecretKey } from 'node:crypto';
import { ALGORITHMS } from '../../core/algorithms.js';
import { b64url, jwsSigner, jwsVerifier, signCompact, verifyCompact, type JwsVerify } from '../../core/jws-node.js';
import { jwtHeader, type ServerEngine } from './types.js';

const headerCheckedByPolicy = () => {};

export const nodeServerEngine: ServerEngine = {
  name: 'node',
  verifier(policy) {
    const spec = ALGORITHMS[policy.alg];
    return {
      fromSecret: async (secret) => jwsVerifier(spec, createSecretKey(secret)),
      fromJwk: async (jwk) => jwsVerifier(spec, createPublicKey({ key: jwk as import('node:crypto').JsonWebKey, format: 'jwk' })),
      verify: (token, key) => verifyCompact(token, key as JwsVerify, headerCheckedByPolicy),
    };
  },
  async signer(alg, key, kid) {
    const keyObject = key instanceof Uint8Array ? createSecretKey(key) : KeyObject.from(key);
    const sign = jwsSigner(ALGORITHMS[alg], keyObject);
    const encodedHeader = b64url(JSON.stringify(jwtHeader(alg, kid)));
    return (claims) => signCompact(encodedHeader, claims, sign);
  },
};
