// What the probe starts from: a valid token (given, or minted by the issuer), the issuer's
// public key (from its JWKS or a PEM file), optionally the real signing material, and a fresh
// attacker key of the token's kind. Every piece is checked against the token before use.
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, type JWK } from 'jose';
import { ALGORITHMS } from '../../core/algorithms.js';
import { JwtbenchError, badFlag, errorMessage } from '../../core/errors.js';
import type { AttackerKey, ProbeMaterial } from './catalog.js';
import { b64u, isAlgName, parts, signatureValid } from './forge.js';
import type { Sender } from './send.js';
import { findWeakSecret } from './weak-secrets.js';
import { readFlagFile } from '../lib/flag-file.js';
import { withoutTrailingNewline } from '../../core/secret-bytes.js';

export interface MaterialOptions {
  token?: string;
  issuer?: URL;
  jwks?: URL;
  publicKeyFile?: string;
  secretFile?: string;
  signingKeyFile?: string;
}

export interface Gathered {
  material: ProbeMaterial;
  keySource: 'jwks' | 'public-key' | null;
  /** what the user should know: a JWKS guessed from the issuer, and the like */
  notes: string[];
}

const setup = (message: string) => new JwtbenchError('JWTBENCH_PROBE_SETUP', message);

async function mintToken(issuer: URL, sender: Sender): Promise<string> {
  const url = new URL('token', issuer.href.endsWith('/') ? issuer : `${issuer.href}/`);
  let answer;
  try {
    answer = await sender.send(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sub: 'jwtbench-probe' }) });
  } catch (error) {
    throw setup(`--issuer: POST ${url.href} failed (${errorMessage(error)})`);
  }
  const body = (() => { try { return JSON.parse(answer.body) as { access_token?: unknown }; } catch { return {}; } })();
  if (answer.status !== 200 || typeof body.access_token !== 'string') {
    throw setup(`--issuer: POST ${url.href} answered ${answer.status} without an access_token; it should answer {"access_token": "..."} as jwtbench's reference issuer does`);
  }
  return body.access_token;
}

