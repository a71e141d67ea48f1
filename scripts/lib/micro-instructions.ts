// `micro --measure instructions`: the matrix's cases counted under Valgrind (bench/instructions/)
// and written as micro.json with config.measure = instructions.
import type { CaseSpec, MicroDocument, MicroMatrix } from '../../core/results/micro.js';
import type { SkippedSpec } from '../../bench/matrix.js';
import type { MicroOptions } from '../../bench/micro-options.js';
import type { CommandIO } from './command.js';
import type { Engine } from '../../bench/engines/types.js';
import { createRunProgress } from './progress.js';

export async function runInstructionCommand(options: MicroOptions, selection: { cases: CaseSpec[]; skipped: SkippedSpec[]; matrix: MicroMatrix; libraries: Record<string, string>; custom: readonly Engine[] }, outDir: string, io: CommandIO, json: boolean): Promise<MicroDocument> {
  const [{ runInstructions }, { captureEnv }, { publishResults }, { renderInstructionSummary }, { recordEngineModule }, { microDocument }] = await Promise.all([
    import('../../bench/instructions/run-instructions.js'), import('../../core/env.js'), import('./publish-results.js'),
    import('../../bench/instructions/summary.js'), import('../../bench/engines/engine-module-record.js'), import('./micro-document.js'),
  ]);
  const o = options.instructions!;
  const progress = createRunProgress(io.stderr, false);
  const startedAt = new Date();
  let run;
  try {
    run = await runInstructions({
      cases: selection.cases, sources: options.sources, keysDir: o.keysDir, cacheSim: o.cacheSim, noOpt: o.noOpt, jobs: o.jobs, realtime: o.realtime, signal: io.signal,
      onCase: (p) => progress.update(p.done, p.total, `counting ${p.id}`, p.elapsedMs),
    });
  } finally {
    progress.done();
  }
  const env = captureEnv(startedAt, new Date());
  env.libraries = { ...env.libraries, ...selection.libraries };
  const { resolveFrom } = options.sources;
  const engineModules = await Promise.all(selection.custom.map((e) => recordEngineModule(e.name, e.source!)));
  const doc = microDocument(env, {
    preset: options.preset, matrix: selection.matrix, budget: options.budget, repeat: 1,
    measure: 'instructions', instructions: run.config,
    ...(engineModules.length > 0 ? { engineModules } : {}), ...(resolveFrom ? { resolveFrom } : {}),
  }, run.cases, selection.skipped);

  await publishResults(doc, outDir, renderInstructionSummary(doc.cases), io, json);
  if (o.keysDir === null) io.stderr.write('note: the keys of this run were generated for it alone; for counts another run can be compared with, give both the same --keys <dir> (written by the first, reused by the second)\n');
  return doc;
}
