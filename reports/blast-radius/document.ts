// The radius results document: the topology, the exposure defaults in force, and every scheme's
// radius (the what-ifs, then as-deployed when the topology says what its services hold).
import type { RadiusDocument } from '../../core/results/radius.js';
import type { EnvFingerprint } from '../../core/results/env.js';
import { RADIUS_SCHEMA_VERSION } from '../../core/results/kinds.js';
import { exposureOf, schemeRadii } from './model.js';
import type { Topology } from './types.js';

export function radiusDocument(topology: Topology, source: string, env: EnvFingerprint, derived: RadiusDocument['derived'] = null): RadiusDocument {
  return {
    schemaVersion: RADIUS_SCHEMA_VERSION,
    kind: 'radius',
    env,
    source,
    topology,
    exposure: exposureOf(topology),
    schemes: schemeRadii(topology),
    derived,
  };
}
