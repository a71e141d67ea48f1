// `jwtbench artillery import`: an Artillery --output report, and the export that produced it,
// as <out>/load.json.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { EXPORT_FILES } from '../../bench/artillery/export.js';
import { checkArtilleryReport, checkExportMeta, importArtilleryRun } from '../../bench/artillery/import.js';
import { renderLoadSummary } from '../../bench/load/summary.js';
import { captureEnv } from '../../core/env.js';
import { assertWritable } from '../../core/out-path.js';
import { JwtbenchError, badFlag, errorMessage } from '../../core/errors.js';
import { LOAD_SCHEMA_VERSION } from '../../core/results/kinds.js';
import type { LoadDocument, LoadRun } from '../../core/results/load.js';
import { readResults } from '../../core/results/results-file.js';
import type { SchemeName } from '../../core/schemes.js';
import type { CommandIO } from '../lib/command.js';
import { publishResults } from '../lib/publish-results.js';

async function readJson(path: string, fail: (why: string) => Error): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw fail(`cannot read it (${(error as NodeJS.ErrnoException).code ?? errorMessage(error)})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw fail(`not JSON, the file may be truncated (${errorMessage(error)})`);
  }
}

/**
 * The existing document with the imported run added, its config widened to cover it. Its env
 * and every existing figure stay as they were: the imported run's ratios were derived on its own.
 */
/**
 * The imported run added to a load.json: the same report imported again is refused (it would
 * count twice); another run of the same test becomes the next repeat, so the two stay apart.
 */
function appended(existing: LoadDocument, imported: LoadDocument, file: string): LoadDocument {
  const union = <T>(a: readonly T[], b: readonly T[]) => [...new Set([...a, ...b])];
  const same = (x: LoadRun, y: LoadRun) => x.client === y.client && x.scenario === y.scenario && x.connections === y.connections
    && x.target?.origin === y.target?.origin && x.target?.path === y.target?.path;
  const runs = imported.runs.map((run) => {
    const earlier = existing.runs.filter((r) => same(r, run));
    if (earlier.some((r) => r.state === 'completed' && run.state === 'completed' && r.requests === run.requests && r.durationS === run.durationS)) {
      throw badFlag('--append', `${file} already holds this run (the same requests over the same time): the report was imported before`);
    }
    return { ...run, repeat: earlier.length === 0 ? run.repeat : Math.max(...earlier.map((r) => r.repeat)) + 1 };
  });
  const c = existing.config;
  return {
    ...existing,
    config: { ...c, scenarios: union(c.scenarios, imported.config.scenarios), schemes: union(c.schemes, imported.config.schemes), connections: union(c.connections, imported.config.connections) },
    runs: [...existing.runs, ...runs],
  };
}

export interface ImportSettings {
  testDir: string | null;
  workers: number;
  out: string;
  json: boolean;
  /** add the run to the load.json already in `out` (a `load --target` run, say) instead of writing a new one */
  append: boolean;
}

export async function importReport(reportPath: string, s: ImportSettings, io: CommandIO): Promise<number> {
  await assertWritable('--out', [join(s.out, 'load.json')]);
  const report = checkArtilleryReport(await readJson(reportPath, (why) => new JwtbenchError('JWTBENCH_BAD_ARTILLERY_REPORT', `${reportPath}: ${why}`)), reportPath);
  const metaPath = join(s.testDir ?? dirname(reportPath), EXPORT_FILES.meta);
  const meta = checkExportMeta(await readJson(metaPath, (why) => badFlag('--test', `${metaPath}: ${why}${s.testDir === null ? '; give --test <the folder `artillery export` wrote>' : ''}`)), metaPath);
  const runs = importArtilleryRun(report, meta, s.workers, reportPath);
  const schemes = [...new Set(runs.map((r) => r.scheme).filter((x): x is SchemeName => x !== null))];
  let doc: LoadDocument = {
    schemaVersion: LOAD_SCHEMA_VERSION,
    kind: 'load',
    // The times are the report's; the machine is the one importing (Artillery's workers are not described by the report).
    env: captureEnv(new Date(report.aggregate.firstCounterAt), new Date(report.aggregate.lastCounterAt), []),
    config: {
      preset: null, scenarios: ['target'], schemes, engines: [], connections: [meta.maxVusers * s.workers], durationS: meta.durationS,
      tokenPoolSize: meta.target.token.poolSize, repeat: 1,
    },
    runs,
  };
  if (s.append) doc = appended(await readResults('load', s.out), doc, join(s.out, 'load.json'));
  const note = `imported from ${reportPath} (Artillery, ${s.workers} worker${s.workers === 1 ? '' : 's'}): client-side figures only; the env block describes this machine, not the load generators.`;
  await publishResults(doc, s.out, `${renderLoadSummary(runs)}\n${note}`, io, s.json);
  return 0;
}
