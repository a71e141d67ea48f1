// The smaller slowdown of the instruction-count proof: as jsonwebtoken-slowed.mjs, with a loop of
// 1,150 integer steps in every verify, sized for about 2% of an RS256 verify (the issue's "about 2%
// more work per verify"); on the much cheaper HS256 verify the same work is a larger share.
import plain, { prepareJsonwebtoken } from './jsonwebtoken.mjs';

let sink = 0;
function extraWork(token) {
  let x = token.length;
  for (let i = 0; i < 1150; i++) x = (Math.imul(x, 1103515245) + 12345) | 0;
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
