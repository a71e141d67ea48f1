// The recommendation, computed from this run's results and the given topology. Every number
// in it is looked up in the results; where something was not measured, the text says so. The
// cost is quoted twice: what the algorithm costs (the node:crypto floor) and what it costs with
// each library (jose, fast-jwt), and the text says which library the conclusion depends on.
import type { LoadDocument } from '../core/results/load.js';
import type { MicroDocument } from '../core/results/micro.js';
import type { ServerEngineName } from '../core/engines.js';
import { replayAndTimeLine, replayFigures } from './blast-radius/trust-lines.js';
import type { SchemeRadius } from './blast-radius/types.js';
import { ENGINE_ORDER, FLOOR_ENGINE, TOKEN_SCHEME_ROWS, costOf, engineCosts, headerBytes, type EngineCost } from './costs.js';
import { fmt, percent, times, timesWithInterval } from './figures.js';

/** Above this share of throughput lost at the server, the cost of asymmetric verification is called material. */
const MATERIAL_THROUGHPUT_LOSS = 0.3;
/** The request rate the bandwidth sentence is quoted at. */
const BANDWIDTH_AT_RPS = 10_000;

const side = (engine: ServerEngineName) => (engine === FLOOR_ENGINE ? 'The algorithm (the node:crypto floor)' : `With ${engine}`);
const ASYMMETRIC = TOKEN_SCHEME_ROWS.filter((r) => r.alg !== 'HS256');

function microLine(costs: EngineCost[], engine: ServerEngineName): string | null {
  const hs = costOf(costs, 'hs256', engine);
  const asym = ASYMMETRIC.map((r) => costOf(costs, r.scheme, engine)).filter((c): c is EngineCost => c?.microVerifyVsHs256 != null);
  if (hs?.microVerifyUs == null && asym.length === 0) return null;
  // Each ratio with its interval (paired by round), so an unstable one reads as such here too.
  const parts = asym.map((c) => `${c.row.label}: ${timesWithInterval(c.microVerifyVsHs256Interval === null ? null : { value: c.microVerifyVsHs256!, interval: c.microVerifyVsHs256Interval })}, ${fmt(c.microVerifyUs, 1, ' µs')}`);
  return `${side(engine)}: an HS256 verify takes ${fmt(hs?.microVerifyUs ?? null, 1, ' µs')} (micro, p50); relative to it, ${parts.join('; ') || 'no asymmetric algorithm was measured'}.`;
}

function bandwidthLine(costs: EngineCost[]): string | null {
  const hs = headerBytes(costs, 'hs256');
  const sized = TOKEN_SCHEME_ROWS.map((r) => ({ r, bytes: headerBytes(costs, r.scheme) })).filter((x) => x.bytes !== null);
  if (sized.length === 0) return null;
  const list = sized.map((x) => `${x.r.label} ${fmt(x.bytes, 0, ' B')}`).join(', ');
  const rs = headerBytes(costs, 'rs256');
  const extra = hs !== null && rs !== null
    ? ` At ${BANDWIDTH_AT_RPS.toLocaleString('en-US')} requests/s (an example rate), RS256's header adds ${fmt(((rs - hs) * BANDWIDTH_AT_RPS) / 1e6, 1, ' MB/s')} (${fmt(((rs - hs) * BANDWIDTH_AT_RPS * 8) / 1e6, 0, ' Mbit/s')}) to each verifier's inbound traffic over HS256's.`
    : '';
  return `Bytes on the wire: the Authorization header of the load run's requests (tokens from the reference issuer) carries ${list}.${extra}`;
}

/** The three conclusions the recommendation can reach; callers branch on the kind, never on the wording. */
export type VerdictKind = 'asymmetric' | 'asymmetric-costly' | 'hs256-defensible';

export interface Recommendation {
  /** every paragraph, in reading order (the verdict among them) */
  lines: string[];
  verdict: { kind: VerdictKind; line: string };
}

