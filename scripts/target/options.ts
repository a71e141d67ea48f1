// The flags that describe a service the user runs and how to authenticate to it, shared by
// `jwtbench load --target` and `jwtbench artillery export`: the URL, the method, one token
// source, where the token goes, and the safety bounds. Parsing only: nothing is read or sent.
import { badFlag } from '../../core/errors.js';
import { atMost, positiveInt, positiveNumber } from '../../core/flags.js';
import { ALG_NAMES, type AlgName } from '../../core/algorithms.js';
import type { TokenPlacement } from '../../core/results/names.js';
import { checkedUrl } from '../probe/send.js';

export const TARGET_FLAGS = {
  target: { type: 'string' },
  method: { type: 'string' },
  issuer: { type: 'string' },
  'issuer-body': { type: 'string' },
  'token-field': { type: 'string' },
  'token-file': { type: 'string' },
  'signing-key': { type: 'string' },
  alg: { type: 'string' },
  claims: { type: 'string' },
  kid: { type: 'string' },
  'token-ttl': { type: 'string' },
  'token-pool': { type: 'string' },
  header: { type: 'string' },
  cookie: { type: 'string' },
  rate: { type: 'string' },
  'allow-remote': { type: 'boolean' },
} as const;

/** The flags only `jwtbench load --target` has. */
export const LOAD_TARGET_FLAGS = {
  'compare-url': { type: 'string' },
  'client-workers': { type: 'string' },
} as const;

export type TargetFlagValues = { [K in keyof typeof TARGET_FLAGS]?: (typeof TARGET_FLAGS)[K]['type'] extends 'boolean' ? boolean : string };

/** Defaults match the reference issuer: POST /token {"sub": ...} answers {"access_token": ...}. */
export const TARGET_DEFAULTS = { method: 'GET', issuerBody: '{"sub":"jwtbench"}', tokenField: 'access_token', tokenPool: 1000, maxTokenPool: 100_000, maxRatePerS: 100_000 } as const;

export type TokenSourceSpec =
  | { kind: 'issuer'; url: URL; body: string; field: string }
  | { kind: 'file'; path: string }
  | { kind: 'minted'; keyFile: string; alg: AlgName; claimsFile: string; kid: string | null };

export interface TargetOptions {
  url: URL;
  method: string;
  source: TokenSourceSpec;
  /** distinct tokens to fetch or mint (a token file gives its own count) */
  poolSize: number;
  /** lifetime of minted tokens; null: the run's length plus a margin */
  ttlS: number | null;
  placement: { kind: TokenPlacement; name: string | null };
  ratePerS: number | null;
  allowRemote: boolean;
}

