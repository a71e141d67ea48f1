// ML-DSA on @noble/post-quantum for the reference servers: the engine that serves the ML-DSA
// schemes on every Node this project supports (node:crypto and jose need Node 24+). The compact
// JWS of core/jws-node.ts around the noble primitive, synchronous; keys are expanded once.
// Pure ML-DSA, empty context, hedged signing (draft-ietf-cose-dilithium-11 §5).
import { parseAkpJwk } from '../../core/akp.js';
import { b64url, signCompact, verifyCompact, type JwsVerify } from '../../core/jws-node.js';
import { ML_DSA } from '../../core/ml-dsa.js';
import { isMlDsaKey, jwtHeader, type ServerEngine } from './types.js';

const headerCheckedByPolicy = () => {};
const latin1 = (text: string) => Buffer.from(text, 'latin1');

export const noblePqServerEngine: ServerEngine = {
  name: 'noble-pq',
  unavailable: (alg) => (alg.mlDsa ? null : 'noble-pq serves only the ML-DSA schemes'),
  verifier(policy) {
    const alg = policy.alg;
    const set = alg.startsWith('ML-DSA-') ? alg as keyof typeof ML_DSA : null;
    return {
      fromSecret: () => Promise.reject(new Error('noble-pq verifies no shared-secret tokens')),
      async fromJwk(jwk) {
        if (set === null) throw new Error(`noble-pq cannot verify ${alg}`);
        const { publicKey } = parseAkpJwk(jwk, set, `the JWKS key with kid ${String(jwk.kid)}`);
        const dsa = ML_DSA[set];
        const check: JwsVerify = (data, signature) => dsa.verify(signature, latin1(data), publicKey);
        return check;
      },
      verify: (token, key) => verifyCompact(token, key as JwsVerify, headerCheckedByPolicy),
    };
  },
  async signer(alg, key, kid) {
    if (!isMlDsaKey(key) || key.alg !== alg) throw new Error(`noble-pq signs only ML-DSA, with an ${alg} seed`);
    const dsa = ML_DSA[key.alg];
    const { secretKey } = dsa.keygen(key.seed); // expanded once, not per token
    const encodedHeader = b64url(JSON.stringify(jwtHeader(alg, kid)));
    return (claims) => signCompact(encodedHeader, claims, (data) => Buffer.from(dsa.sign(latin1(data), secretKey)));
  },
};
