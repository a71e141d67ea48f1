// The one verification policy every engine's verifier enforces, whatever its library checks
// on its own: what a library lacks is added here around it, never left out. Before the engine:
// size, shape, header (algorithm pinned, no key-bearing members, no crit, no b64). After it:
// the claims (iss, aud, exp, iat, sub required; 5 s tolerance; iat and nbf not in the future).
import type { AlgName } from '../../core/algorithms.js';

export class InvalidTokenError extends Error {}

export interface VerifyPolicy {
  alg: AlgName;
  issuer: string;
  audience: string;
  clockToleranceS: number;
  maxTokenBytes: number;
  /** the oldest iat accepted, in seconds */
  maxTokenAgeS: number;
}

export type JwsHeader = Record<string, unknown>;

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
/** Header members that would let a token name its own key; our issuer never sets them. */
const KEY_BEARING_HEADERS = ['jwk', 'jku', 'x5u', 'x5c'];

/** Encoded headers already found acceptable, per policy: an issuer's tokens share a few headers, so this is the common path. */
const ACCEPTED = new WeakMap<VerifyPolicy, Map<string, JwsHeader>>();
const ACCEPTED_MAX = 16;

/** Size, shape and header, before any key is looked up or any signature checked. */
export function checkHeader(token: string, policy: VerifyPolicy): JwsHeader {
  if (token.length > policy.maxTokenBytes) throw new InvalidTokenError('token over the size limit');
  if (!COMPACT_JWS.test(token)) throw new InvalidTokenError('not a compact JWS');
  const encoded = token.slice(0, token.indexOf('.'));
  let accepted = ACCEPTED.get(policy);
  const known = accepted?.get(encoded);
  if (known) return known;
  const header = parseHeader(encoded, policy);
  if (!accepted) ACCEPTED.set(policy, accepted = new Map());
  if (accepted.size < ACCEPTED_MAX) accepted.set(encoded, Object.freeze(header));
  return header;
}

function parseHeader(encoded: string, policy: VerifyPolicy): JwsHeader {
  let header: unknown;
  try {
    header = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidTokenError('unreadable header');
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) throw new InvalidTokenError('header is not a JSON object');
  const h = header as JwsHeader;
  if (h.alg !== policy.alg) throw new InvalidTokenError('algorithm not allowed');
  if (KEY_BEARING_HEADERS.some((m) => m in h)) throw new InvalidTokenError('key-bearing header refused');
  // We understand no extension (RFC 7515 §4.1.11), and an unencoded payload (RFC 7797) is not a JWT.
  if ('crit' in h) throw new InvalidTokenError('crit header refused');
  if (h.b64 !== undefined && h.b64 !== true) throw new InvalidTokenError('b64 header refused');
  return h;
}

const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The claims, after the signature verified. `nowS` is seconds since the epoch. */
export function checkClaims(payload: unknown, policy: VerifyPolicy, nowS = Math.floor(Date.now() / 1000)): { sub: string } {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw new InvalidTokenError('claims are not a JSON object');
  const c = payload as Record<string, unknown>;
  const tol = policy.clockToleranceS;
  if (c.iss !== policy.issuer) throw new InvalidTokenError('wrong or missing iss');
  const aud = Array.isArray(c.aud) ? c.aud : [c.aud];
  if (!aud.includes(policy.audience)) throw new InvalidTokenError('wrong or missing aud');
  if (typeof c.sub !== 'string') throw new InvalidTokenError('missing sub');
  if (!isTime(c.exp)) throw new InvalidTokenError('missing or malformed exp');
  if (c.exp <= nowS - tol) throw new InvalidTokenError('expired');
  if (!isTime(c.iat)) throw new InvalidTokenError('missing or malformed iat');
  if (c.iat > nowS + tol) throw new InvalidTokenError('iat in the future');
  if (nowS - c.iat - tol > policy.maxTokenAgeS) throw new InvalidTokenError('token too old');
  if (c.nbf !== undefined && (!isTime(c.nbf) || c.nbf > nowS + tol)) throw new InvalidTokenError('nbf in the future or malformed');
  return { sub: c.sub };
}
