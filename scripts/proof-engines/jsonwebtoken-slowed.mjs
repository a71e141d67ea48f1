// The slowdown candidate of the instruction-count proof: the same engine, and a fixed amount of
// extra work in every verify (a loop of 2,000 integer steps: counted at 3.5% of an RS256 verify
// and 16.4% of an HS256 one). Same name, so compare matches its cases with the plain ones.
import plain, { prepareJsonwebtoken } from './jsonwebtoken.mjs';

let sink = 0;
function extraWork(token) {
  let x = token.length;
  for (let i = 0; i < 2000; i++) x = (Math.imul(x, 1103515245) + 12345) | 0;
  sink ^= x;
}

/** @type {import('jwtbench').JwtbenchEngine} */
export default {
  ...plain,
  prepare(ctx) {
    const prepared = prepareJsonwebtoken(ctx);
    return { ...prepared, verify: (token) => { extraWork(token); return prepared.verify(token); } };
  },
};
