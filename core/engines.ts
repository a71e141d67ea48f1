// The names of the engines the reference servers can run on: jose (WebCrypto), fast-jwt, node
// (the compact JWS on node:crypto, the floor) and noble-pq (@noble/post-quantum, ML-DSA only).
// The micro engines are a separate list (core/results/names.ts ENGINE_NAMES): the same names
// today, kept apart so that one can gain an engine the other has not.
export type ServerEngineName = 'jose' | 'node' | 'fast-jwt' | 'noble-pq';

export const SERVER_ENGINE_NAMES: readonly ServerEngineName[] = ['jose', 'node', 'fast-jwt', 'noble-pq'];

export function isServerEngineName(value: string): value is ServerEngineName {
  return (SERVER_ENGINE_NAMES as readonly string[]).includes(value);
}
