// The JWT engines' names, one list for the micro benchmark and the reference servers:
// jose (WebCrypto), fast-jwt, and node (the compact JWS on node:crypto, the floor).
export type EngineName = 'jose' | 'node' | 'fast-jwt';

export const ENGINE_NAMES: readonly EngineName[] = ['jose', 'node', 'fast-jwt'];

export function isEngineName(value: string): value is EngineName {
  return (ENGINE_NAMES as readonly string[]).includes(value);
}
