// jose, the library under test. `prepared` imports keys once (a CryptoKey for HMAC and for
// the asymmetric keys); `per-call` hands jose the raw secret or PEM on every call, as much
// real code does, so the import cost lands inside the timed call.
import * as joseLib from 'jose';
import type { CryptoKey as JoseCryptoKey } from 'jose';
import { importHmacKey } from '../../core/keys.js';
import { BENCH_AUDIENCE, BENCH_ISSUER } from '../payloads.js';
import type { Engine, EngineContext, PreparedEngine } from './types.js';

type SignKey = JoseCryptoKey | Uint8Array;
/** jose's API as this engine uses it: jwtbench's own copy, or the user's (--resolve-from). */
export type JoseLibrary = Pick<typeof joseLib, 'SignJWT' | 'importPKCS8' | 'importSPKI' | 'jwtVerify'>;

/** Returns functions that yield the key for each call: a constant when prepared, an import when per-call. */
async function keyGetters(jose: JoseLibrary, ctx: EngineContext): Promise<{ signKey: () => SignKey | Promise<SignKey>; verifyKey: () => SignKey | Promise<SignKey> }> {
  const { keys, alg, keyPrep } = ctx;
  if (keys.kind === 'secret') {
    if (keyPrep === 'per-call') return { signKey: () => keys.secret, verifyKey: () => keys.secret };
    const key = await importHmacKey(keys.secret, alg.hash!) as JoseCryptoKey;
    return { signKey: () => key, verifyKey: () => key };
  }
  if (keyPrep === 'per-call') {
    return { signKey: () => jose.importPKCS8(keys.privatePem, alg.name), verifyKey: () => jose.importSPKI(keys.publicPem, alg.name) };
  }
  const [priv, pub] = await Promise.all([jose.importPKCS8(keys.privatePem, alg.name), jose.importSPKI(keys.publicPem, alg.name)]);
  return { signKey: () => priv, verifyKey: () => pub };
}

export function makeJoseEngine(jose: JoseLibrary): Engine {
  return {
    name: 'jose',
    keyPreps: ['prepared', 'per-call'],
    supports: () => true,
    async prepare(ctx): Promise<PreparedEngine> {
      const { signKey, verifyKey } = await keyGetters(jose, ctx);
      const header = { alg: ctx.alg.name, typ: 'JWT' };
      const verifyOptions = { algorithms: [ctx.alg.name], issuer: BENCH_ISSUER, audience: BENCH_AUDIENCE };
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
