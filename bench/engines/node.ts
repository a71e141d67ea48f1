// The floor: a minimal compact JWS on node:crypto with keys prepared once. It does what any
// JWT engine must and nothing more, so the gap to it is what a library adds. ML-DSA runs here
// only where node:crypto has it (Node 24+ with OpenSSL 3.5); elsewhere its cases are skipped.
import { createPrivateKey, createPublicKey, createSecretKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { jwsSigner, jwsVerifier } from '../../core/jws-node.js';
import { akpPrivateJwk, akpPublicJwk } from '../../core/akp.js';
import { nativeMlDsaUnavailable } from '../../core/ml-dsa-support.js';
import { compactJws, type Primitive } from './compact.js';
import type { Engine, EngineContext, PreparedEngine } from './types.js';

/** The floor's primitive: core/jws-node.ts's signer and verifier over KeyObjects made once. */
function primitive(ctx: EngineContext, signKey: KeyObject, verifyKey: KeyObject): Primitive {
  return { sign: jwsSigner(ctx.alg, signKey), verify: jwsVerifier(ctx.alg, verifyKey) };
}

const jwkKey = (jwk: object) => ({ key: jwk as JsonWebKey, format: 'jwk' as const });

function primitiveFor(ctx: EngineContext): Primitive {
  const { keys } = ctx;
  if (keys.kind === 'secret') { const secret = createSecretKey(keys.secret); return primitive(ctx, secret, secret); }
  if (keys.kind === 'akp') {
    // node:crypto reads ML-DSA keys as AKP JWKs, the form the JOSE draft defines.
    return primitive(ctx, createPrivateKey(jwkKey(akpPrivateJwk(keys.alg, keys.seed, keys.publicKey))), createPublicKey(jwkKey(akpPublicJwk(keys.alg, keys.publicKey))));
  }
  return primitive(ctx, createPrivateKey(keys.privatePem), createPublicKey(keys.publicPem));
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
