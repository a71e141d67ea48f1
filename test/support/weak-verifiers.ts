// Deliberately weak verifiers, each with exactly one known flaw and otherwise the reference
// checks (jose's jwtVerify with the reference options), so the probe must catch the flaw and
// nothing else. Test-only: never a pattern to copy.
import type { KeyObject } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { EmbeddedJWK, UnsecuredJWT, createRemoteJWKSet, decodeProtectedHeader, jwtVerify, type JWTVerifyOptions } from 'jose';
import { ALGORITHMS, isAlgName } from '../../core/algorithms.js';
import { SERVER_DEFAULTS } from '../../servers/defaults.js';

export type Weakness = 'accepts-alg-none' | 'alg-from-header' | 'trusts-embedded-jwk' | 'fetches-jku' | 'dictionary-secret';

const CLAIMS: JWTVerifyOptions = {
  issuer: SERVER_DEFAULTS.issuer,
  audience: SERVER_DEFAULTS.audience,
  clockTolerance: SERVER_DEFAULTS.clockToleranceS,
  requiredClaims: ['exp', 'iat', 'sub'],
  maxTokenAge: 3600,
};

export interface WeakOptions {
  weakness: Weakness;
  /** the verifying key: the issuer's public key, or the (weak) HMAC secret */
  key: KeyObject | Uint8Array;
  /** the scheme's one algorithm, which the sound paths pin */
  alg: string;
  /** for alg-from-header: the public key as the PEM file a careless verifier would read */
  publicKeyPem?: string;
}

function verifierFor(o: WeakOptions): (token: string) => Promise<unknown> {
  const pinned = { ...CLAIMS, algorithms: [o.alg] };
  const sound = (token: string) => jwtVerify(token, o.key, pinned);
  switch (o.weakness) {
    case 'accepts-alg-none':
      // The flaw: an unsecured token is taken at its word (its claims are still checked).
      return async (token) => (decodeProtectedHeader(token).alg === 'none' ? UnsecuredJWT.decode(token, CLAIMS) : sound(token));
    case 'alg-from-header':
      // The flaw: the token picks the algorithm, and "the key" is whatever file was configured.
      return async (token) => {
        const alg = String(decodeProtectedHeader(token).alg);
        const key = isAlgName(alg) && ALGORITHMS[alg].family === 'hmac' ? new TextEncoder().encode(o.publicKeyPem) : o.key;
        return jwtVerify(token, key, { ...CLAIMS, algorithms: [alg] });
      };
    case 'trusts-embedded-jwk':
      // The flaw: a key the token carries is trusted.
      return async (token) => ('jwk' in decodeProtectedHeader(token) ? jwtVerify(token, EmbeddedJWK, pinned) : sound(token));
    case 'fetches-jku':
      // The flaw: keys are fetched from wherever the token's jku says.
      return async (token) => {
        const { jku } = decodeProtectedHeader(token);
        return typeof jku === 'string' ? jwtVerify(token, createRemoteJWKSet(new URL(jku)), pinned) : sound(token);
      };
    case 'dictionary-secret':
      // The flaw is the secret itself (o.key); the checks are sound.
      return sound;
  }
}

/** A route handler: 200 when `verify` accepts the token `tokenFrom` finds, 401 otherwise. */
export function protectedRoute(verify: (token: string) => Promise<unknown>, tokenFrom: (request: FastifyRequest) => string | undefined) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const token = tokenFrom(request);
    if (token === undefined) return reply.code(401).send({ error: 'unauthorized' });
    try {
      await verify(token);
      return { ok: true };
    } catch {
      return reply.code(401).send({ error: 'invalid_token' });
    }
  };
}

export async function buildWeakVerifier(o: WeakOptions): Promise<FastifyInstance> {
  const app = Fastify();
  app.get('/resource', protectedRoute(verifierFor(o), (request) => /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1]));
  return app;
}
