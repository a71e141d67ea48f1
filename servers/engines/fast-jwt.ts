// fast-jwt on the reference servers: one synchronous verifier per key with its cache off (a
// pool of distinct tokens must cost what it costs). Keys go in as PEM, as fast-jwt takes them.
// fast-jwt counts time in milliseconds and its maxAge ignores clockTolerance, hence the sums;
// it does not refuse an iat in the future, which the policy adds around it.
import { KeyObject, createPublicKey, type JsonWebKey } from 'node:crypto';
import { createSigner, createVerifier } from 'fast-jwt';
import type { AlgName } from '../../core/algorithms.js';
import { isMlDsaKey, type ServerEngine } from './types.js';

/** fast-jwt has no ML-DSA; the schemes served on it are classical. */
type ClassicalAlg = Exclude<AlgName, `ML-DSA-${number}`>;

export const fastJwtServerEngine: ServerEngine = {
  name: 'fast-jwt',
  unavailable: (alg) => (alg.mlDsa ? 'fast-jwt implements no ML-DSA' : null),
  verifier(policy) {
    const build = (key: Buffer | string) => createVerifier({
      key,
      algorithms: [policy.alg as ClassicalAlg],
      cache: false,
      allowedIss: policy.issuer,
      allowedAud: policy.audience,
      requiredClaims: ['iss', 'aud', 'exp', 'iat', 'sub'],
      clockTolerance: policy.clockToleranceS * 1000,
      maxAge: (policy.maxTokenAgeS + policy.clockToleranceS) * 1000,
    });
    return {
      fromSecret: async (secret) => build(Buffer.from(secret)),
      fromJwk: async (jwk) => build(createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' }).export({ type: 'spki', format: 'pem' }) as string),
      verify: (token, verifier) => (verifier as (t: string) => unknown)(token),
    };
  },
  async signer(alg, key, kid) {
    if (isMlDsaKey(key)) throw new Error('fast-jwt implements no ML-DSA');
    const signKey = key instanceof Uint8Array ? Buffer.from(key) : KeyObject.from(key).export({ type: 'pkcs8', format: 'pem' }) as string;
    // The claims carry iat and exp; without noTimestamp fast-jwt keeps the given iat (noTimestamp would drop it).
    const sign = createSigner({ key: signKey, algorithm: alg as ClassicalAlg, ...(kid === undefined ? {} : { kid }) });
    return (claims) => sign(claims);
  },
};
