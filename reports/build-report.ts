// The decision report's content: text, tables and charts, all derived from the results and
// the topology it is given.
import { ALGORITHMS } from '../core/algorithms.js';
import type { EnvFingerprint } from '../core/results/env.js';
import type { RuntimeInfo } from '../core/runtimes/info.js';
import type { MicroDocument } from '../core/results/micro.js';
import { describePlacement } from '../core/placement.js';
import { SCHEMES, TOKEN_SCHEMES, type TokenSchemeSpec } from '../core/schemes.js';
import { schemeRadii } from './blast-radius/model.js';
import type { KeyScheme, SchemeRadius } from './blast-radius/types.js';
import { h, list, p, table, type Block } from './blocks.js';
import {
  decisionChart, latencyChart, loadChart, overheadChart, rotationChart, scalingChart, throughputChart, type DecisionPoint,
} from './charts/index.js';
import { fmt, loadEngineOf, loadFigure, loadRuns, microCostVsHs256, microCostVsHs256Interval, microFigure, opsWithReach, timesWithInterval, percent, quotedEngine, times } from './figures.js';
import { postQuantumSection } from './post-quantum.js';
import { instructionsSection } from './instructions-section.js';
import { blastRadiusSection } from './blast-radius-section.js';
import { capacitySection } from './capacity-section.js';
import { comparisonSection } from './comparison.js';
import { runtimesSection } from './runtimes-section.js';
import { probeSection, probeVerdict } from './probe-section.js';
import { reproduce } from './reproduce.js';
import { recommend } from './recommendation.js';
import { costSide, engineCosts } from './costs.js';
import { SERVER_ENGINE_NAMES } from '../core/engines.js';
import type { ReportInputs } from './report-inputs.js';
import { SCHEME_ROWS } from './scheme-rows.js';
import { microFiguresTable } from './micro-figures-table.js';
import { UNSTABLE_LIMIT } from '../core/repeats.js';


function envLine(label: string, file: string, e: EnvFingerprint, serverRuntime?: RuntimeInfo): string {
  // load --runtime: the servers ran on another Node than the one env names (the load generator's)
  const servers = serverRuntime ? `reference servers on Node ${serverRuntime.version} (${serverRuntime.cryptoBackend}), load generator on ` : '';
  return `${label} (${file}): ${e.cpuModel}, ${e.cores} cores, ${e.totalMemoryBytes === undefined ? '?' : (e.totalMemoryBytes / 2 ** 30).toFixed(0)} GiB, ${e.os} ${e.arch ?? '?'}; ${servers}Node ${e.node}, OpenSSL ${e.openssl}; `
    + `${Object.entries(e.libraries).map(([k, v]) => `${k} ${v ?? '?'}`).join(', ')}; UV_THREADPOOL_SIZE ${e.uvThreadpoolSize}${e.uvThreadpoolSizeFromEnv ? ' (set)' : ' (default)'}; `
    + `${e.execArgv && e.execArgv.length > 0 ? `node flags ${e.execArgv.join(' ')}; ` : ''}`
    + `commit ${e.gitCommit ?? 'unknown'}${e.gitDirty ? ' (uncommitted changes)' : ''}; ${e.startedAt} to ${e.endedAt}`;
}

