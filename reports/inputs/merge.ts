// Several runs of one environment as one document: micro cases and load runs side by side.
// The same case twice is dropped when its figures agree (a file given twice) and refused when
// they differ: picking one silently would decide the report by the order of the arguments.
import type { LoadDocument, LoadRun } from '../../core/results/load.js';
import type { MicroCase, MicroDocument } from '../../core/results/micro.js';
import type { EnvFingerprint } from '../../core/results/env.js';
import { JwtbenchError } from '../../core/errors.js';

export interface Source<D> {
  file: string;
  doc: D;
}

const union = <T>(lists: readonly (readonly T[])[]): T[] => [...new Set(lists.flat())];

function mergedEnv(envs: EnvFingerprint[]): EnvFingerprint {
  return {
    ...envs[0]!,
    startedAt: envs.map((e) => e.startedAt).sort()[0]!,
    endedAt: envs.map((e) => e.endedAt).sort().at(-1)!,
  };
}

/** Items of every source, each identity once; a second one with other figures is an error naming both files. */
function dedupe<T>(sources: Source<readonly T[]>[], identity: (x: T) => string, figures: (x: T) => string, what: (x: T) => string, envLabel: string): T[] {
  const kept = new Map<string, { item: T; file: string }>();
  for (const { file, doc: items } of sources) {
    for (const item of items) {
      const key = identity(item);
      const before = kept.get(key);
      if (!before) kept.set(key, { item, file });
      else if (figures(before.item) !== figures(item)) {
        throw new JwtbenchError('JWTBENCH_BAD_RESULTS',
          `${before.file} and ${file} both hold ${what(item)} from one environment (${envLabel}) with different figures; give only one of them (jwtbench compare weighs two runs of one machine)`);
      }
    }
  }
  return [...kept.values()].map((k) => k.item);
}

const microIdentity = (c: MicroCase) => `${c.id}|${c.repeat}|${c.process ?? 1}`;
const microFigures = (c: MicroCase) => (c.state === 'completed' ? `${c.opsPerSec}|${c.latencyNs.mean}` : c.state === 'counted' ? `counted|${c.instructionsPerOp}` : c.state === 'errored' ? `${c.stage}|${c.error}` : `skipped|${c.reason}`);

export function mergeMicro(sources: Source<MicroDocument>[], envLabel: string): MicroDocument {
  const first = sources[0]!.doc;
  if (sources.length === 1) return first;
  const docs = sources.map((s) => s.doc);
  const cases = dedupe(sources.map((s) => ({ file: s.file, doc: s.doc.cases })), microIdentity, microFigures,
    (c) => `micro case ${c.id} repeat ${c.repeat}${c.process === undefined ? '' : ` process ${c.process}`}`, envLabel);
  const m = docs.map((d) => d.config.matrix);
  const matrix = {
    algs: union(m.map((x) => x.algs)), rsaBits: union(m.map((x) => x.rsaBits)), ops: union(m.map((x) => x.ops)), engines: union(m.map((x) => x.engines)),
    keyPreps: union(m.map((x) => x.keyPreps)), payloads: union(m.map((x) => x.payloads)), threads: union(m.map((x) => x.threads)).sort((a, b) => a - b),
  };
  const presets = new Set(docs.map((d) => d.config.preset));
  return { ...first, env: mergedEnv(docs.map((d) => d.env)), config: { ...first.config, preset: presets.size === 1 ? first.config.preset : null, matrix }, cases };
}

// The engine and the target are part of a run's identity: a jose-only and a node-only run of one machine merge.
const loadIdentity = (r: LoadRun) => `${r.scenario}|${r.scheme}|${r.engine ?? ''}|${r.target ? `${r.target.origin}${r.target.path}` : ''}|${r.policy ?? ''}|${r.connections}|${r.repeat}`;
const loadFigures = (r: LoadRun) => (r.state === 'completed' ? `${r.requests}|${r.requestsPerSec}` : r.error);

export function mergeLoad(sources: Source<LoadDocument>[], envLabel: string): LoadDocument {
  const first = sources[0]!.doc;
  if (sources.length === 1) return first;
  const docs = sources.map((s) => s.doc);
  const runs = dedupe(sources.map((s) => ({ file: s.file, doc: s.doc.runs })), loadIdentity, loadFigures,
    (r) => `load run ${r.scenario} ${r.scheme}${r.engine ? ` ${r.engine}` : ''}${r.target ? ` ${r.target.origin}${r.target.path}` : ''}${r.policy ? ` ${r.policy}` : ''} at ${r.connections} connections repeat ${r.repeat}`, envLabel);
  const c = docs.map((d) => d.config);
  const presets = new Set(c.map((x) => x.preset));
  return {
    ...first,
    env: mergedEnv(docs.map((d) => d.env)),
    config: {
      ...first.config, preset: presets.size === 1 ? first.config.preset : null,
      scenarios: union(c.map((x) => x.scenarios)), schemes: union(c.map((x) => x.schemes)), engines: union(c.map((x) => x.engines)), connections: union(c.map((x) => x.connections)).sort((a, b) => a - b),
    },
    runs,
  };
}
