// Whether the running Node has ML-DSA natively (node:crypto, and WebCrypto for jose), found by
// trying it once rather than by reading version numbers. Shared by the micro engines and the
// reference servers, which skip or refuse ML-DSA with these reasons.
import { createPrivateKey, generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import { generateKeyPair } from 'jose';
import { errorMessage } from './errors.js';
import { currentRuntime } from './runtimes/info.js';

/** "Node 20.20.2 with OpenSSL 3.0.19", or Bun's and Deno's own name: their process.versions.node is a compatibility value. */
function here(): string {
  const r = currentRuntime();
  return r.name === 'node' ? `Node ${r.version} with OpenSSL ${process.versions.openssl}` : `${r.name === 'bun' ? 'Bun' : 'Deno'} ${r.version} (its Node compatibility layer)`;
}

let nativeMlDsa: string | null | undefined;

/** null when node:crypto signs ML-DSA with AKP JWK keys here; otherwise why not. */
export function nativeMlDsaUnavailable(): string | null {
  if (nativeMlDsa === undefined) {
    try {
      const { privateKey } = generateKeyPairSync('ml-dsa-44' as 'ed25519');
      createPrivateKey({ key: privateKey.export({ format: 'jwk' }) as JsonWebKey, format: 'jwk' });
      nativeMlDsa = null;
    } catch (error) {
      nativeMlDsa = `node:crypto has no ML-DSA on ${here()} (on Node it needs 24+ and OpenSSL 3.5): ${errorMessage(error)}`;
    }
  }
  return nativeMlDsa;
}

let joseMlDsa: Promise<string | null> | undefined;

/** null when jose signs ML-DSA on this runtime; otherwise why not. Tried once, through jose itself. */
export function joseMlDsaUnavailable(): Promise<string | null> {
  joseMlDsa ??= generateKeyPair('ML-DSA-44').then(
    () => null,
    (error: unknown) => `jose signs ML-DSA through WebCrypto, which has no ML-DSA on ${here().replace(/ with OpenSSL.*| \(its Node.*/, '')} (on Node it needs 24.7+): ${errorMessage(error)}`,
  );
  return joseMlDsa;
}
