// The recommendation, computed from this run's results and the given topology. Every number
// in it is looked up in the results; where something was not measured, the text says so.
import type { LoadDocument } from '../core/results/load.js';
import type { MicroDocument } from '../core/results/micro.js';
import { ALGORITHMS } from '../core/algorithms.js';
import { JWKS_SCHEMES, SCHEMES } from '../core/schemes.js';
import type { BlastRadius } from './blast-radius/types.js';
import { fmt, loadFigure, microCostVsHs256, microMeanUs, percent, times } from './figures.js';

/** The JWKS schemes, with their algorithm and key size from the tables. */
const ASYMMETRIC = JWKS_SCHEMES.flatMap((name) => {
  const scheme = SCHEMES[name];
  return scheme.keys === 'jwks' ? [{ alg: scheme.alg, keyBits: ALGORITHMS[scheme.alg].defaultKeyBits, scheme: name, label: scheme.label }] : [];
});

/** Above this share of throughput lost at the server, the cost of asymmetric verification is called material. */
const MATERIAL_THROUGHPUT_LOSS = 0.3;

export function recommend(micro: MicroDocument | null, load: LoadDocument | null, radii: BlastRadius[]): string[] {
  const shared = radii.find((r) => r.scheme === 'hs256-shared')!.figures;
  const jwks = radii.find((r) => r.scheme === 'jwks')!.figures;
  const lines: string[] = [];

  // The cost side: micro (library verify cost) and load (what a server loses).
  const measured = micro ? ASYMMETRIC.map((a) => ({ ...a, cost: microCostVsHs256(micro, { alg: a.alg, keyBits: a.keyBits, op: 'verify' }), us: microMeanUs(micro, { alg: a.alg, keyBits: a.keyBits, op: 'verify' }) })).filter((a) => a.cost !== null) : [];
  const fastest = [...measured].sort((a, b) => a.cost! - b.cost!)[0];
  if (micro) {
    const hsUs = microMeanUs(micro, { alg: 'HS256', op: 'verify' });
    const parts = measured.map((a) => `${a.label} ${times(a.cost)} (${fmt(a.us, 1, ' µs')})`);
    lines.push(`Verify cost in jose on this machine, relative to HS256 (${fmt(hsUs, 1, ' µs')} per verify): ${parts.join(', ') || 'no asymmetric algorithm was measured'}.`);
  }
  let throughputLoss: number | null = null;
  if (load) {
    const rsVsHs = loadFigure(load, 'verify', 'rs256', (r) => r.relative.requestsPerSecVsHs256);
    const hsUs = loadFigure(load, 'verify', 'hs256', (r) => r.serverVerifyUs?.p50);
    const rsUs = loadFigure(load, 'verify', 'rs256', (r) => r.serverVerifyUs?.p50);
    throughputLoss = rsVsHs === null ? null : 1 - rsVsHs;
    lines.push(rsVsHs === null
      ? `The load run has no RS256-against-HS256 verify comparison${hsUs === null ? '' : ` (HS256 verified in ${fmt(hsUs, 0, ' µs')} at the server)`}; add --schemes hs256,rs256 to measure what a server loses.`
      : `Under load, the RS256 verifier served ${percent(rsVsHs)} of the HS256 verifier's requests per second, with a median server-side verify of ${fmt(rsUs, 0, ' µs')} against ${fmt(hsUs, 0, ' µs')}.`);
  }

  // The trust side, from the topology.
  lines.push(`Trust: with one shared HS256 secret, ${shared.mintingHolders} services hold material that can mint tokens (${shared.mintingHoldersExternal} outside the trust boundary) and ${shared.forgeablePairs} (compromised, victim) pairs are forgeable; with a JWKS, ${jwks.mintingHolders} service holds it and ${jwks.forgeablePairs} pairs are forgeable. A key rotation touches ${shared.rotationTouches} services with a shared secret and ${jwks.rotationTouches} with a JWKS.`);

  const costMaterial = throughputLoss !== null && throughputLoss > MATERIAL_THROUGHPUT_LOSS;
  // Wider than it must be: a shared secret lets more pairs forge than the issuer alone could.
  const trustWide = shared.mintingHoldersExternal > 0 || shared.forgeablePairs > jwks.forgeablePairs;
  const pick = fastest ? `${fastest.label}, the fastest asymmetric verify measured here` : 'an asymmetric algorithm';
  if (trustWide && !costMaterial) {
    lines.push(`Recommendation: sign asymmetrically and publish a JWKS (${pick}). The measured cost is ${throughputLoss === null ? 'not measured under load' : `${percent(throughputLoss)} of server throughput`}, while a shared secret would let a compromise of any of ${shared.mintingHolders} services forge tokens for the others.`);
  } else if (trustWide && costMaterial) {
    lines.push(`Recommendation: asymmetric signing still limits minting to ${jwks.mintingHolders} service, but it costs ${percent(throughputLoss)} of server throughput here; if that is too much, give each verifier its own HS256 secret (hs256-per-service) rather than sharing one, or choose ${pick}.`);
  } else {
    lines.push(`Recommendation: in this topology no compromise of a verifier lets an attacker forge for another service, so HS256 is defensible; ${costMaterial ? `asymmetric verification would cost ${percent(throughputLoss)} of server throughput` : 'asymmetric signing would still remove the secret from the verifiers'}.`);
  }
  return lines;
}
