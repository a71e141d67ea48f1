// The entry point of one server process (issuer or verifier), forked by servers/process.ts.
// It is told what to be over IPC, answers "ready" with its URL once listening, reports its
// metrics on request, and exits when told to stop or when its parent goes away.
import { buildIssuer } from './issuer/app.js';
import { generateSchemeKey, loadSchemeKey, type SchemeKey } from './keys.js';
import type { ServerMetrics } from './metrics.js';
import { SCHEMES } from '../core/schemes.js';
import type { ChildMessage, ParentMessage, ServerConfig } from './server-config.js';
import { buildVerifier } from './verifier/app.js';
import type { FastifyInstance } from 'fastify';
import type { TokenVerifier } from './verifier/token-verifier.js';
import { failedMessage } from './ipc-error.js';
import { JwtbenchError } from '../core/errors.js';

function send(message: ChildMessage): void {
  process.send?.(message);
}

let app: FastifyInstance | null = null;
let metrics: ServerMetrics | null = null;
let tokens: TokenVerifier | null = null;

async function issuerKey(config: Extract<ServerConfig, { role: 'issuer' }>): Promise<SchemeKey> {
  const scheme = SCHEMES[config.scheme];
  if (config.secret) return { kind: 'secret', secret: config.secret };
  if (config.keyFile) return loadSchemeKey(scheme, config.keyFile);
  return generateSchemeKey(scheme);
}

async function start(config: ServerConfig): Promise<void> {
  const scheme = SCHEMES[config.scheme];
  if (config.role === 'issuer') {
    ({ app, metrics } = await buildIssuer({ scheme, engine: config.engine, key: await issuerKey(config), rotation: config.rotation, tokenTtlS: config.tokenTtlS }));
  } else {
    const verifier = await buildVerifier({
      scheme, engine: config.engine, secret: config.secret, jwksUrl: config.jwksUrl,
      jwksCooldownMs: config.jwksCooldownMs, jwksRefreshMs: config.jwksRefreshMs,
      logger: { level: 'warn' }, // to this process's stderr, which the parent keeps the tail of
    });
    ({ app, metrics, tokens } = verifier);
  }
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    // A port the user chose (serve --issuer-port/--verifier-port) that is taken is their input to fix.
    const code = (error as NodeJS.ErrnoException).code;
    if (config.port !== 0 && (code === 'EADDRINUSE' || code === 'EACCES')) {
      throw new JwtbenchError('JWTBENCH_BAD_FLAG', `--${config.role}-port ${config.port} ${code === 'EADDRINUSE' ? 'is in use' : 'may not be used by this user'} on ${config.host}: choose another, or leave it out for any free port`);
    }
    throw error;
  }
  const address = app.server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no listening address');
  const url = `http://${config.host}:${address.port}`;
  send({ type: 'ready', url, jwksUrl: config.role === 'issuer' && scheme.keys === 'jwks' ? `${url}/.well-known/jwks.json` : null });
}

async function stop(code: number): Promise<never> {
  const timer = setTimeout(() => process.exit(code), 2_000);
  timer.unref();
  await app?.close().catch(() => {});
  process.exit(code);
}

process.on('message', (message: ParentMessage) => {
  switch (message.type) {
    case 'start':
      start(message.config).catch((error: unknown) => {
        send(failedMessage(error));
        void stop(1);
      });
      break;
    case 'metrics-reset':
      metrics?.reset();
      send({ type: 'metrics-reset' });
      break;
    case 'metrics':
      send({ type: 'metrics', snapshot: metrics ? metrics.snapshot(tokens?.jwks ? { ...tokens.jwks.stats } : null) : null });
      break;
    case 'stop':
      void stop(0);
      break;
  }
});
// An orphan server is a leak: if the parent goes away, so do we.
process.on('disconnect', () => { void stop(0); });
process.on('SIGINT', () => { void stop(0); });
process.on('SIGTERM', () => { void stop(0); });
