// The floor: a minimal compact JWS on node:crypto with keys prepared once (core/jws-node.ts,
// which the reference servers' `node` engine runs too). It does what any JWT engine must —
// serialize, sign, split, check `alg`, verify, parse — and nothing more, so the gap to it is
// what a library adds.
import { createPrivateKey, createPublicKey, createSecretKey } from 'node:crypto';
import { b64url, jwsSigner, jwsVerifier, signCompact, verifyCompact } from '../../core/jws-node.js';
import type { Engine, PreparedEngine } from './types.js';

export const nodeEngine: Engine = {
  name: 'node',
  keyPreps: ['prepared'],
  supports: () => true,
  async prepare(ctx): Promise<PreparedEngine> {
    const { keys, alg, payload } = ctx;
    const secret = keys.kind === 'secret' ? createSecretKey(keys.secret) : null;
    const signer = jwsSigner(alg, secret ?? createPrivateKey((keys as { privatePem: string }).privatePem));
    const verifier = jwsVerifier(alg, secret ?? createPublicKey((keys as { publicPem: string }).publicPem));
    const encodedHeader = b64url(JSON.stringify({ alg: alg.name, typ: 'JWT' }));
    // Our own header is checked by comparison; any other is parsed and its alg checked.
    const checkHeader = (encoded: string) => {
      if (encoded === encodedHeader) return;
      const header = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as { alg?: unknown };
      if (header.alg !== alg.name) throw new Error(`unexpected alg ${String(header.alg)}`);
    };
    return {
      async: false,
      sign: () => signCompact(encodedHeader, payload, signer),
      verify: (token) => verifyCompact(token, verifier, checkHeader),
    };
  },
};
