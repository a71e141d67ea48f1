// Claim sets that sign and verify cases carry. Deterministic apart from the times, so two
// runs sign the same bytes; `exp` is a week ahead so no run, however long, outlives its tokens
// (the payload is built once per process), with as many digits as an hour ahead would have.
import { PAYLOAD_NAMES, type PayloadName } from '../core/results/names.js';

export const BENCH_ISSUER = 'https://issuer.jwtbench.local';
export const BENCH_AUDIENCE = 'jwtbench-api';

export type Claims = Record<string, unknown> & { iss: string; sub: string; aud: string; iat: number; exp: number };

function registered(nowS: number): Claims {
  return { iss: BENCH_ISSUER, sub: 'user-1234567890', aud: BENCH_AUDIENCE, iat: nowS, exp: nowS + 7 * 24 * 3600 };
}

function typical(nowS: number): Claims {
  return {
    ...registered(nowS),
    nbf: nowS - 5,
    jti: '7f3c2a9e-4b1d-4e8a-9c55-2d6f0b1e8a42',
    azp: 'web-frontend',
    scope: 'orders:read orders:write profile:read',
    roles: ['customer', 'beta-tester'],
    tenant: 'acme-eu-1',
    email: 'jane.doe@example.com',
    email_verified: true,
    name: 'Jane Doe',
    locale: 'en-GB',
    auth_time: nowS - 120,
  };
}

function large(nowS: number): Claims {
  // About 4 KB of claims, as tokens that carry fine-grained permissions grow to.
  const permissions: string[] = [];
  for (let i = 0; i < 140; i++) permissions.push(`svc-${i % 12}:resource-${i}:read`);
  return { ...typical(nowS), permissions, groups: ['engineering', 'oncall', 'platform', 'security-champions'] };
}

const BUILDERS: Record<PayloadName, (nowS: number) => Claims> = { small: registered, typical, large };

export function buildPayload(name: PayloadName, nowS = Math.floor(Date.now() / 1000)): Claims {
  return BUILDERS[name](nowS);
}

export function isPayloadName(value: string): value is PayloadName {
  return (PAYLOAD_NAMES as readonly string[]).includes(value);
}
