// How a reference verifier checks a token: size first, then shape and header, with the
// algorithm pinned to the scheme and keys taken only from configuration, then jose's
// signature and claim checks (iss, aud, exp required; iat and nbf checked; small tolerance).
import { decodeProtectedHeader, jwtVerify, type CryptoKey } from 'jose';
import { ALGORITHMS, type AlgName } from '../../core/algorithms.js';
import { importHmacKey } from '../../core/keys.js';
import { SERVER_DEFAULTS } from '../defaults.js';
import type { SchemeSpec } from '../../core/schemes.js';
import { JwksCache, type JwksLog } from './jwks-cache.js';

export class InvalidTokenError extends Error {}

export interface TokenVerifierOptions {
  scheme: SchemeSpec;
  /** hs256: the shared secret */
  secret?: Uint8Array;
  /** jwks schemes: the issuer's JWKS URL, the only place keys come from */
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
  clockToleranceS?: number;
  maxTokenBytes?: number;
  maxTokenAgeS?: number;
  jwksCooldownMs?: number;
  jwksRefreshMs?: number;
  /** where failed JWKS fetches are reported */
  log?: JwksLog;
}

export interface TokenVerifier {
  verify(token: string): Promise<{ sub: string }>;
  jwks: JwksCache | null;
  close(): void;
}

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const SAFE_KID = /^[A-Za-z0-9_-]{1,128}$/;
/** Header members that would let a token name its own key; our issuer never sets them. */
const KEY_BEARING_HEADERS = ['jwk', 'jku', 'x5u', 'x5c'];

export async function createTokenVerifier(opts: TokenVerifierOptions): Promise<TokenVerifier> {
  const { scheme } = opts;
  if (scheme.alg === null) throw new Error(`the ${scheme.name} scheme verifies no tokens`);
  const alg: AlgName = scheme.alg;
  const maxBytes = opts.maxTokenBytes ?? SERVER_DEFAULTS.maxTokenBytes;
  const verifyOptions = {
    algorithms: [alg],
    issuer: opts.issuer ?? SERVER_DEFAULTS.issuer,
    audience: opts.audience ?? SERVER_DEFAULTS.audience,
    clockTolerance: opts.clockToleranceS ?? SERVER_DEFAULTS.clockToleranceS,
    requiredClaims: ['exp', 'iat', 'sub'],
    maxTokenAge: opts.maxTokenAgeS ?? 3600, // also makes jose refuse an iat in the future
  };

  let resolveKey: (header: { kid?: unknown }) => Promise<CryptoKey> | CryptoKey;
  let jwks: JwksCache | null = null;
  if (scheme.keys === 'shared-secret') {
    if (!opts.secret) throw new Error('hs256 needs the shared secret');
    const hmac = await importHmacKey(opts.secret, ALGORITHMS[alg].hash!) as CryptoKey; // prepared once, not per request
    resolveKey = () => hmac;
  } else {
    if (!opts.jwksUrl) throw new Error(`${scheme.name} needs the issuer's JWKS URL`);
    const cache = new JwksCache({
      jwksUrl: opts.jwksUrl, alg,
      cooldownMs: opts.jwksCooldownMs ?? SERVER_DEFAULTS.jwksCooldownMs,
      refreshMs: opts.jwksRefreshMs ?? SERVER_DEFAULTS.jwksRefreshMs,
      timeoutMs: SERVER_DEFAULTS.jwksTimeoutMs,
      ...(opts.log ? { log: opts.log } : {}),
    });
    await cache.start();
    jwks = cache;
    resolveKey = (header) => {
      if (typeof header.kid !== 'string' || !SAFE_KID.test(header.kid)) throw new InvalidTokenError('missing or malformed kid');
      return cache.key(header.kid);
    };
  }

  return {
    jwks,
    close: () => jwks?.close(),
    async verify(token) {
      if (token.length > maxBytes) throw new InvalidTokenError('token over the size limit');
      if (!COMPACT_JWS.test(token)) throw new InvalidTokenError('not a compact JWS');
      let header: ReturnType<typeof decodeProtectedHeader>;
      try {
        header = decodeProtectedHeader(token);
      } catch {
        throw new InvalidTokenError('unreadable header');
      }
      if (header.alg !== alg) throw new InvalidTokenError('algorithm not allowed');
      if (KEY_BEARING_HEADERS.some((h) => h in header)) throw new InvalidTokenError('key-bearing header refused');
      const key = await resolveKey(header);
      const { payload } = await jwtVerify(token, key, verifyOptions);
      return { sub: payload.sub as string };
    },
  };
}
