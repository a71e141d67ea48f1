// The engines' names and key preparations, apart from the engines themselves, so flag
// parsing and --help need not load jose and fast-jwt. The names are core's (the servers use them too).
import type { KeyPrep } from './types.js';

export { ENGINE_NAMES, isEngineName } from '../../core/engines.js';
export const KEY_PREPS: readonly KeyPrep[] = ['prepared', 'per-call'];
