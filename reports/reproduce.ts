// The exact jwtbench commands that measure a report's runs again, and the compare command
// that would catch a regression against them: in decision.md's Confirmation and on the page.
import type { LoadDocument } from '../core/results/load.js';
import type { MicroDocument } from '../core/results/micro.js';
import { defaultLabel, longLabel, runtimeWithCrypto } from './inputs/environment.js';
import type { RunGroup } from './inputs/group-runs.js';
import { DEFAULT_TARGET_RPS, type ReportInputs } from './report-inputs.js';

/** Quoted for a POSIX shell when it holds anything but plain path characters. */
const sh = (s: string): string => (/^[\w./:=,@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
const slug = (label: string): string => label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'run';

export function microCommand(doc: MicroDocument, out: string): string {
  const m = doc.config.matrix;
  const measured = <T>(get: (c: MicroDocument['cases'][number]) => T): T[] => [...new Set(doc.cases.map(get))];
  const algs = m.algs.length > 0 ? m.algs : measured((c) => c.alg);
  const flags = [
    '--algs', algs.join(','), '--rsa-bits', m.rsaBits.join(','), '--ops', m.ops.join(','), '--engines', m.engines.join(','),
    '--key-prep', m.keyPreps.join(','), '--payloads', m.payloads.join(','), '--threads', m.threads.join(','),
    '--time', String(doc.config.budget.timeMs), '--warmup', String(doc.config.budget.warmupMs), '--min-samples', String(doc.config.budget.minSamples),
    '--repeat', String(doc.config.repeat),
    ...(doc.config.processes === undefined ? [] : ['--processes', String(doc.config.processes)]),
    // Everything else the file records that decides the figures, so the command measures the same design.
    ...(doc.config.warmupRounds === undefined ? [] : ['--warmup-rounds', String(doc.config.warmupRounds)]),
    ...(doc.config.maxRepeats === undefined ? [] : ['--max-repeats', String(doc.config.maxRepeats)]),
    ...(doc.config.extraTimeMs === undefined ? [] : ['--extra-time', String(doc.config.extraTimeMs)]),
    // One CPU, as recorded; each thread count pinned apart is what the pinning presets do by default; else none.
    ...(doc.config.pinnedCpu !== undefined ? ['--pin', String(doc.config.pinnedCpu)] : doc.config.pinnedByThreads ? [] : ['--pin', 'none']),
    ...(doc.config.resolveFrom === undefined ? [] : ['--resolve-from', doc.config.resolveFrom]),
    ...(doc.config.engineModules ?? []).flatMap((e) => ['--engine-module', e.path]),
    ...(doc.config.testSlowdown === undefined ? [] : ['--test-slowdown', `${doc.config.testSlowdown.engine}:${doc.config.testSlowdown.op}:${doc.config.testSlowdown.fraction * 100}`]),
  ];
  return `jwtbench micro ${[...(doc.config.preset == null ? [] : ['--preset', doc.config.preset]), ...flags, '--out', out].map(sh).join(' ')}`;
}

export function loadCommand(doc: LoadDocument, out: string): string {
  const c = doc.config;
  const flags = [
    ...(c.preset == null ? [] : ['--preset', c.preset]),
    '--scenarios', c.scenarios.join(','), '--schemes', c.schemes.join(','),
    // the engines too: a preset's engines may not serve every scheme given (mldsa44 needs noble-pq on Node 20)
    ...(c.engines.length > 0 ? ['--engines', c.engines.join(',')] : []),
    '--connections', c.connections.join(','),
    '--duration', String(c.durationS), '--token-pool', String(c.tokenPoolSize), '--repeat', String(c.repeat), '--out', out,
  ];
  return `jwtbench load ${flags.map(sh).join(' ')}`;
}

export interface Reproduction {
  /** one line per command, comments naming the machine each runs on */
  lines: string[];
  compare: string[];
}

export function reproduce(inputs: ReportInputs): Reproduction {
  const lines: string[] = [];
  const dirs: string[] = [];
  const labels: string[] = [];
  const compare: string[] = [];
  for (const g of inputs.groups) {
    const base = `results/${slug(g.label)}`;
    const sources = [...(g.micro?.sources.map((s) => ({ kind: 'micro' as const, doc: s.doc })) ?? []), ...(g.load?.sources.map((s) => ({ kind: 'load' as const, doc: s.doc })) ?? [])];
    // micro.json and load.json can share a directory; a second run of one kind gets its own.
    const count = { micro: 0, load: 0 };
    const groupDirs: string[] = [];
    const named = g.label !== defaultLabel(g.env) && g.label !== longLabel(g.env);
    lines.push(`# on ${named ? `${g.label}: ` : ''}${g.env.cpuModel}, ${g.env.cores} cores, ${g.env.arch}, ${runtimeWithCrypto(g.env)}, jose ${g.env.libraries.jose ?? '?'} (pin with taskset -c 1 for repeatable figures)`);
    for (const s of sources) {
      const n = ++count[s.kind];
      const dir = n === 1 ? `${base}/` : `${base}-${n}/`;
      if (!groupDirs.includes(dir)) groupDirs.push(dir);
      lines.push(s.kind === 'micro' ? microCommand(s.doc as MicroDocument, dir) : loadCommand(s.doc as LoadDocument, dir));
    }
    dirs.push(...groupDirs);
    if (named) labels.push('--label', `${groupDirs[0]!}=${g.label}`);
    compare.push(...compareCommands(g, base));
  }
  const o = inputs.options;
  const report = [
    ...dirs, ...labels,
    // a radius.json carries its topology: it is given like a results file
    ...(inputs.radius ? [inputs.radius.file] : inputs.topology.source.startsWith('the default topology') ? [] : ['--topology', inputs.topology.source]),
    ...(o.targetRps.join(',') === DEFAULT_TARGET_RPS.join(',') ? [] : ['--target-rps', o.targetRps.join(',')]),
    ...(o.coreCostPerMonth === null ? [] : ['--core-cost', String(o.coreCostPerMonth)]),
  ];
  lines.push('# then, where the results directories are together:', `jwtbench report ${report.map(sh).join(' ')} --out report.html`);
  return { lines, compare };
}

function compareCommands(g: RunGroup, base: string): string[] {
  return [
    ...(g.micro ? [`jwtbench compare --baseline ${sh(`${base}/micro.json`)} --candidate <new run>/micro.json`] : []),
    ...(g.load ? [`jwtbench compare --baseline ${sh(`${base}/load.json`)} --candidate <new run>/load.json`] : []),
  ];
}
