// The reference schemes, one table: which algorithm each pins and where its verifiers get keys.
import type { AlgName } from './algorithms.js';

export type SchemeName = 'baseline' | 'hs256' | 'rs256' | 'es256' | 'eddsa';

export interface SchemeSpec {
  name: SchemeName;
  /** the one algorithm verifiers accept; null for the no-auth baseline */
  alg: AlgName | null;
  /** none: no tokens; shared-secret: issuer and verifiers hold one secret; jwks: verifiers fetch public keys */
  keys: 'none' | 'shared-secret' | 'jwks';
}

function jwks(name: SchemeName, alg: AlgName): SchemeSpec {
  return { name, alg, keys: 'jwks' };
}

export const SCHEMES: Readonly<Record<SchemeName, SchemeSpec>> = Object.freeze({
  baseline: { name: 'baseline', alg: null, keys: 'none' },
  hs256: { name: 'hs256', alg: 'HS256', keys: 'shared-secret' },
  rs256: jwks('rs256', 'RS256'),
  es256: jwks('es256', 'ES256'),
  eddsa: jwks('eddsa', 'EdDSA'),
});

export const SCHEME_NAMES = Object.keys(SCHEMES) as SchemeName[];
export const TOKEN_SCHEMES = SCHEME_NAMES.filter((s) => SCHEMES[s].alg !== null);
export const JWKS_SCHEMES = SCHEME_NAMES.filter((s) => SCHEMES[s].keys === 'jwks');
