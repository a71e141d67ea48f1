// fast-jwt: what many Node users pick instead of jose. Synchronous signer and verifier
// built once; its verification cache stays off so every call does the work.
import * as fastJwtLib from 'fast-jwt';
import { BENCH_AUDIENCE, BENCH_ISSUER } from '../payloads.js';
import type { Engine, PreparedEngine } from './types.js';

/** fast-jwt's API as this engine uses it: jwtbench's own copy, or the user's (--resolve-from). */
export type FastJwtLibrary = Pick<typeof fastJwtLib, 'createSigner' | 'createVerifier'>;

export function makeFastJwtEngine(lib: FastJwtLibrary): Engine {
  const { createSigner, createVerifier } = lib;
  return {
    name: 'fast-jwt',
    keyPreps: ['prepared'],
    supports: (alg) => alg.family !== 'ml-dsa',
    skipReason: (alg) => (alg.family === 'ml-dsa' ? 'fast-jwt implements no ML-DSA' : null),
    async prepare(ctx): Promise<PreparedEngine> {
      const { keys, alg, payload } = ctx;
      if (keys.kind === 'akp' || alg.family === 'ml-dsa') throw new Error('fast-jwt implements no ML-DSA');
      const signKey = keys.kind === 'secret' ? Buffer.from(keys.secret) : keys.privatePem;
      const verifyKey = keys.kind === 'secret' ? Buffer.from(keys.secret) : keys.publicPem;
      const classical = alg.name as Exclude<typeof alg.name, `ML-DSA-${number}`>;
      // The payload carries iat, which fast-jwt keeps; noTimestamp would drop it (fast-jwt 6.3.6, src/signer.js).
      const signer = createSigner({ key: signKey, algorithm: classical, header: { alg: alg.name, typ: 'JWT' } });
      const verifier = createVerifier({
        key: verifyKey, algorithms: [classical], cache: false,
        allowedIss: BENCH_ISSUER, allowedAud: BENCH_AUDIENCE,
        ...(ctx.clockS === undefined ? {} : { clockTimestamp: ctx.clockS * 1000 }),
      });
      return {
        async: false,
        sign: () => signer(payload),
        verify: (token) => verifier(token),
      };
    },
  };
}

export const fastJwtEngine: Engine = makeFastJwtEngine(fastJwtLib);
