// fast-jwt: what many Node users pick instead of jose. Synchronous signer and verifier
// built once; its verification cache stays off so every call does the work.
import { createSigner, createVerifier } from 'fast-jwt';
import { BENCH_AUDIENCE, BENCH_ISSUER } from '../payloads.js';
import type { Engine, PreparedEngine } from './types.js';

export const fastJwtEngine: Engine = {
  name: 'fast-jwt',
  keyPreps: ['prepared'],
  supports: (alg) => alg.family !== 'ml-dsa',
  skipReason: (alg) => (alg.family === 'ml-dsa' ? 'fast-jwt implements no ML-DSA' : null),
  async prepare(ctx): Promise<PreparedEngine> {
    const { keys, alg, payload } = ctx;
    if (keys.kind === 'akp' || alg.family === 'ml-dsa') throw new Error('fast-jwt implements no ML-DSA');
    const signKey = keys.kind === 'secret' ? Buffer.from(keys.secret) : keys.privatePem;
    const verifyKey = keys.kind === 'secret' ? Buffer.from(keys.secret) : keys.publicPem;
    // The payload already carries iat; noTimestamp keeps fast-jwt from rewriting it.
    const signer = createSigner({ key: signKey, algorithm: alg.name as Exclude<typeof alg.name, `ML-DSA-${number}`>, noTimestamp: true, header: { alg: alg.name, typ: 'JWT' } });
    const verifier = createVerifier({
      key: verifyKey, algorithms: [alg.name as Exclude<typeof alg.name, `ML-DSA-${number}`>], cache: false,
      allowedIss: BENCH_ISSUER, allowedAud: BENCH_AUDIENCE,
    });
    return {
      async: false,
      sign: () => signer(payload),
      verify: (token) => verifier(token),
    };
  },
};
