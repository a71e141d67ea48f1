// A minimal compact JWS (RFC 7515 §7.1) around a raw signature primitive: serialize, sign,
// split, check `alg`, verify, parse, and nothing more. The node:crypto floor and the
// noble-pq engine share it, so the gap between them is the primitive's alone.
import type { Claims } from '../payloads.js';
import type { PreparedEngine } from './types.js';

export interface Primitive {
  sign(data: Buffer): Uint8Array;
  verify(data: Buffer, signature: Buffer): boolean;
}

function b64url(data: string | Uint8Array): string {
  return typeof data === 'string' ? Buffer.from(data).toString('base64url') : Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64url');
}

// the signing input is base64url text, so latin1 is an exact and cheap encoding of it
const bytes = (text: string): Buffer => Buffer.from(text, 'latin1');

export function compactJws(primitive: Primitive, algName: string, payload: Claims): PreparedEngine {
  const encodedHeader = b64url(JSON.stringify({ alg: algName, typ: 'JWT' }));
  return {
    async: false,
    sign() {
      const signingInput = `${encodedHeader}.${b64url(JSON.stringify(payload))}`;
      return `${signingInput}.${b64url(primitive.sign(bytes(signingInput)))}`;
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
      if (!primitive.verify(bytes(token.slice(0, dot2)), Buffer.from(token.slice(dot2 + 1), 'base64url'))) {
        throw new Error('signature verification failed');
      }
      return JSON.parse(Buffer.from(token.slice(dot1 + 1, dot2), 'base64url').toString('utf8'));
    },
  };
}
