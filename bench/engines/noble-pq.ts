// ML-DSA on @noble/post-quantum (audited, pure JS): the engine that runs ML-DSA on every Node
// this project supports. The same minimal compact JWS as the floor, so what differs is the
// signature primitive. Pure ML-DSA with the empty context and hedged signing, as
// draft-ietf-cose-dilithium-11 §5 asks (FIPS 204 Algorithm 2).
import { ML_DSA } from '../../core/ml-dsa.js';
import { compactJws } from './compact.js';
import type { Engine, PreparedEngine } from './types.js';

export const noblePqEngine: Engine = {
  name: 'noble-pq',
  keyPreps: ['prepared'],
  // An ML-DSA engine only: the classical algorithms are not its cases, not skipped ones.
  supports: (alg) => alg.family === 'ml-dsa',
  skipReason: () => null,
  async prepare(ctx): Promise<PreparedEngine> {
    const { keys, alg } = ctx;
    if (keys.kind !== 'akp' || keys.alg !== alg.name) throw new Error(`noble-pq needs ${alg.name} AKP key material`);
    const dsa = ML_DSA[keys.alg];
    const { secretKey } = dsa.keygen(keys.seed); // the expanded key, once: "prepared"
    const { publicKey } = keys;
    // the signing input is base64url text, so latin1 is an exact and cheap encoding of it
    const bytes = (input: string) => Buffer.from(input, 'latin1');
    return compactJws({
      sign: (input) => { const s = dsa.sign(bytes(input), secretKey); return Buffer.from(s.buffer, s.byteOffset, s.byteLength); },
      verify: (input, signature) => dsa.verify(signature, bytes(input), publicKey),
    }, alg.name, ctx.payload);
  },
};
