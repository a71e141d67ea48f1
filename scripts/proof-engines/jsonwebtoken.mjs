// The instruction-count proof's engine (scripts/prove-instructions.ts): jsonwebtoken, keys
// prepared once, verifying at the key set's frozen clock so the counts repeat.
import { createPrivateKey, createPublicKey, createSecretKey } from 'node:crypto';
import jwt from 'jsonwebtoken';

/** The parts the slowed twin reuses. */
export function prepareJsonwebtoken({ alg, keys, payload, clockS }) {
  const secret = keys.kind === 'secret' ? createSecretKey(keys.secret) : null;
  const signKey = secret ?? createPrivateKey(keys.privatePem);
  const verifyKey = secret ?? createPublicKey(keys.publicPem);
  const options = { algorithms: [alg.name], issuer: payload.iss, audience: payload.aud, ...(clockS ? { clockTimestamp: clockS } : {}) };
  return {
    async: false,
    sign: () => jwt.sign(payload, signKey, { algorithm: alg.name }),
    verify: (token) => jwt.verify(token, verifyKey, options),
  };
}

/** @type {import('jwtbench').JwtbenchEngine} */
export default { name: 'jsonwebtoken', algorithms: ['HS256', 'RS256'], prepare: prepareJsonwebtoken };
