// How a reference verifier checks a token, on any engine: the policy's header checks first
// (size, shape, algorithm pinned, no key-bearing or critical members), then the key — the
// shared secret, or the JWKS member its kid names — then the engine's signature check, then
// the policy's claim checks. The engine changes the cost, never the rules.
import type { ServerEngineName } from '../../core/engines.js';
import type { SchemeSpec } from '../../core/schemes.js';
import { SERVER_DEFAULTS } from '../defaults.js';
import { SERVER_ENGINES, defaultEngine, refuseUnservable } from '../engines/index.js';
import { JwksCache, type JwksLog } from './jwks-cache.js';
import { InvalidTokenError, checkClaims, checkHeader, type JwsHeader, type VerifyPolicy } from './policy.js';

export { InvalidTokenError } from './policy.js';

export interface TokenVerifierOptions {
  scheme: SchemeSpec;
  /** the library that checks signatures; default jose, or the first engine that serves the scheme here */
  engine?: ServerEngineName;
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
  engine: ServerEngineName;
  /** Synchronous when the engine is and the key is at hand (node, fast-jwt); a promise otherwise (jose, or a kid to fetch). */
  verify(token: string): { sub: string } | Promise<{ sub: string }>;
  jwks: JwksCache | null;
  close(): void;
}

const SAFE_KID = /^[A-Za-z0-9_-]{1,128}$/;

const isPromise = <T>(value: unknown): value is Promise<T> => value instanceof Promise;

export async function createTokenVerifier(opts: TokenVerifierOptions): Promise<TokenVerifier> {
  const { scheme } = opts;
  if (scheme.alg === null) throw new Error(`the ${scheme.name} scheme verifies no tokens`);
  const policy: VerifyPolicy = {
    alg: scheme.alg,
    issuer: opts.issuer ?? SERVER_DEFAULTS.issuer,
    audience: opts.audience ?? SERVER_DEFAULTS.audience,
    clockToleranceS: opts.clockToleranceS ?? SERVER_DEFAULTS.clockToleranceS,
    maxTokenBytes: opts.maxTokenBytes ?? SERVER_DEFAULTS.maxTokenBytes,
    maxTokenAgeS: opts.maxTokenAgeS ?? SERVER_DEFAULTS.maxTokenAgeS,
  };
  const engineName = opts.engine ?? defaultEngine(scheme);
  refuseUnservable(scheme, engineName);
  const engine = SERVER_ENGINES[engineName].verifier(policy);

  let resolveKey: (header: JwsHeader) => unknown;
  let jwks: JwksCache | null = null;
  if (scheme.keys === 'shared-secret') {
    if (!opts.secret) throw new Error('hs256 needs the shared secret');
    const key = await engine.fromSecret(opts.secret); // prepared once, not per request
    resolveKey = () => key;
  } else {
    if (!opts.jwksUrl) throw new Error(`${scheme.name} needs the issuer's JWKS URL`);
    const cache = new JwksCache({
      jwksUrl: opts.jwksUrl, alg: policy.alg,
      cooldownMs: opts.jwksCooldownMs ?? SERVER_DEFAULTS.jwksCooldownMs,
      refreshMs: opts.jwksRefreshMs ?? SERVER_DEFAULTS.jwksRefreshMs,
      timeoutMs: SERVER_DEFAULTS.jwksTimeoutMs,
      ...(opts.log ? { log: opts.log } : {}),
      importKey: (jwk) => engine.fromJwk(jwk),
    });
    await cache.start();
    jwks = cache;
    resolveKey = (header) => {
      if (typeof header.kid !== 'string' || !SAFE_KID.test(header.kid)) throw new InvalidTokenError('missing or malformed kid');
      return cache.key(header.kid);
    };
  }

  return {
    engine: engineName,
    jwks,
    close: () => jwks?.close(),
    // No await unless something is really pending: an await yields to whatever else is queued,
    // which the server would then count as verify time.
    verify(token) {
      const header = checkHeader(token, policy);
      const claims = (key: unknown) => {
        const payload = engine.verify(token, key);
        return isPromise(payload) ? payload.then((p) => checkClaims(p, policy)) : checkClaims(payload, policy);
      };
      const key = resolveKey(header);
      return isPromise(key) ? key.then(claims) : claims(key);
    },
  };
}
