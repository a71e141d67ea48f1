// Reads --public-key: an SPKI or PKCS#1 PEM, an X.509 certificate PEM, a JWK or a JWKS (the
// key whose kid the token names, or its only key). The file's bytes are kept as given: a
// verifier configured with this file may use exactly those bytes as an HMAC secret.
import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import type { JWK } from 'jose';
import { badFlag, errorMessage } from '../../core/errors.js';

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'];

export function readPublicKeyFile(path: string, bytes: Uint8Array, kid: unknown): { publicKey: KeyObject; publicJwk: JWK; format: string } {
  const text = Buffer.from(bytes).toString('utf8');
  const fail = (why: string) => badFlag('--public-key', `${path}: ${why}`);
  if (/PRIVATE KEY-----/.test(text)) throw fail('holds a private key; give the public key (the signing key goes to --signing-key)');
  if (/^\s*\{/.test(text)) {
    let json: { keys?: unknown } & JWK;
    try {
      json = JSON.parse(text) as typeof json;
    } catch (error) {
      throw fail(`not valid JSON (${errorMessage(error)})`);
    }
    let jwk: JWK = json;
    let format = 'JWK';
    if (Array.isArray(json.keys)) {
      const keys = json.keys as JWK[];
      const matching = kid === undefined ? keys : keys.filter((k) => k.kid === kid);
      if (matching.length !== 1) throw fail(`a JWKS with ${matching.length} keys ${kid === undefined ? '(the token has no kid)' : `for the token's kid ${JSON.stringify(kid)}`}; the probe needs exactly one`);
      jwk = matching[0]!;
      format = 'JWKS';
    }
    if (PRIVATE_MEMBERS.some((m) => m in jwk)) throw fail(`the ${format} holds private or secret key members; give the public key only`);
    try {
      const publicKey = createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' });
      return { publicKey, publicJwk: jwk, format };
    } catch (error) {
      throw fail(`not a usable public ${format} (${errorMessage(error)})`);
    }
  }
  try {
    const publicKey = createPublicKey(text);
    const format = /BEGIN CERTIFICATE/.test(text) ? 'certificate PEM' : /BEGIN RSA PUBLIC KEY/.test(text) ? 'PKCS#1 PEM' : 'SPKI PEM';
    return { publicKey, publicJwk: publicKey.export({ format: 'jwk' }) as JWK, format };
  } catch (error) {
    throw fail(`not a PEM public key, certificate, JWK or JWKS (${errorMessage(error)})`);
  }
}
