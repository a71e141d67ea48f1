// The names results documents use, as plain lists: flag parsing, presets and --help read them
// without loading TypeBox, and the schemas in this folder build their enums from them.

export const OPS = ['sign', 'verify'] as const;
export type Op = (typeof OPS)[number];

export const ENGINE_NAMES = ['jose', 'node', 'fast-jwt', 'noble-pq', 'webcrypto'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

/** `prepared`: keys imported once. `per-call`: a raw secret or PEM imported on every call. */
export const KEY_PREPS = ['prepared', 'per-call'] as const;
export type KeyPrep = (typeof KEY_PREPS)[number];

export const PAYLOAD_NAMES = ['small', 'typical', 'large'] as const;
export type PayloadName = (typeof PAYLOAD_NAMES)[number];

export const ROTATION_POLICIES = ['staged', 'immediate'] as const;
export type RotationPolicy = (typeof ROTATION_POLICIES)[number];

export const SCENARIO_NAMES = ['verify', 'mint', 'rotation', 'outage', 'target'] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

/** What generated a load run's requests: autocannon (jwtbench load) or Artillery (an imported report). */
export const LOAD_CLIENTS = ['autocannon', 'artillery'] as const;
export type LoadClient = (typeof LOAD_CLIENTS)[number];

/** Where a target run puts its token: `Authorization: Bearer`, a header of its own, or a cookie. */
export const TOKEN_PLACEMENTS = ['bearer', 'header', 'cookie'] as const;
export type TokenPlacement = (typeof TOKEN_PLACEMENTS)[number];

/** Where a target run's tokens came from. */
export const TOKEN_SOURCES = ['issuer', 'file', 'minted'] as const;
export type TokenSource = (typeof TOKEN_SOURCES)[number];
