// The engines' names and key preparations, apart from the engines themselves, so flag
// parsing and --help need not load jose and fast-jwt.
import type { EngineName, KeyPrep } from './types.js';

export const ENGINE_NAMES: readonly EngineName[] = ['jose', 'node', 'fast-jwt', 'noble-pq'];
export const KEY_PREPS: readonly KeyPrep[] = ['prepared', 'per-call'];

export function isEngineName(value: string): value is EngineName {
  return (ENGINE_NAMES as readonly string[]).includes(value);
}
