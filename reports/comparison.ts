// The comparison section: with runs from more than one environment (two machines, two Node
// versions, a library before and after an upgrade), the headline figures side by side, and
// which of the report's conclusions change between them.
import type { SchemeRadius } from './blast-radius/types.js';
import { h, list, p, table, type Block } from './blocks.js';
import { runtimeWithCrypto } from './inputs/environment.js';
import { comparisonLoadChart, comparisonMicroChart, type ComparisonLoadPoint, type ComparisonMicroPoint } from './charts/comparison.js';
import { fmt, loadFigure, microCostVsHs256, microCostVsHs256Interval, microOpsPerSec, percent, times } from './figures.js';
import type { RunGroup } from './inputs/group-runs.js';
import { recommend, type VerdictKind } from './recommendation.js';

/** The algorithms the summary and recommendation talk about. */
export const HEADLINE_ALGS = [
  { label: 'HS256', alg: 'HS256', keyBits: undefined },
  { label: 'RS256-2048', alg: 'RS256', keyBits: 2048 },
  { label: 'ES256', alg: 'ES256', keyBits: null },
  { label: 'EdDSA', alg: 'EdDSA', keyBits: null },
] as const;
const SCHEMES = ['baseline', 'hs256', 'rs256', 'es256', 'eddsa'] as const;

export function comparisonMicroPoints(groups: RunGroup[]): ComparisonMicroPoint[] {
  return groups.flatMap((g) => (g.micro ? HEADLINE_ALGS.flatMap((a) => (['sign', 'verify'] as const).flatMap((op) => {
    const pick = { alg: a.alg, keyBits: a.keyBits, op };
    const opsPerSec = microOpsPerSec(g.micro!.doc, pick);
    const interval = microCostVsHs256Interval(g.micro!.doc, pick);
    return opsPerSec === null ? [] : [{ environment: g.label, alg: a.label, op, opsPerSec, costVsHs256: microCostVsHs256(g.micro!.doc, pick), costLow: interval?.[0] ?? null, costHigh: interval?.[1] ?? null }];
  })) : []));
}

export function comparisonLoadPoints(groups: RunGroup[]): ComparisonLoadPoint[] {
  return groups.flatMap((g) => (g.load ? SCHEMES.flatMap((scheme) => {
    const requestsPerSec = loadFigure(g.load!.doc, 'verify', scheme, (r) => r.requestsPerSec);
    return requestsPerSec === null ? [] : [{ environment: g.label, scheme, requestsPerSec, vsHs256: loadFigure(g.load!.doc, 'verify', scheme, (r) => r.relative.requestsPerSecVsHs256) }];
  }) : []));
}

const VERDICT_NAMES: Record<VerdictKind, string> = {
  asymmetric: 'sign asymmetrically and publish a JWKS',
  'asymmetric-costly': 'asymmetric signing, at a material throughput cost',
  'hs256-defensible': 'HS256 is defensible',
};

/** The conclusions a reader takes away, per environment, so the ones that differ can be named. */
function conclusions(g: RunGroup, micro: ComparisonMicroPoint[], load: ComparisonLoadPoint[], radii: SchemeRadius[]): Map<string, string> {
  const out = new Map<string, string>();
  const cheapest = (op: 'sign' | 'verify') => micro.filter((m) => m.environment === g.label && m.op === op && m.alg !== 'HS256' && m.costVsHs256 !== null)
    .sort((a, b) => a.costVsHs256! - b.costVsHs256!)[0]?.alg;
  const v = cheapest('verify');
  const s = cheapest('sign');
  if (v) out.set('the fastest asymmetric verify in jose', v);
  if (s) out.set('the fastest asymmetric sign in jose', s);
  const servers = load.filter((l) => l.environment === g.label && l.scheme !== 'baseline').sort((a, b) => b.requestsPerSec - a.requestsPerSec);
  if (servers.length > 1) out.set('the verifier serving the most requests per second', servers[0]!.scheme);
  // The recommendation's branch, not its wording: its numbers differ between environments by design.
  out.set('the recommendation', VERDICT_NAMES[recommend(g.micro?.doc ?? null, g.load?.doc ?? null, radii).verdict.kind]);
  return out;
}

