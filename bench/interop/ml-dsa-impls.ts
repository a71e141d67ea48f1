// The three ML-DSA JWS implementations the interop gate sets against each other, each through
// its own API only: node:crypto (KeyObjects from AKP JWKs, core/jws-node.ts's compact JWS, the
// `node` engine's path), jose (WebCrypto keys, SignJWT / jwtVerify) and @noble/post-quantum
// (pure JavaScript; its AKP JWKs are core/akp.ts's, since noble has no JWK form of its own).
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type JsonWebKey } from 'node:crypto';
import { ALGORITHMS, type MlDsaAlgName } from '../../core/algorithms.js';
import { akpPrivateJwk, akpPublicJwk, parseAkpJwk } from '../../core/akp.js';
import { decodeHeader } from '../../core/jws.js';
import { jwsSigner, jwsVerifier, signCompact, b64url } from '../../core/jws-node.js';
import { ML_DSA } from '../../core/ml-dsa.js';
import { joseMlDsaUnavailable, nativeMlDsaUnavailable } from '../../core/ml-dsa-support.js';

export const INTEROP_IMPL_NAMES = ['node:crypto', 'jose', 'noble-pq'] as const;
export type InteropImplName = (typeof INTEROP_IMPL_NAMES)[number];

export type Jwk = Record<string, unknown>;

export interface MlDsaImpl {
  name: InteropImplName;
  /** null when it runs ML-DSA here; otherwise why not */
  unavailable(): Promise<string | null>;
  /** a fresh key pair, exported as AKP JWKs by this implementation */
  generate(alg: MlDsaAlgName): Promise<{ privateJwk: Jwk; publicJwk: Jwk }>;
  /** imports a private AKP JWK and signs a compact JWS of `payload` */
  sign(alg: MlDsaAlgName, privateJwk: Jwk, payload: Record<string, unknown>): Promise<string>;
  /** imports a public AKP JWK and verifies `token`: false for a signature that does not verify, throws for anything else */
  verify(alg: MlDsaAlgName, publicJwk: Jwk, token: string): Promise<boolean>;
  /** imports a public AKP JWK and exports it again */
  reexportPublic(alg: MlDsaAlgName, publicJwk: Jwk): Promise<Jwk>;
}

/** header.payload and the signature bytes of a compact JWS whose header names `alg`. */
function split(alg: MlDsaAlgName, token: string): { signingInput: string; signature: Buffer } {
  const header = decodeHeader(token);
  if (header.alg !== alg) throw new Error(`the header's alg is ${JSON.stringify(header.alg)}, not ${alg}`);
  const dot = token.lastIndexOf('.');
  return { signingInput: token.slice(0, dot), signature: Buffer.from(token.slice(dot + 1), 'base64url') };
}

const header = (alg: MlDsaAlgName) => b64url(JSON.stringify({ alg, typ: 'JWT' }));
const nodeJwk = (jwk: Jwk) => ({ key: jwk as JsonWebKey, format: 'jwk' as const });

const nodeCrypto: MlDsaImpl = {
  name: 'node:crypto',
  unavailable: async () => nativeMlDsaUnavailable(),
  async generate(alg) {
    const { privateKey, publicKey } = generateKeyPairSync(ALGORITHMS[alg].privateKey!.type as 'ed25519') // ml-dsa-44 ... (Node 24+; the types lag);
    return { privateJwk: privateKey.export({ format: 'jwk' }) as Jwk, publicJwk: publicKey.export({ format: 'jwk' }) as Jwk };
  },
  async sign(alg, privateJwk, payload) {
    return signCompact(header(alg), payload, jwsSigner(ALGORITHMS[alg], createPrivateKey(nodeJwk(privateJwk))));
  },
  async verify(alg, publicJwk, token) {
    const verify = jwsVerifier(ALGORITHMS[alg], createPublicKey(nodeJwk(publicJwk)));
    const { signingInput, signature } = split(alg, token);
    return verify(signingInput, signature);
  },
  async reexportPublic(_alg, publicJwk) {
    return createPublicKey(nodeJwk(publicJwk)).export({ format: 'jwk' }) as Jwk;
  },
};

// jose loads only when the gate runs (it is an ESM import of some weight).
const jose = () => import('jose');

const joseImpl: MlDsaImpl = {
  name: 'jose',
  unavailable: () => joseMlDsaUnavailable(),
  async generate(alg) {
    const { generateKeyPair, exportJWK } = await jose();
    const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
    return { privateJwk: await exportJWK(privateKey) as Jwk, publicJwk: await exportJWK(publicKey) as Jwk };
  },
  async sign(alg, privateJwk, payload) {
    const { importJWK, SignJWT } = await jose();
    return new SignJWT(payload).setProtectedHeader({ alg, typ: 'JWT' }).sign(await importJWK(privateJwk, alg));
  },
  async verify(alg, publicJwk, token) {
    const { importJWK, jwtVerify } = await jose();
    const key = await importJWK(publicJwk, alg);
    try {
      await jwtVerify(token, key, { algorithms: [alg] });
      return true;
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') return false;
      throw error;
    }
  },
  async reexportPublic(alg, publicJwk) {
    const { importJWK, exportJWK } = await jose();
    return await exportJWK(await importJWK(publicJwk, alg, { extractable: true }) as CryptoKey) as Jwk;
  },
};

const noblePq: MlDsaImpl = {
  name: 'noble-pq',
  unavailable: async () => null, // pure JavaScript: runs everywhere
  async generate(alg) {
    const seed = new Uint8Array(randomBytes(32));
    const { publicKey } = ML_DSA[alg].keygen(seed);
    return { privateJwk: { ...akpPrivateJwk(alg, seed, publicKey) }, publicJwk: { ...akpPublicJwk(alg, publicKey) } };
  },
  async sign(alg, privateJwk, payload) {
    const { seed } = parseAkpJwk(privateJwk, alg, 'the private JWK', 'private');
    const { secretKey } = ML_DSA[alg].keygen(seed!);
    return signCompact(header(alg), payload, (input) => Buffer.from(ML_DSA[alg].sign(Buffer.from(input, 'latin1'), secretKey)));
  },
  async verify(alg, publicJwk, token) {
    const { publicKey } = parseAkpJwk(publicJwk, alg, 'the public JWK');
    const { signingInput, signature } = split(alg, token);
    return ML_DSA[alg].verify(signature, Buffer.from(signingInput, 'latin1'), publicKey);
  },
  async reexportPublic(alg, publicJwk) {
    const { publicKey } = parseAkpJwk(publicJwk, alg, 'the public JWK');
    return { ...akpPublicJwk(alg, publicKey) };
  },
};

export const ML_DSA_IMPLS: Readonly<Record<InteropImplName, MlDsaImpl>> = { 'node:crypto': nodeCrypto, jose: joseImpl, 'noble-pq': noblePq };
