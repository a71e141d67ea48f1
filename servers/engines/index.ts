// The reference servers' engines, as a table keyed by the engine names core/engines.ts lists.
import type { EngineName } from '../../core/engines.js';
import { fastJwtServerEngine } from './fast-jwt.js';
import { joseServerEngine } from './jose.js';
import { nodeServerEngine } from './node.js';
import type { ServerEngine } from './types.js';

export const SERVER_ENGINES: Readonly<Record<EngineName, ServerEngine>> = Object.freeze({
  jose: joseServerEngine,
  node: nodeServerEngine,
  'fast-jwt': fastJwtServerEngine,
});

export type { ServerEngine, EngineVerifier, ClaimsSigner, IssuerKey } from './types.js';