export function comparisonSection(groups: RunGroup[], radii: SchemeRadius[]): Block[] {
  if (groups.length < 2) return [];
  const blocks: Block[] = [h(2, 'Comparison between environments')];
  blocks.push(p(`${groups.length} environments: ${groups.map((g) => `${g.label} (${g.env.cpuModel}, ${g.env.cores} cores, ${g.env.arch}, ${runtimeWithCrypto(g.env)}, jose ${g.env.libraries.jose ?? '?'}; ${[...(g.micro?.sources ?? []), ...(g.load?.sources ?? [])].map((s) => s.file).join(', ')})`).join('; ')}. The sections after this one show ${groups[0]!.label}.`));
  const micro = comparisonMicroPoints(groups);
  const load = comparisonLoadPoints(groups);
  const withMicro = groups.filter((g) => g.micro);
  const withLoad = groups.filter((g) => g.load);

  const byEnv = new Map(groups.map((g) => [g.label, conclusions(g, micro, load, radii)]));
  const topics = [...new Set([...byEnv.values()].flatMap((m) => [...m.keys()]))];
  const changed = topics.filter((t) => new Set(groups.map((g) => byEnv.get(g.label)!.get(t) ?? 'not measured')).size > 1);
  blocks.push(h(3, 'What changes between them'));
  blocks.push(changed.length === 0
    ? p(`No conclusion changes: ${topics.map((t) => `${t} is ${byEnv.get(groups[0]!.label)!.get(t)}`).join('; ')} in every environment.`)
    : list(changed.map((t) => `${t[0]!.toUpperCase()}${t.slice(1)}: ${groups.map((g) => `${byEnv.get(g.label)!.get(t) ?? 'not measured'} on ${g.label}`).join(', ')}.`)));

  if (micro.length > 0) {
    blocks.push(h(3, 'Library sign and verify, side by side'));
    blocks.push(p('jose with prepared keys, one thread, the first payload of each run; × is time per operation relative to HS256 on the same machine.'));
    const rows = HEADLINE_ALGS.flatMap((a) => (['sign', 'verify'] as const).map((op) => [a.label, op, ...withMicro.flatMap((g) => {
      const m = micro.find((x) => x.environment === g.label && x.alg === a.label && x.op === op);
      return [fmt(m?.opsPerSec ?? null), times(m?.costVsHs256 ?? null)];
    })])).filter((r) => r.slice(2).some((c) => c !== 'not measured'));
    blocks.push(table(['algorithm', 'op', ...withMicro.flatMap((g) => [`${g.label} ops/s`, `${g.label} vs HS256`])], rows));
    const chart = comparisonMicroChart(micro);
    if (chart) blocks.push({ kind: 'chart', id: 'comparison-micro', title: 'Cost relative to HS256 per environment', caption: 'Time per operation relative to HS256, jose with prepared keys, one dot per environment (log scale).', spec: chart });
  }
  if (load.length > 0) {
    blocks.push(h(3, 'Server requests per second, side by side'));
    blocks.push(p('The verify scenario at each run\'s lowest connection count; % is requests per second relative to the HS256 verifier of the same run.'));
    const rows = SCHEMES.map((scheme) => [scheme, ...withLoad.flatMap((g) => {
      const l = load.find((x) => x.environment === g.label && x.scheme === scheme);
      return [fmt(l?.requestsPerSec ?? null), percent(l?.vsHs256 ?? null)];
    })]).filter((r) => r.slice(1).some((c) => c !== 'not measured'));
    blocks.push(table(['scheme', ...withLoad.flatMap((g) => [`${g.label} req/s`, `${g.label} vs HS256`])], rows));
    const chart = comparisonLoadChart(load);
    if (chart) blocks.push({ kind: 'chart', id: 'comparison-load', title: 'Server requests per second per environment', caption: 'Verified requests per second per scheme and environment, verify scenario.', spec: chart });
  }
  return blocks;
}
