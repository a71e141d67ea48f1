// jose, the library under test. `prepared` imports keys once (a CryptoKey for HMAC and for
// the asymmetric keys); `per-call` hands jose the raw secret, PEM or JWK on every call, as much
// real code does, so the import cost lands inside the timed call. jose signs ML-DSA through
// WebCrypto, so it runs ML-DSA only where the runtime's WebCrypto has it (Node 24.7+).
import * as joseLib from 'jose';
import type { CryptoKey as JoseCryptoKey, JWK } from 'jose';
import { akpPrivateJwk, akpPublicJwk } from '../../core/akp.js';
import { joseMlDsaUnavailable } from '../../core/ml-dsa-support.js';
import { importHmacKey } from '../../core/keys.js';
import { BENCH_AUDIENCE, BENCH_ISSUER } from '../payloads.js';
import type { Engine, EngineContext, PreparedEngine } from './types.js';

type SignKey = JoseCryptoKey | Uint8Array;
/** jose's API as this engine uses it: jwtbench's own copy, or the user's (--resolve-from). */
export type JoseLibrary = Pick<typeof joseLib, 'SignJWT' | 'importPKCS8' | 'importSPKI' | 'importJWK' | 'jwtVerify'>;

type Importers = { signKey: () => SignKey | Promise<SignKey>; verifyKey: () => SignKey | Promise<SignKey> };

/** Imports for the asymmetric keys: PEM for the classical algorithms, AKP JWK for ML-DSA. */
function importers(jose: JoseLibrary, ctx: EngineContext): { priv: () => Promise<JoseCryptoKey>; pub: () => Promise<JoseCryptoKey> } {
  const { keys, alg } = ctx;
  if (keys.kind === 'akp') {
    const priv = akpPrivateJwk(keys.alg, keys.seed, keys.publicKey) as JWK;
    const pub = akpPublicJwk(keys.alg, keys.publicKey) as JWK;
    return { priv: async () => await jose.importJWK(priv, alg.name) as JoseCryptoKey, pub: async () => await jose.importJWK(pub, alg.name) as JoseCryptoKey };
  }
  if (keys.kind !== 'pair') throw new Error('expected a key pair');
  return { priv: () => jose.importPKCS8(keys.privatePem, alg.name), pub: () => jose.importSPKI(keys.publicPem, alg.name) };
}

/** Returns functions that yield the key for each call: a constant when prepared, an import when per-call. */
async function keyGetters(jose: JoseLibrary, ctx: EngineContext): Promise<Importers> {
  const { keys, alg, keyPrep } = ctx;
  if (keys.kind === 'secret') {
    if (keyPrep === 'per-call') return { signKey: () => keys.secret, verifyKey: () => keys.secret };
    const key = await importHmacKey(keys.secret, alg.hash!) as JoseCryptoKey;
    return { signKey: () => key, verifyKey: () => key };
  }
  const { priv, pub } = importers(jose, ctx);
  if (keyPrep === 'per-call') return { signKey: priv, verifyKey: pub };
  const [privateKey, publicKey] = await Promise.all([priv(), pub()]);
  return { signKey: () => privateKey, verifyKey: () => publicKey };
}

const mlDsaUnavailable: string | null = await joseMlDsaUnavailable();

const skipReason = (alg: EngineContext['alg']): string | null => (alg.family === 'ml-dsa' ? mlDsaUnavailable : null);

export function makeJoseEngine(jose: JoseLibrary): Engine {
  return {
    name: 'jose',
    keyPreps: ['prepared', 'per-call'],
    supports: (alg) => skipReason(alg) === null,
    skipReason,
    async prepare(ctx): Promise<PreparedEngine> {
      const { signKey, verifyKey } = await keyGetters(jose, ctx);
      const header = { alg: ctx.alg.name, typ: 'JWT' };
      const verifyOptions = { algorithms: [ctx.alg.name], issuer: BENCH_ISSUER, audience: BENCH_AUDIENCE, ...(ctx.clockS === undefined ? {} : { currentDate: new Date(ctx.clockS * 1000) }) };
      const { payload } = ctx;
      return {
        async: true,
        async sign() {
          return await new jose.SignJWT(payload).setProtectedHeader(header).sign(await signKey());
        },
        async verify(token) {
          return (await jose.jwtVerify(token, await verifyKey(), verifyOptions)).payload;
        },
      };
    },
  };
}

export const joseEngine: Engine = makeJoseEngine(joseLib);
