// Key material is generated at start-up, never read from the repository. It crosses into
// worker threads as plain data (PEM text, secret bytes, an ML-DSA seed and public key) and
// each engine prepares it there.
import { generateKeyPair, randomBytes, webcrypto } from 'node:crypto';
import { promisify } from 'node:util';
import type { AlgorithmSpec, Hash, MlDsaAlgName } from './algorithms.js';

const generateKeyPairAsync = promisify(generateKeyPair);

export type KeyMaterial =
  | { kind: 'secret'; secret: Uint8Array }
  | { kind: 'pair'; privatePem: string; publicPem: string }
  /** ML-DSA: the 32-byte seed (the AKP `priv`) and the public key it expands to */
  | { kind: 'akp'; alg: MlDsaAlgName; seed: Uint8Array; publicKey: Uint8Array };

export type KeyType = 'rsa' | 'ec' | 'ed25519';

async function pair(type: KeyType, options: Record<string, unknown>): Promise<KeyMaterial> {
  const { privateKey, publicKey } = await generateKeyPairAsync(type as 'rsa', {
    ...options,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  } as never) as unknown as { privateKey: string; publicKey: string };
  return { kind: 'pair', privatePem: privateKey, publicPem: publicKey };
}

/** Which generated key an algorithm at a key size uses: RS* and PS* at one size share a key. */
export function keySlot(alg: AlgorithmSpec, keyBits: number | null): string {
  switch (alg.family) {
    case 'hmac': return `secret-${alg.secretBytes}`;
    case 'rsa': case 'rsa-pss': return `rsa-${keyBits}`;
    case 'ecdsa': return `ec-${alg.namedCurve}`;
    case 'eddsa': return 'ed25519';
    case 'ml-dsa': return alg.name;
  }
}

export async function generateKeyMaterial(alg: AlgorithmSpec, keyBits: number | null): Promise<KeyMaterial> {
  switch (alg.family) {
    case 'hmac': return { kind: 'secret', secret: new Uint8Array(randomBytes(alg.secretBytes ?? 32)) };
    case 'rsa': case 'rsa-pss': return pair('rsa', { modulusLength: keyBits ?? 2048 });
    case 'ecdsa': return pair('ec', { namedCurve: alg.namedCurve });
    case 'eddsa': return pair('ed25519', {});
    case 'ml-dsa': return mlDsaKey(alg);
  }
}

async function mlDsaKey(alg: AlgorithmSpec): Promise<KeyMaterial> {
  const name = alg.mlDsa!.name;
  // Loaded here, not at the top, so the servers and the classical algorithms never load it.
  const { mlDsaPublicKey } = await import('./ml-dsa.js');
  const seed = new Uint8Array(randomBytes(alg.mlDsa!.seedBytes));
  return { kind: 'akp', alg: name, seed, publicKey: mlDsaPublicKey(name, seed) };
}

/** Generates each distinct key the given (algorithm, key size) pairs need, once. */
export class KeyStore {
  readonly #keys = new Map<string, Promise<KeyMaterial>>();

  get(alg: AlgorithmSpec, keyBits: number | null): Promise<KeyMaterial> {
    const slot = keySlot(alg, keyBits);
    let key = this.#keys.get(slot);
    if (!key) {
      key = generateKeyMaterial(alg, keyBits);
      this.#keys.set(slot, key);
    }
    return key;
  }
}

/** A non-extractable WebCrypto HMAC key, imported once: what "prepared" means for HS*. */
export async function importHmacKey(secret: Uint8Array, hash: Hash): Promise<webcrypto.CryptoKey> {
  return webcrypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: `SHA-${hash.slice(3)}` }, false, ['sign', 'verify']);
}
