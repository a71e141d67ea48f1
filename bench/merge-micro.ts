// Several micro runs of one side as one document: each run's processes are renumbered so
// they stay apart, because compare treats the process as its unit of repetition.
import { JwtbenchError } from '../core/errors.js';
import type { CompletedCase, MicroCase, MicroDocument } from '../core/results/micro.js';
import { caseFigures } from '../core/repeats.js';

/** The highest process number a run used; runs of one process leave it unset. */
const processesIn = (doc: MicroDocument) => Math.max(doc.config.processes ?? 1, ...doc.cases.map((c) => c.process ?? 1));

export function mergeMicroRuns(docs: readonly MicroDocument[]): MicroDocument {
  const [first] = docs;
  if (!first) throw new Error('mergeMicroRuns needs at least one run');
  if (docs.length === 1) return first;
  // Counts and timings are different quantities: one side holds one of them.
  if (new Set(docs.map((d) => d.config.measure ?? 'time')).size > 1) throw new JwtbenchError('JWTBENCH_BAD_RESULTS', 'a side mixes runs that measured time with runs that counted instructions');
  const cases: MicroCase[] = [];
  let offset = 0;
  for (const doc of docs) {
    for (const c of doc.cases) cases.push({ ...c, process: offset + (c.process ?? 1) });
    offset += processesIn(doc);
  }
  const times = docs.map((d) => d.env);
  const startedAt = times.map((e) => e.startedAt).sort()[0]!;
  const endedAt = times.map((e) => e.endedAt).sort().at(-1)!;
  const figures = caseFigures(cases.filter((c): c is CompletedCase => c.state === 'completed'));
  return { ...first, env: { ...first.env, startedAt, endedAt }, config: { ...first.config, processes: offset }, cases, figures };
}
