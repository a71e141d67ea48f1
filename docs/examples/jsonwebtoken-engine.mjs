// jwtbench micro --engine-module jsonwebtoken-engine.mjs: jsonwebtoken, keys prepared once.
import { createPrivateKey, createPublicKey, createSecretKey } from 'node:crypto';
import jwt from 'jsonwebtoken';

/** @type {import('jwtbench').JwtbenchEngine} */
export default {
  name: 'jsonwebtoken',
  algorithms: ['HS256', 'HS384', 'HS512', 'RS256', 'PS256', 'ES256', 'ES384'],
  prepare({ alg, keys, payload }) {
    const secret = keys.kind === 'secret' ? createSecretKey(keys.secret) : null;
    const signKey = secret ?? createPrivateKey(keys.privatePem);
    const verifyKey = secret ?? createPublicKey(keys.publicPem);
    const options = { algorithms: [alg.name], issuer: payload.iss, audience: payload.aud };
    return {
      async: false,
      sign: () => jwt.sign(payload, signKey, { algorithm: alg.name }),
      verify: (token) => jwt.verify(token, verifyKey, options),
    };
  },
};
