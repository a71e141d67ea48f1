// The issuer: POST /token mints an access token; asymmetric issuers also serve their JWKS.
// buildIssuer only builds the app (tests inject() into it); listening is the caller's business.
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { SignJWT, type CryptoKey } from 'jose';
import { ALGORITHMS } from '../../core/algorithms.js';
import { importHmacKey } from '../../core/keys.js';
import { SERVER_DEFAULTS } from '../defaults.js';
import { generateSigningKey, type SchemeKey } from '../keys.js';
import { ServerMetrics } from '../metrics.js';
import type { SchemeSpec } from '../../core/schemes.js';
import { KeyRing, scheduleRotation, type RotationPlan } from './key-ring.js';

export interface IssuerOptions {
  scheme: SchemeSpec;
  key: SchemeKey;
  issuer?: string;
  audience?: string;
  tokenTtlS?: number;
  rotation?: RotationPlan;
  logger?: boolean;
}

const tokenBody = {
  type: 'object',
  required: ['sub'],
  additionalProperties: false,
  properties: { sub: { type: 'string', minLength: 1, maxLength: 256, pattern: '^[\\x21-\\x7e]+$' } },
} as const;

const tokenReply = {
  200: {
    type: 'object',
    required: ['access_token', 'token_type', 'expires_in'],
    properties: { access_token: { type: 'string' }, token_type: { const: 'Bearer' }, expires_in: { type: 'integer' } },
  },
} as const;

const jwksReply = {
  200: {
    type: 'object',
    required: ['keys'],
    properties: {
      keys: {
        type: 'array',
        // Only public members can leave: the serializer drops anything not listed here.
        items: {
          type: 'object',
          properties: {
            kty: { type: 'string' }, kid: { type: 'string' }, alg: { type: 'string' }, use: { type: 'string' },
            n: { type: 'string' }, e: { type: 'string' }, crv: { type: 'string' }, x: { type: 'string' }, y: { type: 'string' },
          },
        },
      },
    },
  },
} as const;

type Signer = { key: () => CryptoKey | Uint8Array; kid: () => string | undefined };

export interface Issuer {
  app: FastifyInstance;
  ring: KeyRing | null;
  metrics: ServerMetrics;
}

export async function buildIssuer(opts: IssuerOptions): Promise<Issuer> {
  const { scheme, key } = opts;
  if (scheme.alg === null) throw new Error(`the ${scheme.name} scheme has no issuer`);
  const alg = scheme.alg;
  const issuer = opts.issuer ?? SERVER_DEFAULTS.issuer;
  const audience = opts.audience ?? SERVER_DEFAULTS.audience;
  const ttl = opts.tokenTtlS ?? SERVER_DEFAULTS.tokenTtlS;
  // Refuse what the schema forbids instead of quietly dropping or coercing it (Fastify's defaults).
  const app = Fastify({ logger: opts.logger ?? false, ajv: { customOptions: { removeAdditional: false, coerceTypes: false } } });
  const metrics = new ServerMetrics();
  app.addHook('onRequest', async () => { metrics.requests += 1; });

  let ring: KeyRing | null = null;
  let signer: Signer;
  if (key.kind === 'secret') {
    const hmac = await importHmacKey(key.secret, ALGORITHMS[alg].hash!) as CryptoKey;
    signer = { key: () => hmac, kid: () => undefined };
  } else if (key.kind === 'signing') {
    const keys = new KeyRing(key.key);
    ring = keys;
    signer = { key: () => keys.active.privateKey, kid: () => keys.active.kid };
  } else {
    throw new Error(`the ${scheme.name} scheme needs a key`);
  }

  app.post('/token', { schema: { body: tokenBody, response: tokenReply } }, async (request) => {
    const { sub } = request.body as { sub: string };
    const kid = signer.kid();
    const started = process.hrtime.bigint();
    const token = await new SignJWT({})
      .setProtectedHeader(kid ? { alg, typ: 'JWT', kid } : { alg, typ: 'JWT' })
      .setIssuer(issuer)
      .setAudience(audience)
      .setSubject(sub)
      .setIssuedAt()
      .setExpirationTime(`${ttl}s`)
      .setJti(randomUUID())
      .sign(signer.key());
    metrics.recordWork(true, process.hrtime.bigint() - started);
    return { access_token: token, token_type: 'Bearer' as const, expires_in: ttl };
  });

  if (ring) {
    const keys = ring;
    app.get('/.well-known/jwks.json', { schema: { response: jwksReply } }, async (_request, reply) => {
      reply.header('cache-control', 'no-cache');
      return keys.jwks();
    });
    if (opts.rotation) {
      const stop = scheduleRotation(keys, opts.rotation, () => generateSigningKey(alg));
      app.addHook('onClose', async () => stop());
    }
  }
  return { app, ring, metrics };
}