const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
/** RFC 9110 token characters: what a header or cookie name may hold. */
const NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** The flags both `load --target` and `artillery export` take; what differs between them (the tokens' default lifetime, the rate) is theirs to say. */
export const targetHelp = (o: { tokenTtl: string; rate: string }) => `  --target <url>          the endpoint to load (answers 2xx to a valid token)
  --method <m>            HTTP method (default ${TARGET_DEFAULTS.method})
Token source (exactly one):
  --issuer <url>          POST --issuer-body to this token endpoint (a bare origin means
                          <origin>/token, the reference issuer) once per pooled token
  --issuer-body <json>    default ${TARGET_DEFAULTS.issuerBody}
  --token-field <name>    the answer's member holding the token (default ${TARGET_DEFAULTS.tokenField})
  --token-file <file>     one token a line: the pool
  --signing-key <file>    mint the pool: a PEM private key, or the HMAC secret for HS*
    --alg <alg>           ${ALG_NAMES.join(', ')}
    --claims <file>       a JSON object of claims; jwtbench adds a fresh jti, iat and exp
    --kid <kid>           the kid header, if the verifier picks keys by kid
    --token-ttl <s>       lifetime of minted tokens (default: ${o.tokenTtl})
  --token-pool <n>        distinct tokens to fetch or mint (default ${TARGET_DEFAULTS.tokenPool})
Where the token goes (default Authorization: Bearer <token>):
  --header <name>         <name>: <token>
  --cookie <name>         Cookie: <name>=<token>
Safety:
  --rate <n>              ${o.rate}
  --allow-remote          allow a target that is not loopback: only one you own or have
                          written permission to test`;

function tokenSource(v: TargetFlagValues, allowRemote: boolean): TokenSourceSpec {
  const given = (['issuer', 'token-file', 'signing-key'] as const).filter((f) => v[f] !== undefined);
  if (given.length !== 1) throw badFlag('--issuer', `or --token-file or --signing-key: give exactly one token source${given.length > 1 ? ` (got ${given.map((f) => `--${f}`).join(', ')})` : ''}`);
  const source = given[0]!;
  const minting = ['alg', 'claims', 'kid', 'token-ttl'] as const;
  if (source !== 'signing-key') {
    const stray = minting.find((f) => v[f] !== undefined);
    if (stray) throw badFlag(`--${stray}`, 'applies only to --signing-key (jwtbench minting the tokens)');
  }
  if (source !== 'issuer') {
    const stray = (['issuer-body', 'token-field'] as const).find((f) => v[f] !== undefined);
    if (stray) throw badFlag(`--${stray}`, 'applies only to --issuer');
  }
  if (source === 'issuer') {
    const url = checkedUrl('--issuer', v.issuer!, allowRemote);
    if (url.pathname === '/') url.pathname = '/token';
    const body = v['issuer-body'] ?? TARGET_DEFAULTS.issuerBody;
    try {
      JSON.parse(body);
    } catch {
      throw badFlag('--issuer-body', `must be JSON (got ${JSON.stringify(body)})`);
    }
    const field = v['token-field'] ?? TARGET_DEFAULTS.tokenField;
    if (field.trim() === '') throw badFlag('--token-field', 'must name a member of the issuer\'s answer');
    return { kind: 'issuer', url, body, field };
  }
  if (source === 'token-file') {
    if (v['token-pool'] !== undefined) throw badFlag('--token-pool', 'does not apply to --token-file: the file\'s lines are the pool');
    return { kind: 'file', path: v['token-file']! };
  }
  if (v.alg === undefined) throw badFlag('--alg', `is required with --signing-key (one of ${ALG_NAMES.join(', ')})`);
  const alg = ALG_NAMES.find((a) => a === v.alg);
  if (!alg) throw badFlag('--alg', `must be one of ${ALG_NAMES.join(', ')} (got ${JSON.stringify(v.alg)})`);
  if (v.claims === undefined) throw badFlag('--claims', 'is required with --signing-key: a JSON file of the claims the target expects (iss, aud, sub ...)');
  return { kind: 'minted', keyFile: v['signing-key']!, alg, claimsFile: v.claims, kid: v.kid ?? null };
}

function placement(v: TargetFlagValues): TargetOptions['placement'] {
  if (v.header !== undefined && v.cookie !== undefined) throw badFlag('--header', 'and --cookie are alternatives: give one');
  for (const flag of ['header', 'cookie'] as const) {
    const name = v[flag];
    if (name === undefined) continue;
    if (!NAME.test(name)) throw badFlag(`--${flag}`, `must be a ${flag} name (letters, digits, - and the like; got ${JSON.stringify(name)})`);
    return { kind: flag, name };
  }
  return { kind: 'bearer', name: null };
}

export function resolveTargetOptions(v: TargetFlagValues): TargetOptions {
  if (v.target === undefined) throw badFlag('--target', 'is required: the URL of the endpoint to load');
  const allowRemote = v['allow-remote'] === true;
  const url = checkedUrl('--target', v.target, allowRemote);
  const method = (v.method ?? TARGET_DEFAULTS.method).toUpperCase();
  if (!(HTTP_METHODS as readonly string[]).includes(method)) throw badFlag('--method', `must be one of ${HTTP_METHODS.join(', ')} (got ${JSON.stringify(v.method)})`);
  const source = tokenSource(v, allowRemote);
  let poolSize: number = TARGET_DEFAULTS.tokenPool;
  if (v['token-pool'] !== undefined) {
    poolSize = positiveInt('--token-pool', v['token-pool']);
    atMost('--token-pool', poolSize, TARGET_DEFAULTS.maxTokenPool);
  }
  const ttlS = v['token-ttl'] === undefined ? null : positiveNumber('--token-ttl', v['token-ttl'], 'seconds');
  let ratePerS: number | null = null;
  if (v.rate !== undefined) {
    ratePerS = positiveNumber('--rate', v.rate, 'requests a second');
    atMost('--rate', ratePerS, TARGET_DEFAULTS.maxRatePerS, ' requests a second');
  }
  return { url, method, source, poolSize, ttlS, placement: placement(v), ratePerS, allowRemote };
}

/** The one line --allow-remote prints before anything is sent. */
export function remoteWarning(url: URL): string {
  return `--allow-remote: loading ${url.host}. Only load a system you own or have written permission to test.\n`;
}