/** One point per scheme × engine measured. */
function decisionPoints(inputs: ReportInputs, radii: SchemeRadius[]): DecisionPoint[] {
  const { micro, load } = inputs;
  return SCHEME_ROWS.flatMap((row) => SERVER_ENGINE_NAMES.flatMap((engine) => {
    const radius = radii.find((r) => r.scheme === row.key)!;
    const verifyUs = load ? loadFigure(load.doc, 'verify', row.load, (r) => r.serverVerifyUs?.p50, engine) : null;
    const rpsVsHs = load ? loadFigure(load.doc, 'verify', row.load, (r) => r.relative.requestsPerSecVsHs256, engine) : null;
    // One source for every point's cost, so the axis measures one thing: micro verify time when
    // the run has micro figures, else the load run's throughput ratio (it mixed the two before).
    const costSource = micro ? 'micro' as const : 'load' as const;
    const microCost = micro ? microCostVsHs256(micro.doc, { alg: row.alg, keyBits: row.keyBits, op: 'verify', engine }) : null;
    const cost = costSource === 'micro' ? microCost : rpsVsHs !== null && rpsVsHs > 0 ? 1 / rpsVsHs : null;
    if (verifyUs === null && cost === null) return [];
    // Uncertainty where the run has it: the spread of several load repeats, or the micro ratio's interval.
    const runs = load ? loadRuns(load.doc, 'verify', row.load, engine) : [];
    const spread = (xs: (number | null | undefined)[]): [number, number] | null => {
      const ok = xs.filter((v): v is number => typeof v === 'number' && v > 0);
      return ok.length > 1 ? [Math.min(...ok), Math.max(...ok)] : null;
    };
    const verifyUsRange = spread(runs.map((r) => r.serverVerifyUs?.p50));
    const costRange = costSource === 'micro' ? microCostVsHs256Interval(micro!.doc, { alg: row.alg, keyBits: row.keyBits, op: 'verify', engine })
      : spread(runs.map((r) => (r.relative.requestsPerSecVsHs256 ? 1 / r.relative.requestsPerSecVsHs256 : null)));
    return [{ scheme: row.key, engine, label: row.label, verifyUs, verifyUsRange, throughputCostVsHs256: cost, costRange, costSource, forgeablePairs: radius.figures.forgeablePairs, mintingHolders: radius.figures.mintingHolders }];
  }));
}

/** The algorithm's cost apart from the library's: one row per token scheme × engine measured. */
function costsTable(inputs: ReportInputs): Block | null {
  const costs = engineCosts(inputs.micro?.doc ?? null, inputs.load?.doc ?? null);
  if (costs.length === 0) return null;
  return table(['scheme', 'engine', 'cost', 'micro verify p50', 'vs HS256 (micro)', 'server req/s', 'vs baseline', 'vs HS256 (server)', 'server verify p50', 'token bytes (micro)', 'Authorization header bytes'],
    costs.map((c) => [
      c.row.label, c.engine, costSide(c.engine), fmt(c.microVerifyUs, 1, ' µs'), timesWithInterval(c.microVerifyVsHs256 === null || c.microVerifyVsHs256Interval === null ? null : { value: c.microVerifyVsHs256, interval: c.microVerifyVsHs256Interval }), fmt(c.serverRequestsPerSec),
      percent(c.serverVsBaseline), percent(c.serverVsHs256), fmt(c.serverVerifyP50Us, 0, ' µs'), fmt(c.tokenBytes), fmt(c.authorizationHeaderBytes),
    ]));
}

function summaryTable(inputs: ReportInputs, radii: SchemeRadius[]): Block {
  const { micro, load } = inputs;
  const rows = SCHEME_ROWS.map((row) => {
    const f = radii.find((r) => r.scheme === row.key)!.figures;
    const pick = { alg: row.alg, keyBits: row.keyBits };
    // jose's figures; where jose did not run the algorithm here (ML-DSA before Node 24.7), the engine that did, named.
    const engine = micro ? quotedEngine(micro.doc, { ...pick, op: 'verify' }) : 'jose';
    const on = (text: string, e: string | undefined) => (e === undefined || e === 'jose' || text === 'not measured' ? text : `${text} (${e})`);
    const loadEngine = load ? loadEngineOf(load.doc, row.load) : undefined;
    return [
      row.label,
      micro ? on(opsWithReach(microFigure(micro.doc, { ...pick, op: 'sign', engine })), engine) : 'not measured',
      micro ? on(opsWithReach(microFigure(micro.doc, { ...pick, op: 'verify', engine })), engine) : 'not measured',
      micro ? on(timesWithInterval(microFigure(micro.doc, { ...pick, op: 'verify', engine })?.costVsHs256 ?? null), engine) : 'not measured',
      load ? on(fmt(loadFigure(load.doc, 'verify', row.load, (r) => r.serverVerifyUs?.p50, loadEngine), 0, ' µs'), loadEngine) : 'not measured',
      load ? on(percent(loadFigure(load.doc, 'verify', row.load, (r) => r.relative.requestsPerSecVsHs256, loadEngine)), loadEngine) : 'not measured',
      String(f.mintingHolders), String(f.mintingHoldersExternal), String(f.forgeablePairs), String(f.rotationTouches),
    ];
  });
  return table(['scheme', 'jose sign ops/s', 'jose verify ops/s', 'verify cost vs HS256', 'server verify p50', 'server req/s vs HS256',
    'minting holders', 'of them external', 'forgeable pairs', 'rotation touches'], rows);
}

