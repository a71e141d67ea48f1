// The floor: a minimal compact JWS on node:crypto with keys prepared once. It does what any
// JWT engine must and nothing more, so the gap to it is what a library adds. ML-DSA runs here
// only where node:crypto has it (Node 24+ with OpenSSL 3.5); elsewhere its cases are skipped.
import { createHmac, createPrivateKey, createPublicKey, createSecretKey, sign, timingSafeEqual, verify, type JsonWebKey, type KeyObject } from 'node:crypto';
import { akpPrivateJwk, akpPublicJwk } from '../../core/akp.js';
import { nativeMlDsaUnavailable } from '../../core/ml-dsa-support.js';
import { compactJws, type Primitive } from './compact.js';
import type { Engine, EngineContext, PreparedEngine } from './types.js';

function hmacPrimitive(ctx: EngineContext, key: KeyObject): Primitive {
  const digest = ctx.alg.node.digest!;
  const mac = (data: Buffer) => createHmac(digest, key).update(data).digest();
  return {
    sign: mac,
    verify: (data, signature) => {
      const expected = mac(data);
      return expected.length === signature.length && timingSafeEqual(expected, signature);
    },
  };
}

function asymmetricPrimitive(ctx: EngineContext, privateKey: KeyObject, publicKey: KeyObject): Primitive {
  const { digest, ...params } = ctx.alg.node;
  // Only the options the algorithm sets: explicit undefined fields cost node:crypto time per call.
  const opts = (key: KeyObject) => ({ key, ...Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined)) });
  const signOpts = opts(privateKey);
  const verifyOpts = opts(publicKey);
  return {
    sign: (data) => sign(digest, data, signOpts),
    verify: (data, signature) => verify(digest, data, verifyOpts, signature),
  };
}

const jwkKey = (jwk: object) => ({ key: jwk as JsonWebKey, format: 'jwk' as const });

function primitiveFor(ctx: EngineContext): Primitive {
  const { keys } = ctx;
  if (keys.kind === 'secret') return hmacPrimitive(ctx, createSecretKey(keys.secret));
  if (keys.kind === 'akp') {
    // node:crypto reads ML-DSA keys as AKP JWKs, the form the JOSE draft defines.
    return asymmetricPrimitive(ctx, createPrivateKey(jwkKey(akpPrivateJwk(keys.alg, keys.seed, keys.publicKey))), createPublicKey(jwkKey(akpPublicJwk(keys.alg, keys.publicKey))));
  }
  return asymmetricPrimitive(ctx, createPrivateKey(keys.privatePem), createPublicKey(keys.publicPem));
}

const skipReason = (alg: EngineContext['alg']): string | null => (alg.family === 'ml-dsa' ? nativeMlDsaUnavailable() : null);

export const nodeEngine: Engine = {
  name: 'node',
  keyPreps: ['prepared'],
  supports: (alg) => skipReason(alg) === null,
  skipReason,
  async prepare(ctx): Promise<PreparedEngine> {
    return compactJws(primitiveFor(ctx), ctx.alg.name, ctx.payload);
  },
};
