import { fastJwtEngine } from './fast-jwt.js';
import { joseEngine } from './jose.js';
import { noblePqEngine } from './noble-pq.js';
import { nodeEngine } from './node.js';
import { webcryptoEngine } from './webcrypto.js';
import type { Engine } from './types.js';
import type { EngineName } from '../../core/results/names.js';

export type { Engine, PreparedEngine, EngineContext } from './types.js';

export const ENGINES: Readonly<Record<EngineName, Engine>> = Object.freeze({
  jose: joseEngine,
  node: nodeEngine,
  'fast-jwt': fastJwtEngine,
  'noble-pq': noblePqEngine,
  webcrypto: webcryptoEngine,
});

export { isEngineName } from './names.js';
