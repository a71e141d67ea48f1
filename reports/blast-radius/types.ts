// The blast-radius model's types: a topology in, one matrix and its figures per key scheme out.

/** How verifiers get what they check tokens with. */
export type KeyScheme = 'hs256-shared' | 'hs256-per-service' | 'jwks';
export const KEY_SCHEMES: readonly KeyScheme[] = ['hs256-shared', 'hs256-per-service', 'jwks'];

export interface Service {
  name: string;
  /** issues tokens (exactly one service does) */
  issues?: boolean;
  /** accepts tokens: checks them on requests it receives */
  verifies?: boolean;
  /** run by someone else (a partner): outside the trust boundary */
  external?: boolean;
  description?: string;
}

/** `from` calls `to`, presenting a token. */
export interface Edge {
  from: string;
  to: string;
}

export interface Topology {
  name: string;
  description?: string;
  services: Service[];
  edges: Edge[];
}

export interface BlastRadiusFigures {
  /** services holding material that can mint tokens some service accepts */
  mintingHolders: number;
  /** of those, outside the trust boundary */
  mintingHoldersExternal: number;
  /** (compromised, victim) pairs with compromised != victim where the attacker can forge for the victim */
  forgeablePairs: number;
  /** services whose configuration must change when the signing key(s) rotate */
  rotationTouches: number;
  /** places a secret must be delivered to (0 when only public keys travel, through the JWKS) */
  secretDistributionPoints: number;
}

export interface BlastRadius {
  scheme: KeyScheme;
  /** service names, in topology order: rows and columns of the matrix */
  services: string[];
  /** forgeable[a][b]: compromising services[a] lets an attacker mint tokens services[b] accepts */
  forgeable: boolean[][];
  figures: BlastRadiusFigures;
}
