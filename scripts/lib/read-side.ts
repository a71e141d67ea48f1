// One side of a comparison read from disk: a results file, a run directory, or a directory of
// run directories (the workflow's interleaved processes), pooled into one run of that side.
import { dirname } from 'node:path';
import { envMismatches } from '../../bench/compare/compare.js';
import { mergeMicroRuns } from '../../bench/merge-micro.js';
import { badFlag } from '../../core/errors.js';
import type { LoadDocument } from '../../core/results/load.js';
import type { MicroDocument } from '../../core/results/micro.js';
import { readResultsOfKinds } from '../../core/results/results-file.js';
import { runFiles } from './run-files.js';

export interface Run {
  micro: MicroDocument | null;
  load: LoadDocument | null;
  /** the micro runs pooled into `micro`, each under its file's directory */
  microRuns: { label: string; doc: MicroDocument }[];
}

/** Several runs of one side (the workflow's interleaved processes) must come from one machine. */
function sameMachine<T extends { env: MicroDocument['env'] }>(flag: string, docs: T[]): T[] {
  for (const doc of docs.slice(1)) {
    const mismatch = envMismatches(docs[0]!.env, doc.env);
    if (mismatch.length > 0) throw badFlag(flag, `holds runs from different machines: ${mismatch.join(', ')}`);
  }
  return docs;
}

export async function readRun(flag: string, path: string): Promise<Run> {
  let files: string[];
  try {
    files = await runFiles(path);
  } catch (error) {
    throw badFlag(flag, `${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const microRuns: Run['microRuns'] = [];
  const load: LoadDocument[] = [];
  for (const file of files) {
    // by the file's kind, not its name: a load run saved as baseline.json is still a load run
    const read = await readResultsOfKinds(file, ['micro', 'load'] as const);
    if (read.kind === 'load') load.push(read.doc);
    else microRuns.push({ label: dirname(file), doc: read.doc });
  }
  const micro = microRuns.map((r) => r.doc);
  if (micro.length === 0 && load.length === 0) throw badFlag(flag, `${path}: holds no micro.json or load.json, directly or in its subdirectories`);
  return {
    micro: micro.length > 0 ? mergeMicroRuns(sameMachine(flag, micro)) : null,
    load: load.length > 0 ? { ...sameMachine(flag, load)[0]!, runs: load.flatMap((d) => d.runs) } : null,
    microRuns,
  };
}

