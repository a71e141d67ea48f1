// scripts/proof-engines: used by docs/measured.md's floor-overhead figure (micro --measure instructions --engine-module).
// The floor's harness overhead, measured: HS256 as bare createHmac + timingSafeEqual over the
// token's signing input, with only the slicing a verifier cannot skip (no header or claims parsing).
import { createHmac, createSecretKey, timingSafeEqual } from 'node:crypto';
export default {
  name: 'bare-hmac',
  algorithms: ['HS256'],
  prepare({ keys, payload }) {
    const key = createSecretKey(keys.secret);
    const input = `${Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
    return {
      async: false,
      sign: () => `${input}.${createHmac('sha256', key).update(input).digest('base64url')}`,
      verify: (token) => {
        const dot = token.lastIndexOf('.');
        const mac = createHmac('sha256', key).update(token.slice(0, dot)).digest();
        if (!timingSafeEqual(mac, Buffer.from(token.slice(dot + 1), 'base64url'))) throw new Error('bad signature');
        return payload; // the claims, unparsed: a bare loop checks the MAC and nothing else
      },
    };
  },
};
