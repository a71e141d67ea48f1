// The blast-radius model: for each key scheme, who can forge tokens for whom once a service is
// compromised. Pure functions over a validated topology; no I/O.
//
// Semantics (a service "holds" material when it could use it to mint tokens):
// - hs256-shared: the issuer and every verifier hold the one secret, and the secret mints
//   tokens every verifier accepts. A holder's row is true for every verifier (itself included
//   when it verifies); a service that neither issues nor verifies holds nothing.
// - hs256-per-service: the issuer holds one secret per verifier; verifier V holds only its
//   own. Issuer row: every verifier; V's row: only [V][V].
// - jwks (RS256/PS256/ES256/EdDSA): only the issuer holds a private key; verifiers hold
//   public keys, which cannot mint. Issuer row: every verifier; every other row all false.
// - A column is true only for a service that verifies: an issuer that does not verify
//   accepts no tokens, so nothing is forgeable "for" it.
// - Edges (who calls whom) do not change forgeability: a minted token is accepted wherever the
//   key is trusted, whoever presents it.
// Figures: mintingHolders counts rows with any true cell; forgeablePairs counts true cells
// off the diagonal; rotationTouches counts services whose config changes on a full key
// rotation (shared and per-service: every key holder; jwks: only the issuer, verifiers refetch
// the JWKS); secretDistributionPoints counts services a secret is delivered to beyond the
// issuer that creates it (jwks: none, only public keys travel).
import { KEY_SCHEMES, type BlastRadius, type KeyScheme, type Service, type Topology } from './types.js';

/** Whether compromising `a` yields material that mints tokens for verifier `b`. */
function mintsFor(scheme: KeyScheme, a: Service, b: Service): boolean {
  switch (scheme) {
    case 'hs256-shared': return a.issues === true || a.verifies === true;
    case 'hs256-per-service': return a.issues === true || a === b;
    case 'jwks': return a.issues === true;
  }
}

export function blastRadius(topology: Topology, scheme: KeyScheme): BlastRadius {
  const { services } = topology;
  const forgeable = services.map((a) => services.map((b) => b.verifies === true && mintsFor(scheme, a, b)));
  const minting = services.filter((_, i) => forgeable[i]!.some(Boolean));
  const forgeablePairs = forgeable.reduce((n, row, i) => n + row.filter((cell, j) => cell && i !== j).length, 0);
  // Under both HS256 schemes every issuer and verifier holds a secret; under jwks only the issuer.
  const keyHolders = services.filter((s) => s.issues === true || s.verifies === true).length;
  const verifiersBesidesIssuer = services.filter((s) => s.verifies === true && s.issues !== true).length;
  return {
    scheme,
    services: services.map((s) => s.name),
    forgeable,
    figures: {
      mintingHolders: minting.length,
      mintingHoldersExternal: minting.filter((s) => s.external === true).length,
      forgeablePairs,
      rotationTouches: scheme === 'jwks' ? 1 : keyHolders,
      secretDistributionPoints: scheme === 'jwks' ? 0 : verifiersBesidesIssuer,
    },
  };
}

/** One blast radius per key scheme, in KEY_SCHEMES order. */
export function blastRadii(topology: Topology): BlastRadius[] {
  return KEY_SCHEMES.map((scheme) => blastRadius(topology, scheme));
}
