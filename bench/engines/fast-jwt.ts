// fast-jwt: what many Node users pick instead of jose. Synchronous signer and verifier
// built once; its verification cache stays off so every call does the work.
import { createSigner, createVerifier } from 'fast-jwt';
import { BENCH_AUDIENCE, BENCH_ISSUER } from '../payloads.js';
import type { Engine, PreparedEngine } from './types.js';

export const fastJwtEngine: Engine = {
  name: 'fast-jwt',
  keyPreps: ['prepared'],
  supports: () => true,
  async prepare(ctx): Promise<PreparedEngine> {
    const { keys, alg, payload } = ctx;
    const signKey = keys.kind === 'secret' ? Buffer.from(keys.secret) : keys.privatePem;
    const verifyKey = keys.kind === 'secret' ? Buffer.from(keys.secret) : keys.publicPem;
    // The payload carries iat, which fast-jwt keeps; noTimestamp would drop it (fast-jwt 6.3.6, src/signer.js).
    const signer = createSigner({ key: signKey, algorithm: alg.name, header: { alg: alg.name, typ: 'JWT' } });
    const verifier = createVerifier({
      key: verifyKey, algorithms: [alg.name], cache: false,
      allowedIss: BENCH_ISSUER, allowedAud: BENCH_AUDIENCE,
    });
    return {
      async: false,
      sign: () => signer(payload),
      verify: (token) => verifier(token),
    };
  },
};
