// The compact JWS (RFC 7515 §7.1) on node:crypto with KeyObjects prepared once, synchronous
// throughout: the floor the micro `node` engine measures and the `node` server engine runs.
// It serializes, signs, splits and verifies, and nothing more; policy is the caller's.
import { createHmac, sign, timingSafeEqual, verify, type KeyObject } from 'node:crypto';
import type { AlgorithmSpec } from './algorithms.js';

export type JwsSign = (signingInput: string) => Buffer;
export type JwsVerify = (signingInput: string, signature: Buffer) => boolean;

export function b64url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}

/** The node:crypto options an algorithm sets, and only those: explicit undefined fields cost time per call. */
function nodeOptions(alg: AlgorithmSpec, key: KeyObject) {
  const { digest: _digest, ...params } = alg.node;
  return { key, ...Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined)) };
}

/** Signs with a secret KeyObject (HMAC) or a private KeyObject. */
export function jwsSigner(alg: AlgorithmSpec, key: KeyObject): JwsSign {
  const digest = alg.node.digest;
  if (alg.family === 'hmac') return (data) => createHmac(digest!, key).update(data).digest();
  const opts = nodeOptions(alg, key);
  // the signing input is base64url text, so latin1 is an exact and cheap encoding of it
  return (data) => sign(digest, Buffer.from(data, 'latin1'), opts);
}

/** Verifies with a secret KeyObject (HMAC, compared in constant time) or a public KeyObject. */
export function jwsVerifier(alg: AlgorithmSpec, key: KeyObject): JwsVerify {
  const digest = alg.node.digest;
  if (alg.family === 'hmac') {
    return (data, signature) => {
      const expected = createHmac(digest!, key).update(data).digest();
      return expected.length === signature.length && timingSafeEqual(expected, signature);
    };
  }
  const opts = nodeOptions(alg, key);
  return (data, signature) => verify(digest, Buffer.from(data, 'latin1'), opts, signature);
}

/** header.payload.signature, the header already encoded (it is the same for every token of a key). */
export function signCompact(encodedHeader: string, payload: unknown, signer: JwsSign): string {
  const signingInput = `${encodedHeader}.${b64url(JSON.stringify(payload))}`;
  return `${signingInput}.${signer(signingInput).toString('base64url')}`;
}

/**
 * Splits a compact JWS, lets `checkHeader` refuse its encoded header, verifies the signature
 * and returns the parsed payload. Throws for anything that does not verify.
 */
export function verifyCompact(token: string, verifier: JwsVerify, checkHeader: (encodedHeader: string) => void): unknown {
  const dot1 = token.indexOf('.');
  const dot2 = token.lastIndexOf('.');
  if (dot1 <= 0 || dot2 === dot1 || token.indexOf('.', dot1 + 1) !== dot2) throw new Error('malformed compact JWS');
  checkHeader(token.slice(0, dot1));
  if (!verifier(token.slice(0, dot2), Buffer.from(token.slice(dot2 + 1), 'base64url'))) throw new Error('signature verification failed');
  return JSON.parse(Buffer.from(token.slice(dot1 + 1, dot2), 'base64url').toString('utf8'));
}
