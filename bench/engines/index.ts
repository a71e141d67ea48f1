import { fastJwtEngine } from './fast-jwt.js';
import { joseEngine } from './jose.js';
import { nodeEngine } from './node.js';
import type { Engine, EngineName, KeyPrep } from './types.js';

export type { Engine, EngineName, KeyPrep, PreparedEngine, EngineContext } from './types.js';

export const ENGINES: Readonly<Record<EngineName, Engine>> = Object.freeze({
  jose: joseEngine,
  node: nodeEngine,
  'fast-jwt': fastJwtEngine,
});

export const ENGINE_NAMES = Object.keys(ENGINES) as EngineName[];
export const KEY_PREPS: readonly KeyPrep[] = ['prepared', 'per-call'];

export function isEngineName(value: string): value is EngineName {
  return Object.prototype.hasOwnProperty.call(ENGINES, value);
}
