// What a report is built from: results files found among the paths the user gives, and a topology.
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { LoadDocument } from '../core/results/load.js';
import type { MicroDocument } from '../core/results/micro.js';
import { JwtbenchError, errorMessage } from '../core/errors.js';
import { readResults, type ResultsKind } from '../core/results/results-file.js';
import type { ProbeDocument } from '../core/results/probe.js';
import { DEFAULT_TOPOLOGY, readTopology } from './blast-radius/topology.js';
import type { Topology } from './blast-radius/types.js';

export interface ReportInputs {
  micro: { doc: MicroDocument; file: string } | null;
  load: { doc: LoadDocument; file: string } | null;
  /** a `jwtbench probe` audit of a verifier, shown beside the measured costs */
  probe: { doc: ProbeDocument; file: string } | null;
  topology: { topology: Topology; source: string };
}

const KNOWN_FILES = { 'micro.json': 'micro', 'load.json': 'load', 'probe.json': 'probe' } as const satisfies Record<string, ResultsKind>;

/** Files named on the command line, or micro.json / load.json / probe.json inside directories named there. */
async function expand(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    let isDir: boolean;
    try {
      isDir = (await stat(path)).isDirectory();
    } catch (error) {
      throw new JwtbenchError('JWTBENCH_BAD_RESULTS', `${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? errorMessage(error)})`);
    }
    if (!isDir) files.push(path);
    else files.push(...(await readdir(path)).filter((f) => f in KNOWN_FILES).map((f) => join(path, f)));
  }
  return files;
}

async function kindOf(file: string): Promise<ResultsKind> {
  const base = file.split('/').pop()!;
  if (base in KNOWN_FILES) return KNOWN_FILES[base as keyof typeof KNOWN_FILES];
  try {
    const kind = (JSON.parse(await readFile(file, 'utf8')) as { kind?: unknown }).kind;
    if (kind === 'micro' || kind === 'load' || kind === 'probe') return kind;
  } catch { /* readResults below gives the precise error */ }
  throw new JwtbenchError('JWTBENCH_BAD_RESULTS', `${file}: not a micro, load or probe results document`);
}

export async function loadReportInputs(paths: string[], topologyPath?: string): Promise<ReportInputs> {
  const files = await expand(paths);
  if (files.length === 0) throw new JwtbenchError('JWTBENCH_BAD_RESULTS', `no micro.json or load.json found in ${paths.join(', ')}`);
  const inputs: ReportInputs = { micro: null, load: null, probe: null, topology: { topology: DEFAULT_TOPOLOGY, source: 'the default topology (reports/blast-radius/default-topology.json)' } };
  for (const file of files) {
    const kind = await kindOf(file);
    if (inputs[kind]) throw new JwtbenchError('JWTBENCH_BAD_RESULTS', `two ${kind} results files given (${inputs[kind]!.file} and ${file}); a report reads one of each`);
    if (kind === 'micro') inputs.micro = { doc: await readResults('micro', file), file };
    else if (kind === 'load') inputs.load = { doc: await readResults('load', file), file };
    else inputs.probe = { doc: await readResults('probe', file), file };
  }
  // The report weighs measured costs against trust; an audit alone has no cost side to weigh.
  if (!inputs.micro && !inputs.load) {
    throw new JwtbenchError('JWTBENCH_BAD_RESULTS', `no micro.json or load.json found in ${paths.join(', ')}; a probe results file (${inputs.probe?.file}) is reported alongside a micro or load run`);
  }
  if (topologyPath !== undefined) inputs.topology = { topology: await readTopology(topologyPath), source: topologyPath };
  return inputs;
}
