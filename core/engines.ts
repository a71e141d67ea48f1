// The JWT engines' names for the reference servers: jose (WebCrypto), fast-jwt, node (the
// compact JWS on node:crypto, the floor) and noble-pq (@noble/post-quantum, ML-DSA only).
export type EngineName = 'jose' | 'node' | 'fast-jwt' | 'noble-pq';

export const ENGINE_NAMES: readonly EngineName[] = ['jose', 'node', 'fast-jwt', 'noble-pq'];

export function isEngineName(value: string): value is EngineName {
  return (ENGINE_NAMES as readonly string[]).includes(value);
}
