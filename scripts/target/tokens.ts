// The token pool for a target: fetched from an issuer, read from a file, or minted here with
// the user's key. Tokens and keys stay in memory: what leaves this module for results is the
// first token's JOSE header (alg, typ, kid) and its length, never a token.
import { createPrivateKey, randomUUID, type KeyObject } from 'node:crypto';
import { readFlagFile } from '../lib/flag-file.js';
import { withoutTrailingNewline } from '../../core/secret-bytes.js';
import { ALGORITHMS } from '../../core/algorithms.js';
import { JwtbenchError, badFlag, errorMessage } from '../../core/errors.js';
import { decodeHeader } from '../../core/jws.js';
import type { TokenSource } from '../../core/results/names.js';
import { Sender } from '../probe/send.js';
import type { TargetOptions, TokenSourceSpec } from './options.js';

export interface TokenPool {
  source: TokenSource;
  tokens: string[];
  header: { alg: string; typ: string | null; kid: string | null };
  lengthChars: number;
  /** minted tokens: when the first one expires (ISO time); null when jwtbench did not set exp */
  expiresAt: string | null;
}

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$/;
const setup = (message: string) => new JwtbenchError('JWTBENCH_TARGET_SETUP', message);

async function fromIssuer(s: Extract<TokenSourceSpec, { kind: 'issuer' }>, size: number, allowRemote: boolean, signal?: AbortSignal): Promise<string[]> {
  // Sequential and rate-bounded: an issuer is somebody's service too.
  const sender = new Sender({ ratePerS: 500, maxRequests: size, timeoutMs: 5_000, allowRemote }, signal);
  const tokens: string[] = [];
  while (tokens.length < size) {
    let answer;
    try {
      answer = await sender.send(s.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: s.body });
    } catch (error) {
      signal?.throwIfAborted();
      throw setup(`--issuer: POST ${s.url.href} failed (${errorMessage(error)}); is the issuer running?`);
    }
    let token: unknown;
    try {
      token = (JSON.parse(answer.body) as Record<string, unknown>)[s.field];
    } catch { /* reported below */ }
    if (answer.status < 200 || answer.status > 299 || typeof token !== 'string') {
      throw setup(`--issuer: POST ${s.url.href} answered ${answer.status} without a string "${s.field}" member (see --issuer-body and --token-field)`);
    }
    tokens.push(token);
  }
  return tokens;
}

async function fromFile(path: string): Promise<string[]> {
  const lines = (await readFlagFile('--token-file', path)).toString('utf8').split(/\r?\n/).map((l) => l.trim());
  const tokens: string[] = [];
  for (const [i, line] of lines.entries()) {
    if (line === '') continue;
    if (!COMPACT_JWS.test(line)) throw badFlag('--token-file', `${path}: line ${i + 1} is not a compact JWT (three base64url parts separated by dots)`);
    tokens.push(line);
  }
  if (tokens.length === 0) throw badFlag('--token-file', `${path}: holds no token (one a line expected)`);
  return tokens;
}

async function signingKey(s: Extract<TokenSourceSpec, { kind: 'minted' }>): Promise<KeyObject | Uint8Array> {
  const bytes = await readFlagFile('--signing-key', s.keyFile);
  if (ALGORITHMS[s.alg].family === 'hmac') {
    return new Uint8Array(withoutTrailingNewline(bytes));
  }
  try {
    return createPrivateKey(bytes.toString('utf8'));
  } catch (error) {
    throw badFlag('--signing-key', `${s.keyFile}: not a PEM private key (${errorMessage(error)})`);
  }
}

async function minted(s: Extract<TokenSourceSpec, { kind: 'minted' }>, size: number, ttlS: number): Promise<{ tokens: string[]; expiresAt: string }> {
  let claims: unknown;
  try {
    claims = JSON.parse((await readFlagFile('--claims', s.claimsFile)).toString('utf8'));
  } catch (error) {
    if (error instanceof JwtbenchError) throw error;
    throw badFlag('--claims', `${s.claimsFile}: not JSON (${errorMessage(error)})`);
  }
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) throw badFlag('--claims', `${s.claimsFile}: must hold a JSON object of claims`);
  const key = await signingKey(s);
  const { SignJWT } = await import('jose');
  const iat = Math.floor(Date.now() / 1000);
  const exp = iat + Math.ceil(ttlS);
  const sign = () => new SignJWT({ ...(claims as Record<string, unknown>) })
    .setProtectedHeader({ alg: s.alg, typ: 'JWT', ...(s.kid === null ? {} : { kid: s.kid }) })
    .setJti(randomUUID()).setIssuedAt(iat).setExpirationTime(exp)
    .sign(key);
  try {
    return { tokens: await Promise.all(Array.from({ length: size }, sign)), expiresAt: new Date(exp * 1000).toISOString() };
  } catch (error) {
    throw badFlag('--signing-key', `${s.keyFile} cannot sign ${s.alg} (${errorMessage(error)})`);
  }
}

/** The pool a target run sends; `defaultTtlS` is the lifetime of minted tokens unless --token-ttl says otherwise. */
export async function loadTokenPool(o: TargetOptions, defaultTtlS: number, signal?: AbortSignal): Promise<TokenPool> {
  let tokens: string[];
  let expiresAt: string | null = null;
  if (o.source.kind === 'issuer') tokens = await fromIssuer(o.source, o.poolSize, o.allowRemote, signal);
  else if (o.source.kind === 'file') tokens = await fromFile(o.source.path);
  else ({ tokens, expiresAt } = await minted(o.source, o.poolSize, o.ttlS ?? defaultTtlS));
  const first = tokens[0]!;
  let header: Record<string, unknown>;
  try {
    header = decodeHeader(first);
  } catch (error) {
    throw setup(`the first token has no readable JOSE header (${errorMessage(error)})`);
  }
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    source: o.source.kind, tokens, expiresAt, lengthChars: first.length,
    header: { alg: text(header.alg) ?? 'unknown', typ: text(header.typ), kid: text(header.kid) },
  };
}

/** When a token expires, from its exp claim (ISO time); null when it has none or is not readable. */
export function tokenExpiry(token: string): string | null {
  try {
    const exp: unknown = (JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown }).exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? new Date(exp * 1000).toISOString() : null;
  } catch {
    return null;
  }
}
