// The WebCrypto floor: a minimal compact JWS on crypto.subtle with keys imported once, the
// same on every runtime (Node, Bun, Deno), so the gap from it to jose is jose's own work and
// the gap between runtimes is their WebCrypto's. Asynchronous, as WebCrypto is.
import { webcrypto } from 'node:crypto';
import type { AlgorithmSpec } from '../../core/algorithms.js';
import { akpPrivateJwk, akpPublicJwk } from '../../core/akp.js';
import { errorMessage } from '../../core/errors.js';
import { b64url } from '../../core/jws-node.js';
import type { KeyMaterial } from '../../core/keys.js';
import type { Engine, EngineContext, PreparedEngine } from './types.js';

type Params = { import: Parameters<typeof webcrypto.subtle.importKey>[2]; sign: Parameters<typeof webcrypto.subtle.sign>[0] };
const subtle = webcrypto.subtle;
const sha = (alg: AlgorithmSpec) => `SHA-${alg.hash!.slice(3)}`;

/** WebCrypto's names for each family: one table, read once per prepared key. */
const PARAMS: Record<AlgorithmSpec['family'], (alg: AlgorithmSpec) => Params> = {
  hmac: (alg) => ({ import: { name: 'HMAC', hash: sha(alg) }, sign: { name: 'HMAC' } }),
  rsa: (alg) => ({ import: { name: 'RSASSA-PKCS1-v1_5', hash: sha(alg) }, sign: { name: 'RSASSA-PKCS1-v1_5' } }),
  'rsa-pss': (alg) => ({ import: { name: 'RSA-PSS', hash: sha(alg) }, sign: { name: 'RSA-PSS', saltLength: Number(alg.hash!.slice(3)) / 8 } }),
  ecdsa: (alg) => ({ import: { name: 'ECDSA', namedCurve: alg.namedCurve! }, sign: { name: 'ECDSA', hash: sha(alg) } }),
  eddsa: () => ({ import: { name: 'Ed25519' }, sign: { name: 'Ed25519' } }),
  'ml-dsa': (alg) => ({ import: { name: alg.name }, sign: { name: alg.name } }),
};

const der = (pem: string) => Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');

async function importKeys(alg: AlgorithmSpec, keys: KeyMaterial, params: Params): Promise<{ signKey: webcrypto.CryptoKey; verifyKey: webcrypto.CryptoKey }> {
  if (keys.kind === 'secret') {
    const key = await subtle.importKey('raw', keys.secret, params.import, false, ['sign', 'verify']);
    return { signKey: key, verifyKey: key };
  }
  if (keys.kind === 'akp') {
    return {
      signKey: await subtle.importKey('jwk', akpPrivateJwk(keys.alg, keys.seed, keys.publicKey) as webcrypto.JsonWebKey, params.import, false, ['sign']),
      verifyKey: await subtle.importKey('jwk', akpPublicJwk(keys.alg, keys.publicKey) as webcrypto.JsonWebKey, params.import, false, ['verify']),
    };
  }
  if (keys.kind !== 'pair') throw new Error(`${alg.name}: expected a key pair`);
  return {
    signKey: await subtle.importKey('pkcs8', der(keys.privatePem), params.import, false, ['sign']),
    verifyKey: await subtle.importKey('spki', der(keys.publicPem), params.import, false, ['verify']),
  };
}

// ML-DSA in WebCrypto: Node 24.7+, Deno 2.8.2+, Bun 1.4+; found by trying, not by version numbers.
const mlDsa: string | null = await subtle.generateKey({ name: 'ML-DSA-44' } as never, false, ['sign', 'verify']).then(
  () => null,
  (error: unknown) => `this runtime's WebCrypto has no ML-DSA: ${errorMessage(error)}`,
);

const skipReason = (alg: AlgorithmSpec): string | null => (alg.family === 'ml-dsa' ? mlDsa : null);

export const webcryptoEngine: Engine = {
  name: 'webcrypto',
  keyPreps: ['prepared'],
  supports: (alg) => skipReason(alg) === null,
  skipReason,
  async prepare(ctx: EngineContext): Promise<PreparedEngine> {
    const { alg, payload } = ctx;
    const params = PARAMS[alg.family](alg);
    const { signKey, verifyKey } = await importKeys(alg, ctx.keys, params);
    const encodedHeader = b64url(JSON.stringify({ alg: alg.name, typ: 'JWT' }));
    const encoder = new TextEncoder();
    return {
      async: true,
      async sign() {
        const input = `${encodedHeader}.${b64url(JSON.stringify(payload))}`;
        return `${input}.${Buffer.from(await subtle.sign(params.sign, signKey, encoder.encode(input))).toString('base64url')}`;
      },
      async verify(token: string) {
        const dot1 = token.indexOf('.');
        const dot2 = token.lastIndexOf('.');
        if (dot1 <= 0 || dot2 === dot1) throw new Error('malformed compact JWS');
        const header = token.slice(0, dot1);
        if (header !== encodedHeader && (JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: unknown }).alg !== alg.name) throw new Error('unexpected alg');
        const ok = await subtle.verify(params.sign, verifyKey, Buffer.from(token.slice(dot2 + 1), 'base64url'), encoder.encode(token.slice(0, dot2)));
        if (!ok) throw new Error('signature verification failed');
        return JSON.parse(Buffer.from(token.slice(dot1 + 1, dot2), 'base64url').toString('utf8'));
      },
    };
  },
};
