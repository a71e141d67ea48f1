// The slowdown candidate of the instruction-count proof: the same engine, and one small extra
// HMAC-SHA256 of the token in every verify (a few thousand instructions: about 2% of an RS256
// verify, more of an HS256 one). Same name, so compare matches its cases with the plain ones.
import { createHmac } from 'node:crypto';
import plain, { prepareJsonwebtoken } from './jsonwebtoken.mjs';

const extraKey = Buffer.alloc(32, 7); // not a secret: it signs nothing anyone checks

/** @type {import('jwtbench').JwtbenchEngine} */
export default {
  ...plain,
  prepare(ctx) {
    const prepared = prepareJsonwebtoken(ctx);
    return { ...prepared, verify: (token) => { createHmac('sha256', extraKey).update(token).digest(); return prepared.verify(token); } };
  },
};
