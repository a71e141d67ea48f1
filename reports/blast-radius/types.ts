// The blast-radius model's types: a topology in, per scheme a forge matrix, replay matrices and
// exposure windows out. The shapes are radius.json's (core/results/radius.ts, topology.ts).
export { KEY_SCHEMES, RADIUS_SCHEMES, AUDIENCE_POLICIES, EXPOSURE_DEFAULTS } from '../../core/results/radius-names.js';
export type { KeyScheme, RadiusScheme, AudiencePolicy, HeldMaterial, EdgeToken } from '../../core/results/radius-names.js';
export type { Topology, Service, Edge, ExposureDefaults } from '../../core/results/topology.js';
export type { BlastRadiusFigures, SchemeRadius, ReplayRadius } from '../../core/results/radius.js';
import type { RadiusScheme } from '../../core/results/radius-names.js';
import type { BlastRadiusFigures } from '../../core/results/radius.js';

/** The forge half of a scheme's radius: who can mint tokens for whom. */
export interface BlastRadius<S extends RadiusScheme = RadiusScheme> {
  scheme: S;
  /** service names, in topology order: rows and columns of the matrix */
  services: string[];
  /** forgeable[a][b]: compromising services[a] lets an attacker mint tokens services[b] accepts */
  forgeable: boolean[][];
  figures: BlastRadiusFigures;
}
