// Runs grouped by the environment that measured them, each group labelled: by --label
// <file>=<name> for a file in it, or by its environment.
import { resolve } from 'node:path';
import type { LoadDocument } from '../../core/results/load.js';
import type { MicroDocument } from '../../core/results/micro.js';
import type { EnvFingerprint } from '../../core/results/env.js';
import { JwtbenchError } from '../../core/errors.js';
import { defaultLabel, environmentKey, longLabel } from './environment.js';
import { mergeLoad, mergeMicro, type Source } from './merge.js';

export interface RunGroup {
  label: string;
  env: EnvFingerprint;
  micro: { doc: MicroDocument; sources: Source<MicroDocument>[] } | null;
  load: { doc: LoadDocument; sources: Source<LoadDocument>[] } | null;
}

export interface Label {
  file: string;
  name: string;
}

/** `<file>=<name>`: the file as given to report (or any path to it). */
export function parseLabel(raw: string): Label {
  const at = raw.lastIndexOf('=');
  const file = raw.slice(0, at).trim();
  const name = raw.slice(at + 1).trim();
  if (at < 0 || file === '' || name === '') throw new JwtbenchError('JWTBENCH_BAD_FLAG', `--label must be <file>=<name> (got ${JSON.stringify(raw)})`);
  return { file, name };
}

/** A label names a results file, or a directory that holds one. */
function labelMatches(label: Label, file: string): boolean {
  const target = resolve(label.file);
  const path = resolve(file);
  return path === target || path.startsWith(`${target}/`);
}

/**
 * A load run's environment as its servers saw it: with load --runtime node@24 the servers ran on
 * that Node (the load generator on the host), so the run belongs with Node 24's micro runs.
 */
export function serversEnv(doc: LoadDocument): EnvFingerprint {
  const r = doc.config.serverRuntime;
  if (!r) return doc.env;
  return { ...doc.env, node: r.version, openssl: r.cryptoBackend.replace(/^OpenSSL /, ''), runtime: r };
}

export function groupRuns(micro: Source<MicroDocument>[], load: Source<LoadDocument>[], labels: Label[]): RunGroup[] {
  const byEnv = new Map<string, { env: EnvFingerprint; micro: Source<MicroDocument>[]; load: Source<LoadDocument>[] }>();
  const add = (env: EnvFingerprint) => {
    const key = environmentKey(env);
    if (!byEnv.has(key)) byEnv.set(key, { env, micro: [], load: [] });
    return byEnv.get(key)!;
  };
  for (const s of micro) add(s.doc.env).micro.push(s);
  for (const s of load) add(serversEnv(s.doc)).load.push(s);

  for (const label of labels) {
    if (![...micro, ...load].some((s) => labelMatches(label, s.file))) {
      throw new JwtbenchError('JWTBENCH_BAD_FLAG', `--label ${label.file}=${label.name} names no micro or load file given to report`);
    }
  }
  const groups = [...byEnv.values()];
  const named = groups.map((g) => {
    const files = [...g.micro, ...g.load].map((s) => s.file);
    const names = [...new Set(labels.filter((l) => files.some((f) => labelMatches(l, f))).map((l) => l.name))];
    if (names.length > 1) throw new JwtbenchError('JWTBENCH_BAD_FLAG', `--label gives one environment two names (${names.join(', ')}); its files are ${files.join(', ')}`);
    return names[0];
  });
  const defaults = groups.map((g) => defaultLabel(g.env));
  const labelled = groups.map((g, i) => named[i] ?? (defaults.filter((d) => d === defaults[i]).length > 1 ? longLabel(g.env) : defaults[i]!));
  const twice = labelled.find((l, i) => labelled.indexOf(l) !== i);
  if (twice !== undefined) throw new JwtbenchError('JWTBENCH_BAD_FLAG', `--label gives two environments one name (${twice}); name each machine differently`);
  return groups.map((g, i) => {
    const label = labelled[i]!;
    return {
      label,
      env: g.env,
      micro: g.micro.length ? { doc: mergeMicro(g.micro, label), sources: g.micro } : null,
      load: g.load.length ? { doc: mergeLoad(g.load, label), sources: g.load } : null,
    };
  });
}
