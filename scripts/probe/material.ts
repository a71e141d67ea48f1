// What the probe starts from: a valid token (given, or minted by an issuer), the issuer's
// public key (a JWKS, a file, or found from the token's iss), optionally the real signing
// material, and a fresh attacker key of the token's kind. Every piece is checked against the
// token before use.
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type JsonWebKey, type KeyObject } from 'node:crypto';
import { readFlagFile } from '../lib/flag-file.js';
import { withoutTrailingNewline } from '../../core/secret-bytes.js';
import { calculateJwkThumbprint, type JWK } from 'jose';
import { ALGORITHMS, type AlgName } from '../../core/algorithms.js';
import { JwtbenchError, badFlag, errorMessage } from '../../core/errors.js';
import { isLoopback } from '../../core/loopback.js';
import type { AttackerKey, ProbeMaterial } from './catalog.js';
import { b64u, isAlgName, parts, signatureValid } from './forge.js';
import { cleanToken } from './location.js';
import { readPublicKeyFile } from './public-key-file.js';
import { RECOVER_SECONDS, recoverRsaKey } from './recover-rsa-key.js';
import { selfSignedCertificate } from './self-signed.js';
import type { Sender } from './send.js';

export interface IssuerRequest {
  /** the reference issuer's base URL, or with `body` the token endpoint itself */
  url: URL;
  /** the request body for any token endpoint (JSON, or form-encoded text) */
  body?: string;
  /** the field of the JSON answer that holds the token (default access_token) */
  tokenField?: string;
}

export interface MaterialOptions {
  token?: string;
  /** more valid tokens from the same issuer: two RS* tokens let the probe recover the RSA key */
  extraTokens?: string[];
  issuer?: IssuerRequest;
  jwks?: URL;
  publicKeyFile?: string;
  secretFile?: string;
  signingKeyFile?: string;
  allowRemote: boolean;
  /** the CPU seconds recovering the RSA key from two tokens may take (default RECOVER_SECONDS) */
  recoverSeconds?: number;
  /** told when a step that can take minutes starts (the key recovery), so no one waits in silence */
  onLongStep?: (text: string) => void;
  /** Ctrl-C: ends a key recovery under way */
  signal?: AbortSignal;
}

export interface Gathered {
  material: Omit<ProbeMaterial, 'attackerHost' | 'weakSecret' | 'secretSearch' | 'maxTokenBytes'>;
  keySource: 'jwks' | 'public-key' | 'discovered' | 'recovered' | null;
  /** the attacker key's self-signed certificate PEM (x5u), when the token's kind has one */
  attackerCertificatePem: string | null;
  /** what the user should know: where a key was found, or why none was */
  notes: string[];
}

const setup = (message: string) => new JwtbenchError('JWTBENCH_PROBE_SETUP', message);

function field(body: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[k] : undefined), body);
}

