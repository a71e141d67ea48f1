// A minimal compact JWS (RFC 7515 §7.1) engine around a signature primitive: the node:crypto
// floor and the noble-pq engine share it, and it is the same code the reference servers' `node`
// engine runs (core/jws-node.ts), so the gap between them is the primitive's alone.
import { b64url, signCompact, verifyCompact, type JwsSign, type JwsVerify } from '../../core/jws-node.js';
import type { Claims } from '../payloads.js';
import type { PreparedEngine } from './types.js';

export interface Primitive {
  sign: JwsSign;
  verify: JwsVerify;
}

export function compactJws(primitive: Primitive, algName: string, payload: Claims): PreparedEngine {
  const encodedHeader = b64url(JSON.stringify({ alg: algName, typ: 'JWT' }));
  // Our own header is checked by comparison; any other is parsed and its alg checked.
  const checkHeader = (encoded: string) => {
    if (encoded === encodedHeader) return;
    const header = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as { alg?: unknown };
    if (header.alg !== algName) throw new Error(`unexpected alg ${String(header.alg)}`);
  };
  return {
    async: false,
    sign: () => signCompact(encodedHeader, payload, primitive.sign),
    verify: (token) => verifyCompact(token, primitive.verify, checkHeader),
  };
}
