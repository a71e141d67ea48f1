// decision.md: the report's decision in the shape teams keep decisions in (MADR 4.0: Context
// and Problem Statement, Decision Drivers, Considered Options, Decision Outcome with
// Consequences and Confirmation, Pros and Cons of the Options). Every number in it is looked
// up in the results or the topology (capacity figures: the documented model in capacity.ts).
import { schemeRadii } from './blast-radius/model.js';
import type { BlastRadius } from './blast-radius/types.js';
import { formatMinutes } from './blast-radius/terminal.js';
import { replayFigures } from './blast-radius/trust-lines.js';
import { capacityModels, money } from './capacity-section.js';
import { fmtCores } from './capacity.js';
import { fmt, loadEngineOf, loadFigure, microCostVsHs256, microP50Us, microOpsPerSec, percent, quotedEngine, times } from './figures.js';
import { recommend, type VerdictKind } from './recommendation.js';
import { runtimeWithCrypto } from './inputs/environment.js';
import type { ReportInputs } from './report-inputs.js';
import { reproduce } from './reproduce.js';
import { SCHEME_ROWS } from './scheme-rows.js';

/** An asymmetric verify within this many times HS256's time counts in its favour: a fixed line, not a measurement. */
export const CHEAP_VERIFY_COST = 1.5;

type Row = (typeof SCHEME_ROWS)[number];

/** The recommendation's choice as an option: HS256 where it is defensible, else the asymmetric scheme that verified fastest. */
function chosenOption(verdict: VerdictKind, inputs: ReportInputs): Row {
  if (verdict === 'hs256-defensible') return SCHEME_ROWS[0]!;
  const micro = inputs.micro?.doc;
  const load = inputs.load?.doc;
  const asymmetric: Row[] = SCHEME_ROWS.filter((r) => r.key === 'jwks');
  // Lower is cheaper: micro time relative to HS256, else the inverse of the load run's req/s relative to HS256.
  const cost = (r: Row): number | null => {
    if (micro) return microCostVsHs256(micro, { alg: r.alg, keyBits: r.keyBits, op: 'verify' });
    const rel = load ? loadFigure(load, 'verify', r.load, (x) => x.relative.requestsPerSecVsHs256) : null;
    return rel !== null && rel > 0 ? 1 / rel : null;
  };
  const ranked = asymmetric.map((r) => ({ r, c: cost(r) })).filter((x): x is { r: Row; c: number } => x.c !== null).sort((a, b) => a.c - b.c);
  return ranked[0]?.r ?? asymmetric[0]!;
}

type Figures = BlastRadius['figures'];
const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** The blast-radius figures an option is judged on, fewer being better, and how each is said. */
const TRUST_FIGURES: readonly { value: (f: Figures) => number; says: (f: Figures) => string }[] = [
  { value: (f) => f.forgeablePairs, says: (f) => `${plural(f.forgeablePairs, '(compromised, victim) pair is', '(compromised, victim) pairs are')} forgeable` },
  { value: (f) => f.mintingHolders, says: (f) => `${plural(f.mintingHolders, 'service', 'services')} can mint tokens (${f.mintingHoldersExternal} outside the trust boundary)` },
  { value: (f) => f.rotationTouches, says: (f) => `a key rotation touches ${plural(f.rotationTouches, 'service', 'services')}` },
];

const bullet = (lines: string[]): string => lines.map((l) => `* ${l}`).join('\n');
const prosAndCons = (f: { good: string[]; neutral: string[]; bad: string[] }): string =>
  bullet([...f.good.map((g) => `Good, because ${g}.`), ...f.neutral.map((n) => `Neutral, because ${n}.`), ...f.bad.map((b) => `Bad, because ${b}.`)]);