async function mintToken(issuer: IssuerRequest, sender: Sender): Promise<string> {
  const custom = issuer.body !== undefined;
  const url = custom ? issuer.url : new URL('token', issuer.url.href.endsWith('/') ? issuer.url : `${issuer.url.href}/`);
  const body = issuer.body ?? JSON.stringify({ sub: 'jwtbench-probe' });
  const json = /^\s*[{[]/.test(body);
  const tokenField = issuer.tokenField ?? 'access_token';
  let answer;
  try {
    answer = await sender.send(url, { method: 'POST', headers: { 'content-type': json ? 'application/json' : 'application/x-www-form-urlencoded' }, body });
  } catch (error) {
    throw setup(`--issuer: POST ${url.href} failed (${errorMessage(error)})`);
  }
  const parsed = (() => { try { return JSON.parse(answer.body) as unknown; } catch { return {}; } })();
  const token = field(parsed, tokenField);
  if (answer.status < 200 || answer.status > 299 || typeof token !== 'string') {
    throw setup(`--issuer: POST ${url.href} answered ${answer.status} without a "${tokenField}" string in a JSON body`
      + (custom ? '; name the field with --token-field' : '; for an issuer other than jwtbench\'s, give --issuer-body and --token-field'));
  }
  return token;
}

async function getJson(url: URL, sender: Sender, what: string): Promise<unknown> {
  let answer;
  try {
    answer = await sender.send(url, { headers: { accept: 'application/json' } });
  } catch (error) {
    throw setup(`${what}: GET ${url.href} failed (${errorMessage(error)})`);
  }
  if (answer.status !== 200) throw setup(`${what}: GET ${url.href} answered ${answer.status}`);
  try {
    return JSON.parse(answer.body) as unknown;
  } catch {
    throw setup(`${what}: ${url.href} did not answer JSON`);
  }
}

async function fetchJwksKey(jwks: URL, kid: unknown, sender: Sender, what: string): Promise<JWK> {
  const keys = (await getJson(jwks, sender, what) as { keys?: unknown }).keys;
  if (!Array.isArray(keys)) throw setup(`${what}: ${jwks.href} is not a JWKS ({"keys": [...]})`);
  const candidates = (keys as JWK[]).filter((k) => (kid === undefined ? true : k.kid === kid));
  if (candidates.length !== 1) {
    throw setup(`${what}: ${jwks.href} has ${candidates.length} keys ${kid === undefined ? '(the token has no kid)' : `with the token's kid ${JSON.stringify(kid)}`}; the probe needs exactly one`);
  }
  return candidates[0]!;
}

const under = (base: URL, path: string) => new URL(path, base.href.endsWith('/') ? base : `${base.href}/`);

/**
 * The public key from the token's iss, as a relying party would find it: OpenID Connect
 * discovery (RFC 8414 / OIDC Discovery 1.0 §4), then <iss>/.well-known/jwks.json.
 */
async function discoverKey(iss: unknown, kid: unknown, sender: Sender, allowRemote: boolean, notes: string[]): Promise<JWK | null> {
  if (typeof iss !== 'string') {
    notes.push('no public key: give --public-key or --jwks (the token has no iss to discover one from)');
    return null;
  }
  let base: URL;
  try {
    base = new URL(iss);
  } catch {
    notes.push(`no public key: the token's iss ${JSON.stringify(iss)} is not a URL to discover one from; give --public-key or --jwks`);
    return null;
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') return null;
  if (!allowRemote && !isLoopback(base)) {
    notes.push(`no public key: the token's iss ${base.origin} is not a loopback address, so it was not asked (--allow-remote asks it); give --public-key or --jwks`);
    return null;
  }
  const tried: string[] = [];
  try {
    const config = await getJson(under(base, '.well-known/openid-configuration'), sender, 'OIDC discovery') as { jwks_uri?: unknown };
    if (typeof config.jwks_uri === 'string') {
      const jwksUri = new URL(config.jwks_uri);
      if (!allowRemote && !isLoopback(jwksUri)) throw setup(`its jwks_uri ${jwksUri.origin} is not loopback`);
      const jwk = await fetchJwksKey(jwksUri, kid, sender, 'OIDC discovery');
      notes.push(`public key: from ${jwksUri.href}, named by ${under(base, '.well-known/openid-configuration').href}`);
      return jwk;
    }
    tried.push('its OIDC configuration has no jwks_uri');
  } catch (error) {
    tried.push(errorMessage(error));
  }
  try {
    const jwksUrl = under(base, '.well-known/jwks.json');
    const jwk = await fetchJwksKey(jwksUrl, kid, sender, 'the issuer\'s JWKS');
    notes.push(`public key: from ${jwksUrl.href}, found from the token's iss`);
    return jwk;
  } catch (error) {
    tried.push(errorMessage(error));
  }
  notes.push(`no public key found from the token's iss (${tried.join('; ')}); give --public-key or --jwks`);
  return null;
}

async function attackerKey(alg: AlgName): Promise<{ key: AttackerKey; certificatePem: string | null }> {
  const spec = ALGORITHMS[alg];
  if (spec.family === 'hmac') {
    const key = new Uint8Array(randomBytes(32));
    const jwk: JWK = { kty: 'oct', k: b64u(key) };
    const kid = await calculateJwkThumbprint(jwk);
    return { key: { key, jwk: { ...jwk, kid, alg }, kid }, certificatePem: null };
  }
  const pair = spec.family === 'eddsa' ? generateKeyPairSync('ed25519')
    : spec.family === 'ecdsa' ? generateKeyPairSync('ec', { namedCurve: spec.namedCurve! })
    : generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = pair.publicKey.export({ format: 'jwk' }) as JWK;
  const kid = await calculateJwkThumbprint(jwk);
  const cert = await selfSignedCertificate(alg, pair);
  return {
    key: { key: pair.privateKey, jwk: { ...jwk, kid, alg, use: 'sig' }, kid, ...(cert ? { certificateDer: cert.der } : {}) },
    certificatePem: cert?.pem ?? null,
  };
}

async function signingMaterial(o: MaterialOptions, token: string, alg: AlgName): Promise<ProbeMaterial['signing']> {
  const hmac = ALGORITHMS[alg].family === 'hmac';
  if (o.secretFile !== undefined && o.signingKeyFile !== undefined) throw badFlag('--secret', 'and --signing-key are alternatives: give one');
  if (o.secretFile !== undefined) {
    if (!hmac) throw badFlag('--secret', `given, but the token is ${alg}: give its private key with --signing-key`);
    const bytes = await readFlagFile('--secret', o.secretFile);
    // A trailing newline from `echo` or an editor may or may not be part of the secret: the token decides.
    const trimmed = withoutTrailingNewline(bytes);
    const secret = [trimmed, bytes].map((b) => new Uint8Array(b)).find((b) => signatureValid(token, b));
    if (!secret) throw setup(`--secret ${o.secretFile} does not verify the token's signature`);
    return secret;
  }
  if (o.signingKeyFile !== undefined) {
    if (hmac) throw badFlag('--signing-key', `given, but the token is ${alg}: give the shared secret with --secret`);
    let key: KeyObject;
    try {
      key = createPrivateKey((await readFlagFile('--signing-key', o.signingKeyFile)).toString('utf8'));
    } catch (error) {
      if (error instanceof JwtbenchError) throw error;
      throw badFlag('--signing-key', `${o.signingKeyFile}: not a PEM private key (${errorMessage(error)})`);
    }
    if (!signatureValid(token, createPublicKey(key))) throw setup(`--signing-key ${o.signingKeyFile} did not sign the token (its public half does not verify it)`);
    return key;
  }
  return null;
}

export async function gatherMaterial(o: MaterialOptions, sender: Sender): Promise<Gathered> {
  const notes: string[] = [];
  const raw = o.token ?? (o.issuer ? await mintToken(o.issuer, sender) : null);
  if (raw === null) throw badFlag('--token', 'or --issuer is required: the probe builds every attack from one valid token');
  const token = cleanToken(raw);
  const source = o.token !== undefined ? '--token' : '--issuer';
  let decoded: ReturnType<typeof parts>;
  try {
    decoded = parts(token);
  } catch (error) {
    const why = error instanceof SyntaxError ? 'its header or payload is not base64url JSON' : errorMessage(error);
    throw badFlag(source, `did not give a readable JWT (${why})`);
  }
  const { header, payload } = decoded;
  if (!isAlgName(header.alg)) throw badFlag(source, `gave a token with alg ${JSON.stringify(header.alg)}, which is not a JWS signing algorithm jwtbench knows`);
  const alg = header.alg;
  // The forgeries sign with node:crypto, which has no ML-DSA before Node 24: refuse, not misfire.
  if (ALGORITHMS[alg].family === 'ml-dsa') throw badFlag(source, `gave an ${alg} token; the probe does not audit ML-DSA verifiers yet`);
  const hmac = ALGORITHMS[alg].family === 'hmac';

  if (hmac && (o.publicKeyFile !== undefined || o.jwks)) throw badFlag(o.publicKeyFile !== undefined ? '--public-key' : '--jwks', `given, but the token is ${alg} (HMAC): it has no public key`);
  let publicKey: KeyObject | null = null;
  let publicJwk: JWK | null = null;
  let publicKeyFile: Uint8Array | null = null;
  let keySource: Gathered['keySource'] = null;
  let publicKeyMissing: string | undefined;
  if (o.publicKeyFile !== undefined) {
    publicKeyFile = new Uint8Array(await readFlagFile('--public-key', o.publicKeyFile));
    const read = readPublicKeyFile(o.publicKeyFile, publicKeyFile, header.kid);
    ({ publicKey, publicJwk } = read);
    keySource = 'public-key';
    notes.push(`public key: ${o.publicKeyFile} (${read.format})`);
  } else if (!hmac) {
    const jwks = o.jwks ?? (o.issuer && o.issuer.body === undefined ? under(o.issuer.url, '.well-known/jwks.json') : undefined);
    if (jwks) {
      try {
        publicJwk = await fetchJwksKey(jwks, header.kid, sender, o.jwks ? '--jwks' : '--issuer');
        keySource = 'jwks';
      } catch (error) {
        if (o.jwks) throw error;
        notes.push(`the issuer's ${jwks.href} did not give a public key (${errorMessage(error)})`);
      }
    }
    if (!publicJwk) {
      publicJwk = await discoverKey(payload.iss, header.kid, sender, o.allowRemote, notes);
      if (publicJwk) keySource = 'discovered';
    }
    if (publicJwk) {
      try {
        publicKey = createPublicKey({ key: publicJwk as JsonWebKey, format: 'jwk' });
      } catch (error) {
        throw setup(`the public JWK found is not usable (${errorMessage(error)})`);
      }
    } else if (o.extraTokens && o.extraTokens.length > 0) {
      const second = cleanToken(o.extraTokens[0]!);
      const budgetS = o.recoverSeconds ?? RECOVER_SECONDS;
      o.onLongStep?.(`recovering the RSA key from the two tokens' signatures, for up to ${budgetS} s of CPU (--recover-seconds): a 2048-bit key with e = 65537 takes 90-120 s of CPU, more wall time on a busy machine; --public-key or --jwks needs none`);
      const recovery = await recoverRsaKey([token, second], alg, budgetS * 1000, (k) => signatureValid(token, k) && signatureValid(second, k), o.signal);
      o.signal?.throwIfAborted();
      if (recovery.state === 'recovered') {
        publicKey = recovery.publicKey;
        publicJwk = publicKey.export({ format: 'jwk' }) as JWK;
        keySource = 'recovered';
        notes.push(`public key: an RSA key (e = ${recovery.exponent}) recovered from the two tokens' signatures in ${(recovery.durationMs / 1000).toFixed(1)} s (${(recovery.cpuMs / 1000).toFixed(1)} s of CPU)`);
      } else {
        notes.push(`no RSA key recovered from the two tokens: ${recovery.reason}`);
        publicKeyMissing = `needs the issuer's public key, and recovering it from the two tokens failed: ${recovery.reason}`;
      }
    }
  }
  if (publicKey && !signatureValid(token, publicKey)) {
    const where = keySource === 'public-key' ? o.publicKeyFile : keySource === 'jwks' ? 'from the JWKS' : 'found from the token\'s iss';
    throw setup(`the public key (${where}) does not verify the token's signature; the probe needs the key that signed it`);
  }

  const attacker = await attackerKey(alg);
  return {
    material: { token, ...decoded, alg, publicKey, ...(publicKeyMissing !== undefined ? { publicKeyMissing } : {}), publicJwk, publicKeyFile, signing: await signingMaterial(o, token, alg), attacker: attacker.key },
    keySource,
    attackerCertificatePem: attacker.certificatePem,
    notes,
  };
}
