// The radius results document (radius.json, from `jwtbench radius`): per scheme, who can forge
// tokens for whom and who can replay the tokens they receive to whom once a service is
// compromised, and for how long. It measures nothing: every figure follows from the topology it
// carries. The published radius.schema.json is generated from it (npm run schemas).
import { Type, type Static } from '@sinclair/typebox';
import { AUDIENCE_POLICIES, HELD_MATERIALS, RADIUS_SCHEMES } from './radius-names.js';
import { documentHead, nullable, oneOf } from './schema-kit.js';
import { EmbeddedTopologySchema } from './topology.js';

const count = () => Type.Integer({ minimum: 0 });
const matrix = (description: string) => Type.Array(Type.Array(Type.Boolean()), { description });
const windows = (description: string) => Type.Array(nullable(Type.Number({ minimum: 0 })), { description });

export const BlastRadiusFiguresSchema = Type.Object({
  mintingHolders: count(),
  mintingHoldersExternal: count(),
  forgeablePairs: count(),
  rotationTouches: count(),
  secretDistributionPoints: count(),
}, { description: 'minting holders (of them outside the trust boundary), forgeable (compromised, victim) pairs off the diagonal, services a full rotation touches, services a secret is delivered to besides the issuer' });

export const ReplayRadiusSchema = Type.Object({
  policy: oneOf(AUDIENCE_POLICIES),
  replayable: matrix('replayable[r][c]: compromising services[r] yields a token services[c] accepts (diagonal always false)'),
  replayablePairs: count(),
  replayingServices: Type.Integer({ minimum: 0, description: 'rows with a replayable cell' }),
  replayWindowMinutes: nullable(Type.Number({ minimum: 0, description: 'how long a replayed token stays good (the token lifetime); null when nothing replays' })),
});

export const SchemeRadiusSchema = Type.Object({
  scheme: oneOf(RADIUS_SCHEMES),
  services: Type.Array(Type.String(), { description: 'rows and columns of every matrix, in topology order' }),
  forgeable: matrix('forgeable[a][b]: compromising services[a] lets an attacker mint tokens services[b] accepts'),
  figures: BlastRadiusFiguresSchema,
  forgeWindowMinutes: windows('per compromised service: how long what it held mints tokens someone accepts (until the last holder has rotated); null when it mints nothing'),
  worstForgeWindowMinutes: nullable(Type.Number({ minimum: 0 })),
  replay: Type.Array(ReplayRadiusSchema),
});

export const FindingSchema = Type.Object({
  service: Type.String(),
  material: oneOf([...HELD_MATERIALS, 'edge']),
  how: Type.String({ description: 'what was found: the variable, secret or URL, and how it reaches the service' }),
  file: Type.String(),
  line: Type.Integer({ minimum: 1 }),
});

export const RadiusDocumentSchema = Type.Object({
  ...documentHead('radius'),
  source: Type.String({ description: 'the topology file, or the compose file or manifest folder it was derived from' }),
  topology: EmbeddedTopologySchema,
  exposure: Type.Object({
    tokenLifetimeMinutes: Type.Number({ exclusiveMinimum: 0 }),
    rotationMinutes: Type.Number({ exclusiveMinimum: 0 }),
    jwksCacheMinutes: Type.Number({ minimum: 0 }),
  }, { description: 'the exposure defaults in force (the topology\'s, else the stated defaults)' }),
  schemes: Type.Array(SchemeRadiusSchema),
  derived: nullable(Type.Object({
    from: oneOf(['compose', 'k8s']),
    findings: Type.Array(FindingSchema),
    undecided: Type.Array(Type.String(), { description: 'what the derivation could not decide, one line each' }),
  })),
}, {
  $id: 'https://jwtbench.dev/schemas/radius.schema.json',
  title: 'jwtbench radius results',
  description: 'Who can forge and who can replay tokens for whom once a service is compromised, and for how long, per key scheme (jwtbench radius).',
});

export type RadiusDocument = Static<typeof RadiusDocumentSchema>;
export type SchemeRadius = Static<typeof SchemeRadiusSchema>;
export type ReplayRadius = Static<typeof ReplayRadiusSchema>;
export type BlastRadiusFigures = Static<typeof BlastRadiusFiguresSchema>;
export type Finding = Static<typeof FindingSchema>;
