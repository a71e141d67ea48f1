// Guessable HMAC secrets, checked offline against the valid token: framework and tutorial
// defaults written here, the ~49,000 common passwords of @zxcvbn-ts/language-common (MIT), and
// any --wordlist. The search is bounded in time and reports its rate; a hit means anyone who
// has seen one token can mint tokens.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { dictionary } from '@zxcvbn-ts/language-common';
import { ALGORITHMS } from '../../core/algorithms.js';
import { isAlgName } from './forge.js';

/** Defaults from library READMEs, tutorials, framework samples and .env templates. */
export const DEFAULT_SECRETS: readonly string[] = [
  'secret', 'Secret', 'SECRET', 'secretkey', 'secretKey', 'secret-key', 'secret_key', 'SECRET_KEY', 'secret123', 'secret1234',
  'your-256-bit-secret', 'your-384-bit-secret', 'your-512-bit-secret', 'your-secret-key', 'your_secret_key', 'your-secret',
  'your_jwt_secret', 'your-jwt-secret', 'YOUR_SECRET_KEY', 'yoursecret', 'mysecret', 'my-secret', 'my_secret', 'mysecretkey',
  'my-secret-key', 'my_secret_key', 'mySecretKey', 'MySecretKey', 'supersecret', 'super-secret', 'super_secret', 'supersecretkey',
  'super-secret-key', 'topsecret', 'shhhhh', 'shhhhhared-secret', 'keyboard cat', 'changeme', 'change-me', 'change_me', 'changeit',
  'CHANGE_ME', 'change-this-secret', 'changethis', 'replace-me', 'replaceme', 'default', 'defaultsecret', 'default-secret',
  'jwt', 'JWT', 'jwt-secret', 'jwt_secret', 'JWT_SECRET', 'jwtsecret', 'jwtSecret', 'JwtSecret', 'jwt-key', 'jwtkey', 'jwt_key',
  'jwtSecretKey', 'jwt-secret-key', 'jwt_secret_key', 'jwtPrivateKey', 'access-token-secret', 'ACCESS_TOKEN_SECRET',
  'accessTokenSecret', 'refresh-token-secret', 'REFRESH_TOKEN_SECRET', 'refreshTokenSecret', 'token', 'token-secret',
  'tokensecret', 'TOKEN_SECRET', 'auth', 'auth-secret', 'authsecret', 'AUTH_SECRET', 'app-secret', 'appsecret', 'APP_SECRET',
  'app_secret', 'api-secret', 'apisecret', 'API_SECRET', 'session-secret', 'SESSION_SECRET', 'hmac', 'hmac-secret', 'hs256',
  'HS256', 'key', 'Key', 'KEY', 'privatekey', 'private-key', 'private_key', 'signing-key', 'signingkey', 'sign-key',
  'test', 'testing', 'test-secret', 'testsecret', 'test_secret', 'dev', 'development', 'dev-secret', 'devsecret', 'local',
  'localsecret', 'example', 'example-secret', 'demo', 'demo-secret', 'sample', 'abc', 'abc123', 'abcdef', '1234567890',
  'password', 'Password', 'passw0rd', 's3cr3t', 'S3cr3t', 'secr3t', 'letmein', 'admin', 'qwerty', 'foobar', 'foo', 'bar',
  'hello', 'helloworld', 'hello-world', 'nodejs', 'express', 'node', 'django-insecure', 'laravel', 'rails', 'spring',
  'notasecret', 'not-a-secret', 'insecure', 'insecure-secret', 'TOPSECRET', 'mykey',
  'thisismysecret', 'this-is-my-secret', 'thisisasecret', 'ThisIsMySecret', 'secretOrPrivateKey', 'secretOrKey',
  'secret_jwt', 'SecretKey', 'Secret123', '',
];

let builtIn: readonly string[] | null = null;

/** Every built-in entry once: the defaults first (most likely), then the common passwords. */
export function builtInSecrets(): readonly string[] {
  builtIn ??= [...new Set([...DEFAULT_SECRETS, ...dictionary['passwords-common']])];
  return builtIn;
}

export interface CrackResult {
  /** the secret, in memory only: probe.json records that one was found and its length */
  found: string | null;
  tried: number;
  listed: number;
  durationMs: number;
  /** tried / second */
  ratePerS: number;
  /** true when the time bound stopped the search before the list's end */
  timedOut: boolean;
}

/** How long the search holds the event loop before letting it run: Ctrl-C must stop a search of an hour. */
const SLICE_MS = 50;

/** Tries each candidate as the token's HMAC secret, for at most `budgetMs`; an abort ends it (AbortError). */
export async function crackHmacSecret(token: string, candidates: readonly string[], budgetMs: number, signal?: AbortSignal): Promise<CrackResult> {
  const [h, p, s] = token.split('.');
  const alg = JSON.parse(Buffer.from(h!, 'base64url').toString('utf8')).alg as unknown;
  if (!isAlgName(alg) || ALGORITHMS[alg].family !== 'hmac') throw new Error(`not an HMAC token (${String(alg)})`);
  const digest = ALGORITHMS[alg].node.digest!;
  const input = Buffer.from(`${h}.${p}`, 'ascii');
  const sig = Buffer.from(s!, 'base64url');
  const started = performance.now();
  let tried = 0;
  let found: string | null = null;
  let timedOut = false;
  let sliceStarted = started;
  signal?.throwIfAborted();
  for (const candidate of candidates) {
    // Checking the clock every 1024 candidates keeps its cost out of the rate.
    if ((tried & 1023) === 0 && tried > 0) {
      const now = performance.now();
      if (now - started > budgetMs) {
        timedOut = true;
        break;
      }
      if (now - sliceStarted > SLICE_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        signal?.throwIfAborted();
        sliceStarted = performance.now();
      }
    }
    tried += 1;
    const mac = createHmac(digest, candidate).update(input).digest();
    if (mac.length === sig.length && timingSafeEqual(mac, sig)) {
      found = candidate;
      break;
    }
  }
  const durationMs = performance.now() - started;
  return { found, tried, listed: candidates.length, durationMs, ratePerS: durationMs > 0 ? (tried / durationMs) * 1000 : tried, timedOut };
}
