// Verifiers built on real third-party JWT libraries, each the way its README shows, on
// 127.0.0.1:0, each reading the token from a different place: jsonwebtoken 9 (current, from
// an x-access-token header), jwt-simple 0.5.1 (old: it lets the token pick the algorithm,
// CVE-2016-10555; configured with a certificate PEM, from a cookie) and fast-jwt 6 (current,
// from a JSON body field). Test-only. Also a tiny OIDC issuer for discovery from iss.
import { createRequire } from 'node:module';
import type { KeyObject } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { createVerifier } from 'fast-jwt';
import jsonwebtoken from 'jsonwebtoken';
import type { JWK } from 'jose';
import { protectedRoute } from './weak-verifiers.js';

// jwt-simple 0.5.1 ships no types: its one call, as its README documents it.
const jwtSimple = createRequire(import.meta.url)('jwt-simple-old') as { decode(token: string, key: string): unknown };

export const AUDIENCE = 'orders-api';

export type Library = 'jsonwebtoken' | 'jwt-simple-0.5.1' | 'fast-jwt';

export interface LibraryVerifierOptions {
  library: Library;
  /** the issuer's public key as the PEM text the app was configured with (a certificate for jwt-simple) */
  keyPem: string;
  issuer: string;
}

function tokenFrom(library: Library, request: FastifyRequest): string | undefined {
  if (library === 'jsonwebtoken') return request.headers['x-access-token'] as string | undefined;
  if (library === 'jwt-simple-0.5.1') return /(?:^|;\s*)session=([^;]+)/.exec(request.headers.cookie ?? '')?.[1];
  return (request.body as { token?: string } | undefined)?.token;
}

function verifierFor(o: LibraryVerifierOptions): (token: string) => Promise<unknown> {
  switch (o.library) {
    case 'jsonwebtoken':
      return async (token) => jsonwebtoken.verify(token, o.keyPem, { algorithms: ['RS256'], issuer: o.issuer, audience: AUDIENCE });
    case 'jwt-simple-0.5.1':
      // The README's usage: decode(token, key); no algorithm given, so the token's is used.
      return async (token) => jwtSimple.decode(token, o.keyPem);
    case 'fast-jwt': {
      const verify = createVerifier({ key: async () => o.keyPem, algorithms: ['ES256'], allowedIss: o.issuer, allowedAud: AUDIENCE });
      return (token) => verify(token);
    }
  }
}

export async function buildLibraryVerifier(o: LibraryVerifierOptions): Promise<FastifyInstance> {
  const app = Fastify();
  const handler = protectedRoute(verifierFor(o), (request) => tokenFrom(o.library, request));
  app.get('/orders', handler);
  app.post('/orders', handler);
  return app;
}

/** An OpenID Connect issuer's discovery document and JWKS: what the probe finds from iss. */
export async function buildDiscoveryIssuer(publicKey: KeyObject, kid: string): Promise<FastifyInstance> {
  const app = Fastify();
  const jwk = { ...(publicKey.export({ format: 'jwk' }) as JWK), kid, use: 'sig' };
  app.get('/.well-known/openid-configuration', async (request) => ({
    issuer: `http://${request.headers.host}`, jwks_uri: `http://${request.headers.host}/keys`,
  }));
  app.get('/keys', async () => ({ keys: [jwk] }));
  return app;
}
