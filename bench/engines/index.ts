import { fastJwtEngine } from './fast-jwt.js';
import { joseEngine } from './jose.js';
import { noblePqEngine } from './noble-pq.js';
import { nodeEngine } from './node.js';
import type { Engine, EngineName } from './types.js';

export type { Engine, EngineName, KeyPrep, PreparedEngine, EngineContext } from './types.js';

export const ENGINES: Readonly<Record<EngineName, Engine>> = Object.freeze({
  jose: joseEngine,
  node: nodeEngine,
  'fast-jwt': fastJwtEngine,
  'noble-pq': noblePqEngine,
});

export { ENGINE_NAMES, KEY_PREPS, isEngineName } from './names.js';
