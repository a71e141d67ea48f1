// The key schemes the summary, the decision chart and the decision record weigh: one row per
// token scheme (and key model), its algorithm and key size from the tables (core/schemes.ts,
// core/algorithms.ts), the blast-radius scheme it belongs to and its load scheme.
import { ALGORITHMS } from '../core/algorithms.js';
import { SCHEMES, TOKEN_SCHEMES, type TokenSchemeSpec } from '../core/schemes.js';
import type { KeyScheme } from './blast-radius/types.js';

/** How each way of holding keys appears in the blast-radius model: a shared secret two ways. */
const KEY_ROWS = {
  'shared-secret': [{ key: 'hs256-shared', suffix: ', one shared secret' }, { key: 'hs256-per-service', suffix: ', a secret per verifier' }],
  jwks: [{ key: 'jwks', suffix: ' with JWKS' }],
} as const satisfies Record<TokenSchemeSpec['keys'], readonly { key: KeyScheme; suffix: string }[]>;

export const SCHEME_ROWS = TOKEN_SCHEMES.flatMap((name) => {
  const scheme = SCHEMES[name];
  if (scheme.keys === 'none') return [];
  return KEY_ROWS[scheme.keys].map((row) => ({
    key: row.key as KeyScheme, label: `${scheme.label}${row.suffix}`, alg: scheme.alg, keyBits: ALGORITHMS[scheme.alg].defaultKeyBits, load: name,
  }));
});
