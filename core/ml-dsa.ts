// ML-DSA (FIPS 204) as @noble/post-quantum implements it, one entry per parameter set: the
// one place that maps an algorithm name to its implementation. Pure JS, so it runs on every
// Node this project supports; native ML-DSA needs Node 24+ with OpenSSL 3.5.
import { ml_dsa44, ml_dsa65, ml_dsa87 } from '@noble/post-quantum/ml-dsa.js';
import type { MlDsaAlgName } from './algorithms.js';

export type MlDsa = typeof ml_dsa44;

export const ML_DSA: Readonly<Record<MlDsaAlgName, MlDsa>> = Object.freeze({
  'ML-DSA-44': ml_dsa44,
  'ML-DSA-65': ml_dsa65,
  'ML-DSA-87': ml_dsa87,
});

/** The public key a 32-byte seed expands to (FIPS 204 ML-DSA.KeyGen_internal). */
export function mlDsaPublicKey(alg: MlDsaAlgName, seed: Uint8Array): Uint8Array {
  return ML_DSA[alg].keygen(seed).publicKey;
}
