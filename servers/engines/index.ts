// The reference servers' engines, as a table keyed by the engine names core/engines.ts lists.
import type { ServerEngineName } from '../../core/engines.js';
import { fastJwtServerEngine } from './fast-jwt.js';
import { joseServerEngine } from './jose.js';
import { noblePqServerEngine } from './noble-pq.js';
import { nodeServerEngine } from './node.js';
import type { ServerEngine } from './types.js';
import { ALGORITHMS } from '../../core/algorithms.js';
import { SERVER_ENGINE_NAMES } from '../../core/engines.js';
import { badFlag } from '../../core/errors.js';
import type { SchemeSpec } from '../../core/schemes.js';

export const SERVER_ENGINES: Readonly<Record<ServerEngineName, ServerEngine>> = Object.freeze({
  jose: joseServerEngine,
  node: nodeServerEngine,
  'fast-jwt': fastJwtServerEngine,
  'noble-pq': noblePqServerEngine,
});

/** Why `engine` cannot serve `scheme` on this runtime, or null when it can (the baseline needs no engine). */
export function cannotServe(scheme: SchemeSpec, engine: ServerEngineName): string | null {
  return scheme.alg === null ? null : SERVER_ENGINES[engine].unavailable(ALGORITHMS[scheme.alg]);
}

/** cannotServe here, or on the runtime the servers run on (servers/server-runtime.ts). */
type CannotServe = typeof cannotServe;

/** One line naming the engine, the scheme, why not and what would serve it (exit 2: a usage error). */
export function refuseUnservable(scheme: SchemeSpec, engine: ServerEngineName, cannot: CannotServe = cannotServe): void {
  const why = cannot(scheme, engine);
  if (why === null) return;
  const accepted = enginesServing(scheme, cannot);
  throw badFlag('--engine', `${engine} cannot serve the ${scheme.name} scheme here (${why}); for ${scheme.name} use ${accepted.length > 0 ? accepted.join(', ') : 'none of the engines on this runtime'}`);
}

/** The engines that serve `scheme` here, in the table's order. */
export function enginesServing(scheme: SchemeSpec, cannot: CannotServe = cannotServe): ServerEngineName[] {
  return SERVER_ENGINE_NAMES.filter((e) => cannot(scheme, e) === null);
}

/** jose when it serves the scheme here, otherwise the first engine that does. */
export function defaultEngine(scheme: SchemeSpec, cannot: CannotServe = cannotServe): ServerEngineName {
  return cannot(scheme, 'jose') === null ? 'jose' : enginesServing(scheme, cannot)[0] ?? 'jose';
}

export type { ServerEngine, EngineVerifier, ClaimsSigner, IssuerKey, MlDsaPrivateKey } from './types.js';
