// The package's public entry (`import type { JwtbenchEngine } from 'jwtbench'`): the engine
// interface a user implements for `micro --engine-module`, and the results documents' types.
// Types only, plus one identity helper, so importing it loads nothing heavy.
import type { JwtbenchEngine } from '../bench/engines/custom-engine.js';

export type { JwtbenchEngine, CustomPreparedEngine } from '../bench/engines/custom-engine.js';
export type { EngineContext, KeyPrep } from '../bench/engines/types.js';
export type { AlgName, AlgorithmSpec } from '../core/algorithms.js';
export type { KeyMaterial } from '../core/keys.js';
export type { Claims } from '../bench/payloads.js';
export type { MicroDocument, MicroCase, CompletedCase, ErroredCase } from '../core/results/micro.js';
export type { EngineModuleRecord } from '../bench/engines/engine-module-record.js';
export type { EnvFingerprint } from '../core/results/env.js';

/** Returns its argument: lets a JavaScript or TypeScript module have its engine type-checked. */
export function defineEngine<E extends JwtbenchEngine>(engine: E): E {
  return engine;
}
