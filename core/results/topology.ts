// The topology file the blast-radius model reads (JSON or YAML): services, who issues and who
// verifies, the audiences and issuers each accepts, who calls whom with which token, and how
// long tokens and leaked keys stay good. The published topology.schema.json is generated from
// it (npm run schemas); reports/blast-radius/topology.ts adds the checks a schema cannot make
// (names that must exist, exactly one line per mistake).
import { Type, type Static } from '@sinclair/typebox';
import { HELD_MATERIALS, EDGE_TOKENS } from './radius-names.js';
import { oneOf } from './schema-kit.js';

const minutes = (description: string) => Type.Number({ exclusiveMinimum: 0, description });
const names = (description: string) => Type.Array(Type.String({ minLength: 1 }), { minItems: 1, description });

export const ExposureDefaultsSchema = Type.Object({
  tokenLifetimeMinutes: Type.Optional(minutes('how long an issued token stays good: the replay window (default 60)')),
  rotationMinutes: Type.Optional(minutes('how long a holder of signing material takes to rotate it once a leak is known; a service may set its own (default 1440, a day)')),
  jwksCacheMinutes: Type.Optional(Type.Number({ minimum: 0, description: 'how long a verifier keeps a fetched JWKS: a retired key stays trusted that long after the issuer rotates (default 10, jose createRemoteJWKSet cacheMaxAge)' })),
}, { additionalProperties: false });

export const ServiceSchema = Type.Object({
  name: Type.String({ minLength: 1 }),
  issues: Type.Optional(Type.Boolean({ description: 'issues tokens (at least one service does)' })),
  verifies: Type.Optional(Type.Boolean({ description: 'accepts tokens: checks them on requests it receives' })),
  external: Type.Optional(Type.Boolean({ description: 'run by someone else (a partner): outside the trust boundary' })),
  description: Type.Optional(Type.String()),
  audiences: Type.Optional(names('the aud values this service accepts (default: its own name)')),
  trusts: Type.Optional(names('the issuers (service names) whose tokens it accepts (default: every issuer)')),
  entry: Type.Optional(Type.Boolean({ description: 'receives tokens straight from clients (default: a verifier that no verifying service calls)' })),
  rotationMinutes: Type.Optional(minutes('how long this service takes to rotate signing material it holds (default: exposure.rotationMinutes)')),
  holds: Type.Optional(Type.Array(oneOf(HELD_MATERIALS), { description: 'the material this service was found to hold in a deployment (secret: the HMAC secret; private-key: an asymmetric signing key; jwks: fetches public keys). Any service with holds adds the as-deployed radius' })),
}, { additionalProperties: false });

export const EdgeSchema = Type.Object({
  from: Type.String({ minLength: 1 }),
  to: Type.String({ minLength: 1 }),
  token: Type.Optional(oneOf(EDGE_TOKENS, { description: 'forwarded: the caller passes on the token it received (default); own: the caller gets a token for the callee' })),
  audience: Type.Optional(Type.String({ minLength: 1, description: 'for an own token: its aud (default: the callee\'s first audience)' })),
}, { additionalProperties: false });

const TOPOLOGY_PROPERTIES = {
  $schema: Type.Optional(Type.String({ description: 'where this file\'s schema is, for editors' })),
  name: Type.String({ minLength: 1 }),
  description: Type.Optional(Type.String()),
  exposure: Type.Optional(ExposureDefaultsSchema),
  services: Type.Array(ServiceSchema, { minItems: 1 }),
  edges: Type.Array(EdgeSchema),
};

/** The topology as radius.json embeds it (no $id: one schema id is registered once). */
export const EmbeddedTopologySchema = Type.Object(TOPOLOGY_PROPERTIES, { additionalProperties: false });

export const TopologySchema = Type.Object(TOPOLOGY_PROPERTIES, {
  $id: 'https://jwtbench.dev/schemas/topology.schema.json',
  title: 'jwtbench topology',
  description: 'The services the blast-radius model reads: jwtbench radius --topology, jwtbench report --topology.',
  additionalProperties: false,
});

export type Topology = Static<typeof TopologySchema>;
export type Service = Static<typeof ServiceSchema>;
export type Edge = Static<typeof EdgeSchema>;
export type ExposureDefaults = Static<typeof ExposureDefaultsSchema>;