export function buildReport(inputs: ReportInputs): { title: string; blocks: Block[] } {
  const { micro, load, probe, topology } = inputs;
  const radii = schemeRadii(topology.topology);
  const blocks: Block[] = [];
  const title = 'jwtbench decision report: what JWT signing costs in speed and risks in trust';
  blocks.push(h(1, title));
  const files = [...inputs.groups.flatMap((g) => [...(g.micro?.sources ?? []), ...(g.load?.sources ?? [])].map((s) => s.file)), ...(inputs.instructions ? [inputs.instructions.file] : [])];
  blocks.push(p(`Built from ${[...files, probe?.file].filter(Boolean).join(', ')} and ${topology.source} (topology "${topology.topology.name}", ${topology.topology.services.length} services). Every figure below was measured in those runs or derived from that topology.`));

  blocks.push(h(2, 'Summary'));
  blocks.push(summaryTable(inputs, radii));
  blocks.push(p('Library figures are jose with prepared keys, one thread; server figures are the verify scenario of the load run at its lowest connection count, on jose. Library figures carry how far their interval reaches (±) and the cost its interval; † marks a figure the run found unstable (the reasons are under Microbenchmarks). A figure followed by an engine in parentheses is the figure of that engine, where jose did not run the algorithm here (ML-DSA before Node 24.7; noble-pq runs no HS256, so its cost against HS256 is not measured). Rows marked "not measured" were not part of these runs.'));
  const costs = costsTable(inputs);
  if (costs) {
    blocks.push(h(3, "The algorithm's cost apart from the library's"));
    blocks.push(p('"the algorithm": the node engine, a compact JWS on node:crypto with keys prepared once, which does nothing a JWT verifier could skip; "with your library": the same work through jose or fast-jwt. Every server engine enforces one verification policy (docs/servers.md), so the difference is the library. "vs HS256" compares with HS256 on the same engine.'));
    blocks.push(costs);
  }
  blocks.push(h(2, 'Recommendation'));
  for (const line of recommend(micro?.doc ?? null, load?.doc ?? null, radii).lines) blocks.push(p(line));
  if (probe) {
    // A forgeable verifier outweighs any difference between algorithms, so it leads here too.
    const forgeable = probe.doc.summary.forgeries > 0;
    blocks.push(p(`Verifier audit of ${probe.doc.config.target}: ${probeVerdict(probe.doc).replace(/^Verdict: /, '')}${forgeable ? ' Fix that verifier first: while it accepts forged tokens, no signing algorithm protects it.' : ''}`));
  }

  blocks.push(...comparisonSection(inputs.groups, radii));
  blocks.push(...runtimesSection(inputs.groups));

  const chart = (id: string, title: string, caption: string, spec: ReturnType<typeof throughputChart>) => {
    if (spec) blocks.push({ kind: 'chart', id, title, caption, spec });
  };
  blocks.push(h(2, 'The decision'));
  chart('decision', 'Overhead against blast radius', 'Each scheme, on each engine measured, by its measured verification cost and by how many (compromised, victim) pairs are forgeable in this topology. The node panel is the algorithm; the others add their library.', decisionChart(decisionPoints(inputs, radii)));
  blocks.push(...blastRadiusSection(inputs, radii));

  if (micro) {
    blocks.push(h(2, 'Microbenchmarks'));
    chart('throughput', 'Sign and verify throughput', 'Operations per second per algorithm and engine (log scale); node:crypto is the floor: what the algorithm itself costs.', throughputChart(micro.doc));
    chart('overhead', 'Cost relative to HS256', 'Time per operation relative to HS256 with the same engine and operation (log scale).', overheadChart(micro.doc));
    chart('latency', 'Latency distribution', 'p50 to p99.9 per case, so tail latency shows, not only means.', latencyChart(micro.doc));
    chart('scaling', 'Thread scaling', 'Scaling efficiency per algorithm and thread count: throughput at k threads against k times the 1-thread throughput.', scalingChart(micro.doc));
    const figures = microFiguresTable(micro.doc);
    if (figures) {
      blocks.push(h(3, 'Every figure with its interval'));
      blocks.push(p(`ops/s at the median time per operation, the median of the case's repeats; the interval is where another run's median should fall (order statistics of the repeats, widened by √2: docs/statistics.md), and "±" how far it reaches. "time vs HS256" is time per operation relative to HS256 on the same engine, paired round by round, with its interval. A figure is unstable when its interval reaches past ±${UNSTABLE_LIMIT * 100}% or its floor siblings disagree (${figures.unstable} of ${figures.total} here); read those with care.`));
      blocks.push(figures.table);
    }
  }
  blocks.push(...instructionsSection(inputs.instructions, micro?.doc ?? null));
  blocks.push(...postQuantumSection(micro?.doc ?? null, load?.doc ?? null));
  if (load) {
    blocks.push(h(2, 'Server load'));
    chart('load', 'Reference servers under load', 'Requests per second and latency per scheme and engine against the no-auth baseline (node = the algorithm on node:crypto; jose, fast-jwt = with that library); server-side verify time in µs. Client-bound runs are marked.', loadChart(load.doc));
    const targets = load.doc.runs.filter((r) => r.target);
    if (targets.length > 0) {
      const origins = [...new Set(targets.map((r) => `${r.target!.origin}${r.target!.path}`))].join(', ');
      const clients = [...new Set(targets.map((r) => r.client ?? 'autocannon'))].join(' and ');
      blocks.push(p(`The target panel is your own service (${origins}), loaded with ${clients}: client-side figures only, with no server µs (jwtbench cannot see inside it). Its baseline bar, when present, is the same service's --compare-url endpoint without a token.`));
    }
    chart('rotation', 'Rotation and outage', 'Valid requests rejected per second under staged and immediate key rotation; held-key failures and JWKS fetches during an issuer outage.', rotationChart(load.doc));
  }
  blocks.push(...capacitySection(inputs));
  if (probe) blocks.push(...probeSection(probe));

  const erroredCases = micro?.doc.cases.filter((c) => c.state === 'errored') ?? [];
  const erroredRuns = load?.doc.runs.filter((r) => r.state === 'errored') ?? [];
  if (erroredCases.length + erroredRuns.length > 0) {
    blocks.push(h(2, 'What failed'));
    blocks.push(list([
      ...erroredCases.map((c) => `${c.id} (${c.state === 'errored' ? `${c.stage}: ${c.error}` : ''})`),
      ...erroredRuns.map((r) => `load ${r.scenario} ${r.scheme}${r.engine ? ` ${r.engine}` : ''}${r.policy ? ` ${r.policy}` : ''}: ${r.state === 'errored' ? r.error : ''}`),
    ]));
  }

  blocks.push(h(2, 'Environment'));
  const on = (label: string) => (inputs.groups.length > 1 ? ` on ${label}` : '');
  blocks.push(list([
    ...inputs.groups.flatMap((g) => [
      ...(g.micro?.sources ?? []).map((s) => envLine(`micro${on(g.label)}`, s.file, s.doc.env)),
      ...(g.load?.sources ?? []).map((s) => envLine(`load${on(g.label)}`, s.file, s.doc.env, s.doc.config.serverRuntime)),
    ]),
    ...(probe ? [envLine('probe', probe.file, probe.doc.env)] : []),
  ]));
  const again = reproduce(inputs);
  blocks.push(h(2, 'Reproduce this report'));
  blocks.push(p('The commands that measure these runs again and rebuild this report (decision.md beside this page holds the same), and the compare command that tells a regression from noise against them:'));
  blocks.push({ kind: 'code', text: again.lines.join('\n') });
  blocks.push({ kind: 'code', text: again.compare.join('\n') });
  blocks.push(h(2, 'Methodology and caveats'));
  const clientBound = load?.doc.runs.filter((r) => r.state === 'completed' && r.clientBound).length ?? 0;
  const cores = micro?.doc.env.cores ?? load?.doc.env.cores;
  blocks.push(list([
    'Microbenchmarks: tinybench inside piscina worker threads; each case was checked for correctness (its tokens verify with the other engines, carry the right alg, and a flipped signature bit is rejected) before it was timed. A case\'s figure is the median over interleaved repeats of its rate at the median time per operation, with an interval from the spread between repeats (docs/statistics.md).',
    ...(micro ? [microPlacement(micro.doc)] : []),
    `Machine size: ${cores ?? 'unknown'} cores. Absolute figures are this machine's; the ratios are what carries over.`,
    load?.doc.config.serverCpus || load?.doc.config.clientCpus
      ? `Load tests: client (autocannon) and servers ran as separate processes on the same machine over loopback, the servers on CPU ${load.doc.config.serverCpus?.join(',') ?? 'any'} and the client on CPU ${load.doc.config.clientCpus?.join(',') ?? 'any'} (taskset); server-side verify times are measured inside the server around the verify call.`
      : 'Load tests: client (autocannon) and servers ran as separate processes on the same machine over loopback, so they competed for the same cores; server-side verify times are measured inside the server around the verify call.',
    ...(load?.doc.runs.some((r) => r.target) ? ['Target runs load a service you run, from autocannon on this machine or Artillery workers (an imported report): client-side figures only; where the load generator ran and what else shared its machine is not known to this report. Artillery reports carry no client CPU, so those runs cannot be flagged client-bound.'] : []),
    load ? `${clientBound} load run${clientBound === 1 ? ' was' : 's were'} client-bound (the load generator saturated its core while the server did not); their request rates are a floor on the server's capacity, not a measurement of it.` : 'No load run was given, so server-side figures are not shown.',
    'The blast radius is a model of who holds minting material under each scheme for the given topology; it does not measure anything.',
  ]));
  return { title, blocks };
}

/** Where a micro run's threads ran: what jose's figures depend on most (docs/statistics.md). */
function microPlacement(doc: MicroDocument): string {
  const { pinnedByThreads, pinnedCpu } = doc.config;
  if (pinnedByThreads) return `Microbenchmarks ran each thread count in its own processes pinned to as many CPUs (${describePlacement(pinnedByThreads)}): scaling is k threads on k CPUs against 1 on 1.`;
  if (pinnedCpu !== undefined) return `Microbenchmarks ran pinned to CPU ${pinnedCpu} (taskset), so jose's hops to libuv's threadpool stayed on one CPU.`;
  if (doc.env.usableCores === 1 && doc.env.cores > 1) return `Microbenchmarks ran on one CPU of ${doc.env.cores} (pinned from outside).`;
  return 'Microbenchmarks ran unpinned: jose\'s figures then depend on where the OS put its threads and vary more between runs (docs/statistics.md).';
}
