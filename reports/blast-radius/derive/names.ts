// What counts as signing material in a deployment's configuration, by name and by value: one
// table, read by the compose and the Kubernetes readers alike.
import type { HeldMaterial } from '../types.js';

/** Words of a variable or secret name, upper-cased: "jwt-signing.key" -> JWT, SIGNING, KEY. */
const words = (name: string): string[] => name.toUpperCase().split(/[^A-Z0-9]+/).filter(Boolean);

// A name mentions a token (JWT, TOKEN, AUTH, SIGNING, HMAC) and a secret or key. Public keys
// and JWKS settings are not the secret; private keys are their own material.
const TOKEN_WORDS = ['JWT', 'TOKEN', 'TOKENS', 'AUTH', 'SIGNING', 'HMAC', 'HS256'];
const SECRET_WORDS = ['SECRET', 'KEY'];

/** What a name says it holds, given the names the user asked for (--secret-name: exact, in place of the common names). */
export function materialOfName(name: string, secretNames: readonly string[]): HeldMaterial | null {
  const w = words(name);
  if (w.includes('JWKS')) return 'jwks';
  if (w.includes('PUBLIC')) return null;
  if (w.includes('PRIVATE') && (w.includes('KEY') || w.includes('PEM'))) return 'private-key';
  if (secretNames.length > 0) return secretNames.some((s) => s.toLowerCase() === name.toLowerCase()) ? 'secret' : null;
  return w.some((x) => TOKEN_WORDS.includes(x)) && w.some((x) => SECRET_WORDS.includes(x)) ? 'secret' : null;
}

/** A value that is a JWKS URL (or an OIDC discovery URL, which leads to one). */
export function isJwksUrl(value: string): boolean {
  return /^https?:\/\/\S*(jwks|\.well-known\/(openid-configuration|jwks\.json))/i.test(value);
}

/** Hosts named in http(s) URLs inside a value: where a service calls. */
export function urlHosts(value: string): string[] {
  return [...value.matchAll(/https?:\/\/([a-z0-9][a-z0-9.-]*)/gi)].map((m) => m[1]!.toLowerCase());
}

/** Words that make a service the likely issuer when none holds a private key. */
export const ISSUER_WORDS = ['AUTH', 'IDENTITY', 'IDP', 'ISSUER', 'SSO', 'LOGIN', 'TOKEN', 'KEYCLOAK', 'OAUTH'];
export const looksLikeIssuer = (service: string): boolean => words(service).some((w) => ISSUER_WORDS.includes(w));
