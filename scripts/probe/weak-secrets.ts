// Common HMAC secrets: defaults from tutorials, library READMEs and frameworks' samples. The
// probe tries them offline against the valid token; a hit means anyone can mint tokens.
import { signatureValid } from './forge.js';

export const WEAK_SECRETS: readonly string[] = [
  'secret', 'Secret', 'SECRET', 'secretkey', 'secret-key', 'secret_key', 'SECRET_KEY', 'secret123',
  'your-256-bit-secret', 'your-secret-key', 'your_secret_key', 'mysecret', 'my-secret', 'my_secret', 'supersecret',
  'shhhhh', 'keyboard cat', 'changeme', 'change-me', 'password', 'Password', 'passw0rd', '123456', '12345678',
  'qwerty', 'admin', 'test', 'testing', 'default', 'key', 'jwt', 'jwt-secret', 'jwt_secret', 'JWT_SECRET',
  'jwtsecret', 'token', 'hmac', 'hs256', 'abc123', 'letmein', 's3cr3t', '',
];

/** The first listed secret that reproduces the token's HMAC, or null. */
export function findWeakSecret(token: string, secrets: readonly string[] = WEAK_SECRETS): string | null {
  return secrets.find((s) => signatureValid(token, s)) ?? null;
}
