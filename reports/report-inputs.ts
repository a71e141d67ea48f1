// What a report is built from: results files found among the paths the user gives, grouped
// by the environment that measured them, and a topology.
import type { LoadDocument } from '../core/results/load.js';
import type { MicroDocument } from '../core/results/micro.js';
import { JwtbenchError } from '../core/errors.js';
import { readResults } from '../core/results/results-file.js';
import type { ProbeDocument } from '../core/results/probe.js';
import type { RadiusDocument } from '../core/results/radius.js';
import { DEFAULT_TOPOLOGY, readTopology, validateTopology } from './blast-radius/topology.js';
import type { Topology } from './blast-radius/types.js';
import { collectResultsFiles } from './inputs/collect.js';
import { groupRuns, type Label, type RunGroup } from './inputs/group-runs.js';
import type { Source } from './inputs/merge.js';

export interface ReportOptions {
  labels: Label[];
  /** request rates the capacity section answers for */
  targetRps: number[];
  /** what one core costs a month, in the user's currency; null: cores only */
  coreCostPerMonth: number | null;
}

export const DEFAULT_TARGET_RPS = [1_000, 10_000, 100_000] as const;

export interface ReportInputs {
  /** the first environment's micro runs, merged: what the single-run sections show */
  micro: { doc: MicroDocument; file: string } | null;
  load: { doc: LoadDocument; file: string } | null;
  /** the first instruction-count micro run (micro --measure instructions): its own section, never merged with timed runs */
  instructions: { doc: MicroDocument; file: string } | null;
  /** a `jwtbench probe` audit of a verifier, shown beside the measured costs */
  probe: { doc: ProbeDocument; file: string } | null;
  topology: { topology: Topology; source: string };
  /** a `jwtbench radius` results file: its topology is the report's (and, when derived, what was found) */
  radius: { doc: RadiusDocument; file: string } | null;
  /** every environment, in the order its first file was given; more than one adds the comparison */
  groups: RunGroup[];
  options: ReportOptions;
}

export async function loadReportInputs(paths: string[], topologyPath?: string, options: Partial<ReportOptions> = {}): Promise<ReportInputs> {
  const files = await collectResultsFiles(paths);
  if (files.length === 0) throw new JwtbenchError('JWTBENCH_BAD_RESULTS', `no micro.json or load.json found in ${paths.join(', ')}`);
  const micro: Source<MicroDocument>[] = [];
  const load: Source<LoadDocument>[] = [];
  let probe: ReportInputs['probe'] = null;
  let instructions: ReportInputs['instructions'] = null;
  let radius: ReportInputs['radius'] = null;
  for (const { file, kind } of files) {
    if (kind === 'micro') {
      const doc = await readResults('micro', file);
      // Counts and times are different quantities: a counted run is never pooled with timed ones.
      if (doc.config.measure === 'instructions') instructions ??= { doc, file };
      else micro.push({ doc, file });
    }
    else if (kind === 'load') load.push({ doc: await readResults('load', file), file });
    else if (kind === 'radius') {
      if (radius) throw new JwtbenchError('JWTBENCH_BAD_RESULTS', `two radius results files given (${radius.file} and ${file}); a report reads one topology`);
      if (topologyPath !== undefined) throw new JwtbenchError('JWTBENCH_BAD_RESULTS', `${file} carries its topology; give it or --topology ${topologyPath}, not both`);
      radius = { doc: await readResults('radius', file), file };
    }    else if (probe) throw new JwtbenchError('JWTBENCH_BAD_RESULTS', `two probe results files given (${probe.file} and ${file}); a report reads one`);
    else probe = { doc: await readResults('probe', file), file };
  }
  // The report weighs measured costs against trust; an audit alone has no cost side to weigh.
  if (micro.length === 0 && load.length === 0 && instructions === null) {
    throw new JwtbenchError('JWTBENCH_BAD_RESULTS', `no micro.json or load.json found in ${paths.join(', ')}; a probe results file (${probe?.file}) is reported alongside a micro or load run`);
  }
  const opts: ReportOptions = { labels: options.labels ?? [], targetRps: options.targetRps ?? [...DEFAULT_TARGET_RPS], coreCostPerMonth: options.coreCostPerMonth ?? null };
  const groups = groupRuns(micro, load, opts.labels);
  // The single-run sections show the first environment that has each kind of run.
  const firstMicro = groups.find((g) => g.micro)?.micro;
  const firstLoad = groups.find((g) => g.load)?.load;
  return {
    micro: firstMicro ? { doc: firstMicro.doc, file: firstMicro.sources.map((s) => s.file).join(', ') } : null,
    load: firstLoad ? { doc: firstLoad.doc, file: firstLoad.sources.map((s) => s.file).join(', ') } : null,
    instructions,
    probe,
    topology: radius !== null
      ? { topology: validateTopology(radius.doc.topology, radius.file), source: `${radius.file} (from ${radius.doc.source})` }
      : topologyPath === undefined
        ? { topology: DEFAULT_TOPOLOGY, source: 'the default topology (reports/blast-radius/default-topology.json)' }
        : { topology: await readTopology(topologyPath), source: topologyPath },
    radius,
    groups,
    options: opts,
  };
}
