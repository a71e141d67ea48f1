// Whether a string names an engine, apart from the engines themselves, so flag parsing and
// --help need not load jose and fast-jwt. The names are results vocabulary (core/results/names.ts).
import { ENGINE_NAMES, type EngineName } from '../../core/results/names.js';

export function isEngineName(value: string): value is EngineName {
  return (ENGINE_NAMES as readonly string[]).includes(value);
}