async function fetchJwksKey(jwks: URL, kid: unknown, sender: Sender): Promise<JWK> {
  let answer;
  try {
    answer = await sender.send(jwks, { headers: { accept: 'application/json' } });
  } catch (error) {
    throw setup(`--jwks: GET ${jwks.href} failed (${errorMessage(error)})`);
  }
  let keys: unknown;
  try {
    keys = (JSON.parse(answer.body) as { keys?: unknown }).keys;
  } catch { /* reported below */ }
  if (answer.status !== 200 || !Array.isArray(keys)) throw setup(`--jwks: ${jwks.href} answered ${answer.status} without a JWKS ({"keys": [...]})`);
  const candidates = (keys as JWK[]).filter((k) => (kid === undefined ? true : k.kid === kid));
  if (candidates.length !== 1) {
    throw setup(`--jwks: ${jwks.href} has ${candidates.length} keys ${kid === undefined ? '(the token has no kid)' : `with the token's kid ${JSON.stringify(kid)}`}; the probe needs exactly one`);
  }
  return candidates[0]!;
}

function attackerKey(alg: ProbeMaterial['alg']): Promise<AttackerKey> {
  const spec = ALGORITHMS[alg];
  if (spec.family === 'hmac') {
    const key = new Uint8Array(randomBytes(32));
    const jwk: JWK = { kty: 'oct', k: b64u(key) };
    return calculateJwkThumbprint(jwk).then((kid) => ({ key, jwk, kid }));
  }
  const pair = spec.family === 'eddsa' ? generateKeyPairSync('ed25519')
    : spec.family === 'ecdsa' ? generateKeyPairSync('ec', { namedCurve: spec.namedCurve! })
    : generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = pair.publicKey.export({ format: 'jwk' }) as JWK;
  return calculateJwkThumbprint(jwk).then((kid) => ({ key: pair.privateKey, jwk, kid }));
}

export async function gatherMaterial(o: MaterialOptions, sender: Sender): Promise<Gathered> {
  const notes: string[] = [];
  const token = (o.token ?? (o.issuer ? await mintToken(o.issuer, sender) : null))?.trim() ?? null;
  if (token === null) throw badFlag('--token', 'or --issuer is required: the probe builds every attack from one valid token');
  let decoded: ReturnType<typeof parts>;
  try {
    decoded = parts(token);
  } catch (error) {
    throw badFlag(o.token ? '--token' : '--issuer', `did not give a readable JWT (${errorMessage(error)})`);
  }
  const { header } = decoded;
  if (!isAlgName(header.alg)) throw badFlag(o.token ? '--token' : '--issuer', `gave a token with alg ${JSON.stringify(header.alg)}, which is not a JWS signing algorithm jwtbench knows`);
  const alg = header.alg;
  // The forgeries sign with node:crypto, which has no ML-DSA before Node 24: refuse, not misfire.
  if (ALGORITHMS[alg].family === 'ml-dsa') throw badFlag(o.token ? '--token' : '--issuer', `gave an ${alg} token; the probe does not audit ML-DSA verifiers yet`);
  const hmac = ALGORITHMS[alg].family === 'hmac';

  if (hmac && (o.publicKeyFile !== undefined || o.jwks)) throw badFlag(o.publicKeyFile !== undefined ? '--public-key' : '--jwks', `given, but the token is ${alg} (HMAC): it has no public key`);
  let publicKey: KeyObject | null = null;
  let publicJwk: JWK | null = null;
  let keySource: Gathered['keySource'] = null;
  if (o.publicKeyFile !== undefined) {
    const text = (await readFlagFile('--public-key', o.publicKeyFile)).toString('utf8');
    if (/PRIVATE KEY-----/.test(text)) throw badFlag('--public-key', `${o.publicKeyFile} holds a private key; give the public key (the signing key goes to --signing-key)`);
    try {
      publicKey = createPublicKey(text);
    } catch (error) {
      throw badFlag('--public-key', `${o.publicKeyFile}: not a PEM public key or certificate (${errorMessage(error)})`);
    }
    publicJwk = publicKey.export({ format: 'jwk' }) as JWK;
    keySource = 'public-key';
  } else if (!hmac && (o.jwks || o.issuer)) {
    const jwks = o.jwks ?? new URL('.well-known/jwks.json', o.issuer!.href.endsWith('/') ? o.issuer! : `${o.issuer!.href}/`);
    try {
      publicJwk = await fetchJwksKey(jwks, header.kid, sender);
      publicKey = createPublicKey({ key: publicJwk as import('node:crypto').JsonWebKey, format: 'jwk' });
      keySource = 'jwks';
    } catch (error) {
      if (o.jwks) throw error;
      notes.push(`no public key: the issuer's ${jwks.href} did not give one (${errorMessage(error)})`);
    }
  }
  if (publicKey && !signatureValid(token, publicKey)) {
    throw setup(`the public key (${keySource === 'jwks' ? 'from the JWKS' : o.publicKeyFile}) does not verify the token's signature; the probe needs the key that signed it`);
  }

  let signing: ProbeMaterial['signing'] = null;
  if (o.secretFile !== undefined && o.signingKeyFile !== undefined) throw badFlag('--secret', 'and --signing-key are alternatives: give one');
  if (o.secretFile !== undefined) {
    if (!hmac) throw badFlag('--secret', `given, but the token is ${alg}: give its private key with --signing-key`);
    const bytes = await readFlagFile('--secret', o.secretFile);
    // A trailing newline from `echo` or an editor may or may not be part of the secret: the token decides.
    const trimmed = withoutTrailingNewline(bytes);
    const secret = [trimmed, bytes].map((b) => new Uint8Array(b)).find((b) => signatureValid(token, b));
    if (!secret) throw setup(`--secret ${o.secretFile} does not verify the token's signature`);
    signing = secret;
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
    signing = key;
  }

  return {
    material: {
      token, ...decoded, alg, publicKey, publicJwk, signing,
      attacker: await attackerKey(alg),
      weakSecret: hmac ? findWeakSecret(token) : null,
    },
    keySource,
    notes,
  };
}
