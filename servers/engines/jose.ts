// jose on the reference servers (the default engine): WebCrypto keys imported once; jwtVerify
// checks the signature and the claims it is told to (which the policy checks again around it).
import { SignJWT, importJWK, jwtVerify, type CryptoKey as JoseKey } from 'jose';
import { ALGORITHMS } from '../../core/algorithms.js';
import { importHmacKey } from '../../core/keys.js';
import { jwtHeader, type ServerEngine } from './types.js';

export const joseServerEngine: ServerEngine = {
  name: 'jose',
  verifier(policy) {
    const options = {
      algorithms: [policy.alg],
      issuer: policy.issuer,
      audience: policy.audience,
      clockTolerance: policy.clockToleranceS,
      requiredClaims: ['exp', 'iat', 'sub'],
      maxTokenAge: policy.maxTokenAgeS, // also makes jose refuse an iat in the future
    };
    return {
      fromSecret: async (secret) => importHmacKey(secret, ALGORITHMS[policy.alg].hash!),
      fromJwk: (jwk) => importJWK(jwk, policy.alg),
      async verify(token, key) {
        return (await jwtVerify(token, key as JoseKey, options)).payload;
      },
    };
  },
  async signer(alg, key, kid) {
    const signKey = key instanceof Uint8Array ? await importHmacKey(key, ALGORITHMS[alg].hash!) : key;
    const header = jwtHeader(alg, kid);
    return (claims) => new SignJWT(claims).setProtectedHeader(header).sign(signKey as JoseKey);
  },
};
