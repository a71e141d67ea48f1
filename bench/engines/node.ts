// The floor: a minimal compact JWS (RFC 7515 §7.1) on node:crypto with keys prepared once.
// It does what any JWT engine must — serialize, sign, split, check `alg`, verify, parse —
// and nothing more, so the gap to it is what a library adds.
import { createHmac, createPrivateKey, createPublicKey, createSecretKey, sign, timingSafeEqual, verify, type KeyObject } from 'node:crypto';
import type { Engine, EngineContext, PreparedEngine } from './types.js';

function b64url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}

interface Primitive {
  sign(data: string): Buffer;
  verify(data: string, signature: Buffer): boolean;
}

function hmacPrimitive(ctx: EngineContext, key: KeyObject): Primitive {
  const digest = ctx.alg.node.digest!;
  const mac = (data: string) => createHmac(digest, key).update(data).digest();
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
    // the signing input is base64url text, so latin1 is an exact and cheap encoding of it
    sign: (data) => sign(digest, Buffer.from(data, 'latin1'), signOpts),
    verify: (data, signature) => verify(digest, Buffer.from(data, 'latin1'), verifyOpts, signature),
  };
}

function primitiveFor(ctx: EngineContext): Primitive {
  const { keys } = ctx;
  if (keys.kind === 'secret') return hmacPrimitive(ctx, createSecretKey(keys.secret));
  return asymmetricPrimitive(ctx, createPrivateKey(keys.privatePem), createPublicKey(keys.publicPem));
}

export const nodeEngine: Engine = {
  name: 'node',
  keyPreps: ['prepared'],
  supports: () => true,
  async prepare(ctx): Promise<PreparedEngine> {
    const primitive = primitiveFor(ctx);
    const algName = ctx.alg.name;
    const encodedHeader = b64url(JSON.stringify({ alg: algName, typ: 'JWT' }));
    const { payload } = ctx;
    return {
      async: false,
      sign() {
        const signingInput = `${encodedHeader}.${b64url(JSON.stringify(payload))}`;
        return `${signingInput}.${primitive.sign(signingInput).toString('base64url')}`;
      },
      verify(token) {
        const dot1 = token.indexOf('.');
        const dot2 = token.lastIndexOf('.');
        if (dot1 <= 0 || dot2 === dot1 || token.indexOf('.', dot1 + 1) !== dot2) throw new Error('malformed compact JWS');
        const encoded = token.slice(0, dot1);
        // Our own header is checked by comparison; any other is parsed and its alg checked.
        if (encoded !== encodedHeader) {
          const header = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as { alg?: unknown };
          if (header.alg !== algName) throw new Error(`unexpected alg ${String(header.alg)}`);
        }
        if (!primitive.verify(token.slice(0, dot2), Buffer.from(token.slice(dot2 + 1), 'base64url'))) {
          throw new Error('signature verification failed');
        }
        return JSON.parse(Buffer.from(token.slice(dot1 + 1, dot2), 'base64url').toString('utf8'));
      },
    };
  },
};
