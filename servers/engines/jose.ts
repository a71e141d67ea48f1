// jose on the reference servers (the default engine): WebCrypto keys imported once; jwtVerify
// checks the signature and the claims it is told to (which the policy checks again around it).
import { SignJWT, importJWK, jwtVerify, type CryptoKey as JoseKey, type JWK } from 'jose';
import { akpPrivateJwk } from '../../core/akp.js';
import { ALGORITHMS } from '../../core/algorithms.js';
import { importHmacKey } from '../../core/keys.js';
import { joseMlDsaUnavailable } from '../../core/ml-dsa-support.js';
import { isMlDsaKey, jwtHeader, type IssuerKey, type ServerEngine } from './types.js';

const mlDsaUnavailable = await joseMlDsaUnavailable();

async function signingKey(alg: Parameters<ServerEngine['signer']>[0], key: IssuerKey): Promise<JoseKey | Uint8Array> {
  if (key instanceof Uint8Array) return importHmacKey(key, ALGORITHMS[alg].hash!);
  if (isMlDsaKey(key)) return await importJWK(akpPrivateJwk(key.alg, key.seed, key.publicKey) as JWK, alg) as JoseKey;
  return key as JoseKey;
}

export const joseServerEngine: ServerEngine = {
  name: 'jose',
  unavailable: (alg) => (alg.mlDsa ? mlDsaUnavailable : null),
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
    const signKey = await signingKey(alg, key);
    const header = jwtHeader(alg, kid);
    return (claims) => new SignJWT(claims).setProtectedHeader(header).sign(signKey as JoseKey);
  },
};