export function recommend(micro: MicroDocument | null, load: LoadDocument | null, radii: SchemeRadius[]): Recommendation {
  const shared = radii.find((r) => r.scheme === 'hs256-shared')!.figures;
  const jwksRadius = radii.find((r) => r.scheme === 'jwks')!;
  const jwks = jwksRadius.figures;
  const costs = engineCosts(micro, load);
  const lines: string[] = [];

  // The cost side, the algorithm apart from the library: micro verify time per engine.
  if (micro) {
    const microLines = ENGINE_ORDER.map((e) => microLine(costs, e)).filter((l): l is string => l !== null);
    lines.push(...(microLines.length > 0 ? microLines : ['The micro run measured no verify cost.']));
  }
  // What a server loses, per engine: RS256 against HS256 on the same engine.
  const loss = new Map<ServerEngineName, number>();
  for (const e of ENGINE_ORDER) {
    const vsHs = costOf(costs, 'rs256', e)?.serverVsHs256;
    if (vsHs != null) loss.set(e, 1 - vsHs);
  }
  if (load) {
    if (loss.size === 0) {
      lines.push('The load run has no RS256-against-HS256 verify comparison; add --schemes hs256,rs256 to measure what a server loses.');
    } else {
      const per = [...loss.keys()].map((e) => {
        const rs = costOf(costs, 'rs256', e)!;
        const hs = costOf(costs, 'hs256', e);
        return `${e === FLOOR_ENGINE ? 'on the node:crypto floor' : `with ${e}`} ${percent(rs.serverVsHs256)} (server verify p50 ${fmt(rs.serverVerifyP50Us, 0, ' µs')} against ${fmt(hs?.serverVerifyP50Us ?? null, 0, ' µs')}; HS256 itself at ${percent(hs?.serverVsBaseline ?? null)} of the no-auth baseline)`;
      });
      lines.push(`Under load, the RS256 verifier served, of the HS256 verifier's requests per second on the same engine: ${per.join('; ')}.`);
    }
  }
  const bytes = bandwidthLine(costs);
  if (bytes) lines.push(bytes);

  // The trust side, from the topology.
  lines.push(`Trust: with one shared HS256 secret, ${shared.mintingHolders} services hold material that can mint tokens (${shared.mintingHoldersExternal} outside the trust boundary) and ${shared.forgeablePairs} (compromised, victim) pairs are forgeable; with a JWKS, ${jwks.mintingHolders} service holds it and ${jwks.forgeablePairs} pairs are forgeable. A key rotation touches ${shared.rotationTouches} services with a shared secret and ${jwks.rotationTouches} with a JWKS.`);
  lines.push(replayAndTimeLine(radii));

  // The conclusion rests on the algorithm's cost when the floor was measured, else on the first library measured.
  const basis = ENGINE_ORDER.find((e) => loss.has(e)) ?? null;
  const throughputLoss = basis === null ? null : loss.get(basis)!;
  // A negative loss is noise around none: RS256 cannot verify faster than HS256 on the same engine.
  const lossText = (l: number) => (l <= 0 ? `no measurable loss (RS256 served ${percent(1 - l)} of HS256's requests/s)` : `${percent(l)} of server throughput`);
  const on = basis === null ? '' : basis === FLOOR_ENGINE ? ' (the algorithm, on the node:crypto floor)' : ` (with ${basis})`;
  const costMaterial = throughputLoss !== null && throughputLoss > MATERIAL_THROUGHPUT_LOSS;
  const microPick = ENGINE_ORDER.map((e) => ASYMMETRIC.map((r) => costOf(costs, r.scheme, e)).filter((c): c is EngineCost => c?.microVerifyVsHs256 != null))
    .find((cs) => cs.length > 0) ?? [];
  const fastest = [...microPick].sort((a, b) => a.microVerifyVsHs256! - b.microVerifyVsHs256!)[0];
  // Wider than it must be: a shared secret lets more pairs forge than the issuer alone could.
  const trustWide = shared.mintingHoldersExternal > 0 || shared.forgeablePairs > jwks.forgeablePairs;
  const pick = fastest ? `${fastest.row.label}, the fastest asymmetric verify measured here` : 'an asymmetric algorithm';
  // A JWKS stops forgery, not replay: an audience per service is what shrinks replay.
  const replay = replayFigures(jwksRadius);
  const audiences = replay.saved > 0;
  const audienceAdvice = audiences ? ` Give each service its own audience as well: it leaves ${replay.perService} of ${replay.shared} replayable pairs.` : '';
  let verdict: Recommendation['verdict'];
  if (trustWide && !costMaterial) {
    verdict = { kind: 'asymmetric', line: `Recommendation: ${audiences ? 'use a JWKS, and give each service its own audience: sign' : 'sign'} asymmetrically and publish a JWKS (${pick}). The measured cost is ${throughputLoss === null ? 'not measured under load' : `${lossText(throughputLoss)}${on}`}, while a shared secret would let a compromise of any of ${shared.mintingHolders} services forge tokens for the others${audiences ? `; an audience per service (a token per callee) leaves ${replay.perService} of the ${replay.shared} replayable pairs a JWKS alone leaves` : ''}.` };
  } else if (trustWide && costMaterial) {
    verdict = { kind: 'asymmetric-costly', line: `Recommendation: asymmetric signing still limits minting to ${jwks.mintingHolders} service, but it costs ${percent(throughputLoss)} of server throughput here${on}; if that is too much, give each verifier its own HS256 secret (hs256-per-service) rather than sharing one, or choose ${pick}.${audienceAdvice}` };
  } else {
    verdict = { kind: 'hs256-defensible', line: `Recommendation: in this topology no compromise of a verifier lets an attacker forge for another service, so HS256 is defensible; ${costMaterial ? `asymmetric verification would cost ${percent(throughputLoss)} of server throughput${on}` : 'asymmetric signing would still remove the secret from the verifiers'}.${audienceAdvice}` };
  }
  lines.push(verdict.line);
  // Which library the reader's conclusion depends on.
  if (loss.size > 1) {
    // A negative loss is a gain: never "a loss of -40%".
    const onEngine = ([e, l]: [string, number]) => `${e} (${l > 0 ? percent(l) : `no loss: RS256 served ${percent(1 - l)} of HS256's requests/s`})`;
    const material = [...loss].filter(([, l]) => l > MATERIAL_THROUGHPUT_LOSS).map(onEngine);
    const not = [...loss].filter(([, l]) => l <= MATERIAL_THROUGHPUT_LOSS).map(onEngine);
    lines.push(material.length === 0 || not.length === 0
      ? `This holds on every engine measured; RS256's loss of server throughput against HS256 on each: ${[...material, ...not].join(', ')}.`
      : `Which library you run decides this: RS256 costs more than ${percent(MATERIAL_THROUGHPUT_LOSS)} of server throughput against HS256 with ${material.join(', ')}, but not with ${not.join(', ')}. A library whose HS256 is slow makes every algorithm look alike.`);
  } else if (basis !== null && basis !== FLOOR_ENGINE) {
    lines.push(`This rests on ${basis} alone: run the load with --engines node,${basis} to see what the algorithm costs without the library.`);
  }
  return { lines, verdict };
}
