// Tokens for load runs: a pool of distinct valid tokens minted by the real issuer (so no
// cache can hide the verify cost), and tokens whose kid no issuer published.
import { randomBytes } from 'node:crypto';
import { SignJWT, generateKeyPair } from 'jose';
import { ALGORITHMS, isMlDsa, type AlgName } from '../../core/algorithms.js';
import { b64url, signCompact } from '../../core/jws-node.js';
import { ML_DSA } from '../../core/ml-dsa.js';
import { SERVER_DEFAULTS } from '../../servers/defaults.js';

/** One token from the issuer's POST /token. */
export async function mintToken(issuerUrl: string, sub: string): Promise<string> {
  const response = await fetch(`${issuerUrl}/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sub }) });
  if (!response.ok) throw new Error(`the issuer answered ${response.status}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

export async function mintPool(issuerUrl: string, size: number, concurrency = 8): Promise<string[]> {
  const tokens: string[] = new Array<string>(size);
  let next = 0;
  const worker = async () => {
    while (next < size) {
      const i = next++;
      try {
        tokens[i] = await mintToken(issuerUrl, `pool-user-${i}`);
      } catch (error) {
        throw new Error(`${(error as Error).message} while minting the token pool`);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return tokens;
}

/** The mean bytes per request of `authorization: Bearer <token>\r\n` over a pool (tokens are ASCII). */
export function authorizationHeaderBytes(tokens: readonly string[]): number {
  const line = 'authorization: Bearer \r\n'.length;
  return tokens.reduce((sum, t) => sum + line + t.length, 0) / tokens.length;
}

/** Well-formed tokens with the right claims whose kid the issuer never published. */
export async function unknownKidTokens(alg: AlgName, count: number): Promise<string[]> {
  const spec = ALGORITHMS[alg];
  if (isMlDsa(spec)) return mlDsaStrangers(spec.mlDsa.name, count);
  const { privateKey } = await generateKeyPair(alg);
  return Promise.all(Array.from({ length: count }, () => new SignJWT({})
    .setProtectedHeader({ alg, typ: 'JWT', kid: randomBytes(16).toString('base64url') })
    .setIssuer(SERVER_DEFAULTS.issuer)
    .setAudience(SERVER_DEFAULTS.audience)
    .setSubject('stranger')
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(privateKey)));
}

/** The same for ML-DSA, which jose signs only where WebCrypto has it: @noble/post-quantum signs them here. */
function mlDsaStrangers(alg: keyof typeof ML_DSA, count: number): string[] {
  const dsa = ML_DSA[alg];
  const { secretKey } = dsa.keygen(randomBytes(32));
  const iat = Math.floor(Date.now() / 1000);
  return Array.from({ length: count }, () => signCompact(
    b64url(JSON.stringify({ alg, typ: 'JWT', kid: randomBytes(16).toString('base64url') })),
    { iss: SERVER_DEFAULTS.issuer, aud: SERVER_DEFAULTS.audience, sub: 'stranger', iat, exp: iat + 300 },
    (data) => Buffer.from(dsa.sign(Buffer.from(data, 'latin1'), secretKey)),
  ));
}
