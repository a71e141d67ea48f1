// The reference schemes, one table: which algorithm each pins and where its verifiers get keys.
// The spec is a union keyed by `keys`, so a scheme that compiles has what it runs on: a token
// scheme an algorithm, a shared secret an HMAC one, a JWKS an asymmetric one.
import type { AsymmetricAlgName, HmacAlgName } from './algorithms.js';

export type SchemeName = 'baseline' | 'hs256' | 'rs256' | 'es256' | 'eddsa' | 'mldsa44';

interface SchemeBase {
  name: SchemeName;
  /** how reports name it: the algorithm, and its key when that matters */
  label: string;
}

/** none: no tokens; shared-secret: issuer and verifiers hold one secret; jwks: verifiers fetch public keys */
export type SchemeSpec = SchemeBase & (
  | { keys: 'none'; /** verifiers accept no token */ alg: null }
  | { keys: 'shared-secret'; /** the one algorithm verifiers accept */ alg: HmacAlgName }
  | { keys: 'jwks'; /** the one algorithm verifiers accept */ alg: AsymmetricAlgName }
);

/** The schemes that carry tokens. */
export type TokenSchemeSpec = Exclude<SchemeSpec, { keys: 'none' }>;

function jwks(name: SchemeName, alg: AsymmetricAlgName, label: string = alg): SchemeSpec {
  return { name, label, alg, keys: 'jwks' };
}

export const SCHEMES: Readonly<Record<SchemeName, SchemeSpec>> = Object.freeze({
  baseline: { name: 'baseline', label: 'no authentication', alg: null, keys: 'none' },
  hs256: { name: 'hs256', label: 'HS256', alg: 'HS256', keys: 'shared-secret' },
  rs256: jwks('rs256', 'RS256', 'RS256 (2048-bit)'),
  es256: jwks('es256', 'ES256'),
  eddsa: jwks('eddsa', 'EdDSA', 'EdDSA (Ed25519)'),
  // post-quantum (FIPS 204); its JWKS holds AKP keys (draft-ietf-cose-dilithium-11)
  mldsa44: jwks('mldsa44', 'ML-DSA-44'),
});

export const SCHEME_NAMES = Object.keys(SCHEMES) as SchemeName[];
export const TOKEN_SCHEMES = SCHEME_NAMES.filter((s) => SCHEMES[s].alg !== null);
export const JWKS_SCHEMES = SCHEME_NAMES.filter((s) => SCHEMES[s].keys === 'jwks');
