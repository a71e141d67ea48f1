// The names the blast-radius model and radius.json use, as plain lists (no TypeBox): the model,
// the CLI and the schemas read them from here.

/** How verifiers get what they check tokens with: the what-if schemes. */
export const KEY_SCHEMES = ['hs256-shared', 'hs256-per-service', 'jwks'] as const;
export type KeyScheme = (typeof KEY_SCHEMES)[number];

/** The what-ifs, and the deployment as found (a topology whose services say what they hold). */
export const RADIUS_SCHEMES = [...KEY_SCHEMES, 'as-deployed'] as const;
export type RadiusScheme = (typeof RADIUS_SCHEMES)[number];

/**
 * Which aud a token carries and a service accepts: `shared-audience`, one for all;
 * `per-service-audience`, a token per callee accepted only there; `declared`, as the topology
 * file says (only when it declares audiences or edge tokens).
 */
export const AUDIENCE_POLICIES = ['shared-audience', 'per-service-audience', 'declared'] as const;
export type AudiencePolicy = (typeof AUDIENCE_POLICIES)[number];

/** What a service of a deployment was found to hold. */
export const HELD_MATERIALS = ['secret', 'private-key', 'jwks'] as const;
export type HeldMaterial = (typeof HELD_MATERIALS)[number];

/** Which token a caller presents on an edge. */
export const EDGE_TOKENS = ['forwarded', 'own'] as const;
export type EdgeToken = (typeof EDGE_TOKENS)[number];

/** The stated defaults of the exposure windows (minutes). */
export const EXPOSURE_DEFAULTS = { tokenLifetimeMinutes: 60, rotationMinutes: 1440, jwksCacheMinutes: 10 } as const;
