// The key schemes the summary, the decision chart and the decision record weigh: each with the
// blast-radius scheme it belongs to, the algorithm its micro figures come from and its load scheme.
export const SCHEME_ROWS = [
  { key: 'hs256-shared', label: 'HS256, one shared secret', alg: 'HS256', keyBits: undefined, load: 'hs256' },
  { key: 'hs256-per-service', label: 'HS256, a secret per verifier', alg: 'HS256', keyBits: undefined, load: 'hs256' },
  { key: 'jwks', label: 'RS256 (2048) with JWKS', alg: 'RS256', keyBits: 2048, load: 'rs256' },
  { key: 'jwks', label: 'ES256 with JWKS', alg: 'ES256', keyBits: null, load: 'es256' },
  { key: 'jwks', label: 'EdDSA with JWKS', alg: 'EdDSA', keyBits: null, load: 'eddsa' },
] as const;