export function decisionRecord(inputs: ReportInputs): string {
  const radii = schemeRadii(inputs.topology.topology);
  const radiusOf = (key: Row['key']) => radii.find((r) => r.scheme === key)!;
  const fig = (key: Row['key']) => radiusOf(key).figures;
  const micro = inputs.micro?.doc ?? null;
  const load = inputs.load?.doc ?? null;
  const group = inputs.groups[0]!;
  const env = group.env;
  const { lines, verdict } = recommend(micro, load, radii);
  const chosen = chosenOption(verdict.kind, inputs);
  const capacity = capacityModels(inputs).find((m) => m.label === group.label)?.capacity ?? null;
  const topRps = capacity?.targetRps.at(-1);
  const topo = inputs.topology.topology;
  const date = (load?.env.endedAt ?? micro?.env.endedAt ?? env.endedAt).slice(0, 10);
  const { lines: commands, compare } = reproduce(inputs);

  // Trust is judged relative to the options: the fewest any of them has is good, more is bad,
  // and each sentence names the figure it is judged on (a scheme can win on pairs and lose on holders).
  const trustFacts = (row: Row): { good: string[]; bad: string[] } => {
    const out = { good: [] as string[], bad: [] as string[] };
    for (const t of TRUST_FIGURES) {
      const value = t.value(fig(row.key));
      const all = SCHEME_ROWS.map((r) => ({ r, v: t.value(fig(r.key)) }));
      const fewest = Math.min(...all.map((x) => x.v));
      const most = all.reduce((a, b) => (b.v > a.v ? b : a));
      if (value <= fewest) out.good.push(`${t.says(fig(row.key))}, the fewest of the options${value < most.v ? ` (${most.v} with ${most.r.label})` : ''}`);
      else out.bad.push(`${t.says(fig(row.key))}, where the fewest of the options is ${fewest}`);
    }
    return out;
  };
  // "The cheapest verify" only when no other option's verify in jose was cheaper than HS256's.
  const hs256Cheapest = micro === null || SCHEME_ROWS.every((r) => (microCostVsHs256(micro, { alg: r.alg, keyBits: r.keyBits, op: 'verify' }) ?? 1) >= 1);
  const shortestWindow = Math.min(...SCHEME_ROWS.map((r) => radiusOf(r.key).worstForgeWindowMinutes ?? 0));
  const facts = (row: Row): { good: string[]; bad: string[]; neutral: string[] } => {
    const pick = { alg: row.alg, keyBits: row.keyBits };
    // jose unless it did not run the algorithm here (ML-DSA before Node 24.7): then the engine that did.
    const engine = micro ? quotedEngine(micro, { ...pick, op: 'verify' }) : 'jose';
    const ops = micro ? microOpsPerSec(micro, { ...pick, op: 'verify', engine }) : null;
    const us = micro ? microP50Us(micro, { ...pick, op: 'verify', engine }) : null;
    const hsUs = micro && engine !== 'jose' ? microP50Us(micro, { alg: 'HS256', op: 'verify' }) : null;
    // An engine without HS256 (noble-pq) is set against jose's HS256, and says so.
    const cost = micro ? microCostVsHs256(micro, { ...pick, op: 'verify', engine }) ?? (hsUs !== null && us !== null ? us / hsUs : null) : null;
    const costWhere = engine === 'jose' ? 'in jose' : `in ${engine}, against HS256 in jose`;
    const loadEngine = load ? loadEngineOf(load, row.load) : undefined;
    const rps = load ? loadFigure(load, 'verify', row.load, (r) => r.relative.requestsPerSecVsHs256, loadEngine) : null;
    const rpsVsBaseline = load && rps === null ? loadFigure(load, 'verify', row.load, (r) => r.relative.requestsPerSecVsBaseline, loadEngine) : null;
    // The row of the engine the other load figures here come from (jose unless it did not run the scheme).
    const cap = capacity?.rows.find((r) => r.base === row.load && r.engine === (loadEngine ?? 'jose'))
      ?? capacity?.rows.find((r) => r.base === row.load && r.engine === null);
    const top = cap && topRps !== undefined ? cap.cores.at(-1)! : null;
    const over = cap?.overHs256Cores?.at(-1) ?? null;
    const good: string[] = [];
    const bad: string[] = [];
    const neutral: string[] = [];
    if (row.alg === 'HS256') (hs256Cheapest ? good : neutral).push(`${hs256Cheapest ? 'the cheapest verify measured: ' : ''}${fmt(ops)} verifies per second in jose (${fmt(us, 1, ' µs')} each)`);
    else if (cost !== null) {
      const figures = `${times(cost)} ${costWhere} (${fmt(ops)} per second, ${fmt(us, 1, ' µs')} each)`;
      if (cost <= CHEAP_VERIFY_COST) good.push(`verify costs within ${CHEAP_VERIFY_COST}× of HS256's time: ${figures}`);
      else bad.push(`verify costs ${times(cost)} HS256's time ${costWhere} (${fmt(ops)} per second, ${fmt(us, 1, ' µs')} each)`);
    }
    if (rps !== null && row.alg !== 'HS256') (rps >= 0.9 ? neutral : bad).push(`under load its verifier served ${percent(rps)} of the HS256 verifier's requests per second`);
    if (rpsVsBaseline !== null && row.alg !== 'HS256') (rpsVsBaseline >= 0.9 ? neutral : bad).push(`under load its verifier (on ${loadEngine}, which runs no HS256) served ${percent(rpsVsBaseline)} of the no-auth baseline's requests per second`);
    const perMonth = cap?.costPerMonth?.at(-1);
    if (top !== null) neutral.push(`about ${fmtCores(top)} cores of verifier CPU at ${topRps!.toLocaleString('en-US')} requests per second${perMonth === undefined ? '' : `, ${money(perMonth)} a month`}${over !== null ? ` (${fmtCores(Math.abs(over))} ${over < 0 ? 'fewer' : 'more'} than HS256)` : ''}`);
    const trust = trustFacts(row);
    good.push(...trust.good);
    bad.push(...trust.bad);
    const window = radiusOf(row.key).worstForgeWindowMinutes;
    if (window !== null) (window <= shortestWindow ? good : bad).push(`leaked minting material stays good for up to ${formatMinutes(window)}, until the last service holding it has rotated`);
    const replay = replayFigures(radiusOf(row.key));
    neutral.push(`a stolen token can be replayed in ${replay.shared} (compromised, victim) pairs with one audience for all services, ${replay.perService} with an audience per service; each stays good for ${formatMinutes(replay.windowMinutes)}, the token lifetime`);
    if (ops === null && rps === null && rpsVsBaseline === null) neutral.push('its speed was not measured in these runs');
    return { good, bad, neutral };
  };
  const chosenFacts = facts(chosen);

  const out = [
    '---',
    'status: proposed',
    `date: ${date}`,
    '---',
    '',
    `# Sign service tokens with ${chosen.label}`,
    '',
    '## Context and Problem Statement',
    '',
    `Services in the topology "${topo.name}" (${topo.services.map((s) => `${s.name}${s.issues ? ' (issuer)' : ''}${s.external ? ' (external)' : ''}`).join(', ')}) authenticate requests with JWTs. Which signing algorithm and key distribution should they use, given what each costs in speed on ${group.label} (${env.cpuModel}, ${env.cores} cores, ${env.arch}, ${runtimeWithCrypto(env)}, jose ${env.libraries.jose ?? '?'}) and what a compromised service exposes?`,
    '',
    `Measured in ${[inputs.micro?.file, inputs.load?.file].filter(Boolean).join(' and ')}; trust modelled from ${inputs.topology.source}.${inputs.groups.length > 1 ? ` Other environments in the report: ${inputs.groups.slice(1).map((g) => g.label).join(', ')} (see the comparison section of report.html).` : ''}`,
    '',
    '## Decision Drivers',
    '',
    bullet([
      'Blast radius: how many services can mint tokens, how many (compromised, victim) pairs are forgeable, and how many can replay a token the compromised service received.',
      'Time: how long a compromise stays useful: a replayed token until it expires, leaked minting material until the last service holding it has rotated.',
      'Verification cost, in the library and at a server under load.',
      'Operations: how many services a key rotation touches.',
      ...(capacity ? ['Capacity: the cores the verifiers need at the request rates we expect.'] : []),
    ]),
    '',
    '## Considered Options',
    '',
    bullet(SCHEME_ROWS.map((r) => r.label)),
    '',
    '## Decision Outcome',
    '',
    `Chosen option: "${chosen.label}", because ${verdict.line.replace(/^Recommendation: /, '').replace(/\.$/, '')}.`,
    '',
    ...lines.filter((l) => l !== verdict.line).map((l) => `${l}\n`),
    '### Consequences',
    '',
    prosAndCons(chosenFacts),
    '',
    '### Confirmation',
    '',
    'These commands measure the runs this record was built from again (results differ by machine and by run; compare decides whether a difference is beyond noise):',
    '',
    '```sh',
    ...commands,
    '```',
    '',
    'In CI, a regression of the chosen scheme\'s cost against these runs is caught by:',
    '',
    '```sh',
    ...compare,
    '```',
    '',
    '## Pros and Cons of the Options',
    '',
    ...SCHEME_ROWS.flatMap((r) => [`### ${r.label}`, '', prosAndCons(facts(r)), '']),
    '## More Information',
    '',
    `Built by jwtbench report from the results named above; every figure is theirs or the topology's.${capacity ? ` Cores are a model: requests per second × the verifier's measured ${capacity.figure}, divided by a million.` : ''} report.html holds the charts and every run's environment.`,
    '',
  ];
  return out.join('\n');
}
