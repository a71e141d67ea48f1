// A reference verifier: GET /resource answers 200 {sub} for a valid bearer token and 401 with
// an RFC 6750 challenge for anything else, never 5xx for a bad token and never the reason
// (that goes to the log). The baseline scheme answers without auth: the yardstick for overhead.
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { ServerMetrics } from '../metrics.js';
import type { SchemeSpec } from '../../core/schemes.js';
import { createTokenVerifier, type TokenVerifier, type TokenVerifierOptions } from './token-verifier.js';

export interface VerifierOptions extends TokenVerifierOptions {
  scheme: SchemeSpec;
  /** Fastify's logger: off by default; the server process logs warnings (failed JWKS fetches) */
  logger?: boolean | { level: 'warn' };
}

export interface Verifier {
  app: FastifyInstance;
  metrics: ServerMetrics;
  tokens: TokenVerifier | null;
}

const REALM = 'jwtbench';
const BEARER = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i;

const resourceSchema = {
  response: {
    200: { type: 'object', required: ['sub'], properties: { sub: { type: 'string' } } },
    401: { type: 'object', required: ['error'], properties: { error: { type: 'string' }, error_description: { type: 'string' } } },
  },
} as const;

function unauthorized(reply: FastifyReply, tokenPresent: boolean) {
  // RFC 6750 §3.1: a request with no credentials gets the challenge without an error code.
  const challenge = tokenPresent ? `Bearer realm="${REALM}", error="invalid_token"` : `Bearer realm="${REALM}"`;
  return reply.code(401).header('www-authenticate', challenge).send(tokenPresent
    ? { error: 'invalid_token', error_description: 'The access token is not valid.' }
    : { error: 'unauthorized', error_description: 'A bearer token is required.' });
}

export async function buildVerifier(opts: VerifierOptions): Promise<Verifier> {
  const app = Fastify({ logger: opts.logger ?? false });
  const metrics = new ServerMetrics();
  const tokens = opts.scheme.alg === null ? null : await createTokenVerifier({ log: app.log, ...opts });
  app.addHook('onClose', async () => tokens?.close());
  app.addHook('onRequest', async () => { metrics.requests += 1; });
  // Whatever goes wrong inside, a client learns nothing about it.
  app.setErrorHandler((error: { statusCode?: number }, request, reply) => {
    request.log.error(error);
    const status = error.statusCode !== undefined && error.statusCode < 500 ? error.statusCode : 500;
    return reply.code(status).send({ error: status === 500 ? 'server_error' : 'bad_request' });
  });

  app.get('/resource', { schema: resourceSchema }, async (request, reply) => {
    if (!tokens) return { sub: 'anonymous' };
    const header = request.headers.authorization;
    // No credentials, or another scheme (Basic): the bare challenge, no error code (RFC 6750 §3.1).
    if (header === undefined || !/^Bearer(\s|$)/i.test(header)) return unauthorized(reply, false);
    const match = BEARER.exec(header);
    if (!match) return unauthorized(reply, true);
    const started = process.hrtime.bigint();
    try {
      const verified = tokens.verify(match[1]!);
      // A synchronous engine's result is used at once: awaiting it would time other requests' work too.
      const { sub } = verified instanceof Promise ? await verified : verified;
      metrics.recordWork(true, process.hrtime.bigint() - started);
      return { sub };
    } catch (error) {
      metrics.recordWork(false, process.hrtime.bigint() - started);
      request.log.info({ reason: (error as Error).message }, 'token refused');
      return unauthorized(reply, true);
    }
  });
  return { app, metrics, tokens };
}
