// The issuer: POST /token mints an access token; asymmetric issuers also serve their JWKS.
// buildIssuer only builds the app (tests inject() into it); listening is the caller's business.
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import type { ServerEngineName } from '../../core/engines.js';
import { SERVER_ENGINES, defaultEngine, refuseUnservable, type ClaimsSigner, type IssuerKey } from '../engines/index.js';
import { SERVER_DEFAULTS } from '../defaults.js';
import { generateSigningKey, type SchemeKey } from '../keys.js';
import { ServerMetrics } from '../metrics.js';
import type { SchemeSpec } from '../../core/schemes.js';
import { KeyRing, scheduleRotation, type RotationPlan } from './key-ring.js';

export interface IssuerOptions {
  scheme: SchemeSpec;
  key: SchemeKey;
  /** the library that signs; default jose, or the first engine that serves the scheme here */
  engine?: ServerEngineName;
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
            pub: { type: 'string' }, // AKP (ML-DSA) public key
          },
        },
      },
    },
  },
} as const;

type ActiveKey = () => { kid: string | undefined; key: IssuerKey };

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
  let active: ActiveKey;
  if (key.kind === 'secret') {
    active = () => ({ kid: undefined, key: key.secret });
  } else if (key.kind === 'signing') {
    const keys = new KeyRing(key.key);
    ring = keys;
    active = () => ({ kid: keys.active.kid, key: keys.active.privateKey });
  } else {
    throw new Error(`the ${scheme.name} scheme needs a key`);
  }
  // One signer per key, prepared when the key first signs (rotation brings new ones).
  const engineName = opts.engine ?? defaultEngine(scheme);
  refuseUnservable(scheme, engineName);
  const engine = SERVER_ENGINES[engineName];
  const signers = new Map<string | undefined, Promise<ClaimsSigner>>();
  const signerFor = ({ kid, key: k }: ReturnType<ActiveKey>) => {
    let signer = signers.get(kid);
    if (!signer) {
      signer = engine.signer(alg, k, kid);
      signers.set(kid, signer);
    }
    return signer;
  };
  await signerFor(active());

  app.post('/token', { schema: { body: tokenBody, response: tokenReply } }, async (request) => {
    const { sub } = request.body as { sub: string };
    const sign = await signerFor(active());
    const started = process.hrtime.bigint();
    const iat = Math.floor(Date.now() / 1000);
    // The claims in one order for every engine, so a token's length depends only on its content.
    // A synchronous signer's token is used at once, as the verifier does: awaiting it would time other requests' work too.
    const signed = sign({ iss: issuer, aud: audience, sub, iat, exp: iat + ttl, jti: randomUUID() });
    const token = signed instanceof Promise ? await signed : signed;
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
