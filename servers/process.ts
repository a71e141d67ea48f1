// Starting a reference server in a process of its own, with a readiness handshake.
import type { ServerMetricsSnapshot } from './metrics.js';
import type { ChildMessage, ServerConfig } from './server-config.js';
import { forkTracked, request, stopChild, type ForkedChild } from '../core/children.js';
import { JwtbenchError } from '../core/errors.js';
import { startError } from './ipc-error.js';

const MAIN = new URL('./main.js', import.meta.url);
const READY_TIMEOUT_MS = 15_000;

export interface ServerProcess {
  role: ServerConfig['role'];
  url: string;
  jwksUrl: string | null;
  pid: number;
  forked: ForkedChild;
  resetMetrics(): Promise<void>;
  metrics(): Promise<ServerMetricsSnapshot | null>;
  stop(): Promise<void>;
}

/**
 * A server process forked ahead of its start: node and the server's modules load while the
 * parent does other work (the issuer starts before the verifier that needs its JWKS URL).
 * `start` tells it what to be; `abandon` stops one that will not be started.
 */
export interface ForkedServer {
  start(config: ServerConfig): Promise<ServerProcess>;
  abandon(): Promise<void>;
}

/**
 * On another Node (execPath, load --runtime) the IPC stays 'advanced' (v8.serialize): checked
 * both ways between Node 20 and Nodes 22, 24 and 26, Uint8Array secrets included.
 */
export function forkServer(execPath?: string): ForkedServer {
  const forked = forkTracked(MAIN.pathname, execPath === undefined ? {} : { execPath });
  return { start: (config) => startForked(forked, config), abandon: () => stopChild(forked) };
}

async function startForked(forked: ForkedChild, config: ServerConfig): Promise<ServerProcess> {
  let reply: Extract<ChildMessage, { type: 'ready' | 'failed' }>;
  try {
    reply = await Promise.race([
      request<Extract<ChildMessage, { type: 'ready' }>>(forked, { type: 'start', config }, 'ready', READY_TIMEOUT_MS),
      new Promise<Extract<ChildMessage, { type: 'failed' }>>((resolve) => {
        forked.child.on('message', (m: ChildMessage) => { if (m.type === 'failed') resolve(m); });
      }),
    ]);
  } catch (error) {
    await stopChild(forked);
    throw new JwtbenchError('JWTBENCH_RUN_FAILED', `${config.role} (${config.scheme}) did not start: ${(error as Error).message}`);
  }
  if (reply.type === 'failed') {
    await stopChild(forked);
    throw startError(reply, `${config.role} (${config.scheme})`);
  }
  return {
    role: config.role,
    url: reply.url,
    jwksUrl: reply.jwksUrl,
    pid: forked.child.pid!,
    forked,
    async resetMetrics() {
      await request(forked, { type: 'metrics-reset' }, 'metrics-reset', 5_000);
    },
    async metrics() {
      return (await request<Extract<ChildMessage, { type: 'metrics' }>>(forked, { type: 'metrics' }, 'metrics', 5_000)).snapshot;
    },
    stop: () => stopChild(forked),
  };
}
