// `jwtbench history changes`: change points of every series, printed with the run where the
// level moved, the size with its interval and the test's p; exit 1 when one in the newest
// window is a regression of at least the threshold (compare's convention: 0, 1, 2).
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { badFlag } from '../../core/errors.js';
import { historyChanges, type ChangeOptions, type ChangePoint } from '../../core/history/changes.js';
import type { SetAsideRun } from '../../core/history/machine-runs.js';
import { describeEnv } from '../../core/history/env-key.js';
import { buildSeries, type Series } from '../../core/history/series.js';
import type { HistoryEntry } from '../../core/results/history.js';
import { renderTable } from '../../core/table.js';
import type { CommandIO } from './command.js';
import { readStore } from './history-read.js';
import { runEntry, type RunKeys } from './history-runs.js';

export interface ChangesOptions extends ChangeOptions {
  cases: RegExp | null;
  candidate: string | null;
  keys: RunKeys;
  json: boolean;
  markdown: boolean;
}

/** A candidate path: a directory of run directories is one point per run; anything else one point. */
async function candidateEntries(path: string, keys: RunKeys, cwd: string): Promise<HistoryEntry[]> {
  let runs = [path];
  try {
    if ((await stat(path)).isDirectory()) {
      const entries = await readdir(path, { withFileTypes: true });
      const direct = entries.some((e) => e.isFile() && (e.name === 'micro.json' || e.name === 'load.json'));
      const dirs = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort((x, y) => x.localeCompare(y, 'en', { numeric: true }));
      if (!direct && dirs.length > 0) runs = dirs.map((d) => join(path, d));
    }
  } catch (error) {
    throw badFlag('--candidate', `${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  return Promise.all(runs.map((r) => runEntry('--candidate', r, keys, cwd)));
}

/** The series to analyse: the store's, the candidate's runs last, filtered by --cases. */
export async function loadSeries(store: string, io: CommandIO, cases: RegExp | null, newest: HistoryEntry[] = []): Promise<{ series: Series[]; all: Series[] }> {
  const entries = await readStore(store, io);
  const all = buildSeries(entries, newest);
  const series = all.filter((s) => cases === null || cases.test(s.case));
  if (series.length === 0) throw badFlag('--cases', `matches no series of ${store}`);
  return { series, all };
}

/** One line naming the runs set aside as the machine's, or nothing. */
export function setAsideLine(runs: readonly SetAsideRun[]): string {
  if (runs.length === 0) return '';
  const named = runs.map((r) => `${short(r.commit)} (${pct(r.change)})`).join(', ');
  return `${runs.length} run${runs.length === 1 ? '' : 's'} set aside: every case moved at once, unlike the runs on both sides (the machine, not the code): ${named}\n`;
}

const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
const short = (c: string | null) => (c === null ? 'unknown' : c.slice(0, 12));
const level = (x: number) => (x >= 100 ? x.toFixed(0) : x.toPrecision(3));

export function changeRow(c: ChangePoint, envs: boolean): string[] {
  return [
    c.series.case, ...(envs ? [c.series.env] : []), `${c.index + 1} of ${c.series.runs.length}`, short(c.run.commit), c.run.label ?? '-',
    `${level(c.before)} → ${level(c.after)} ${c.series.unit}`,
    `${pct(c.change)}${c.interval ? ` [${pct(c.interval[0])}, ${pct(c.interval[1])}]` : ''}`,
    c.p.toFixed(3), c.failing ? 'REGRESSION' : c.regression ? 'slower' : 'faster',
  ];
}

export const changeHeader = (envs: boolean) => ['case', ...(envs ? ['env'] : []), 'run', 'commit', 'label', 'level', 'cost change [95% CI]', 'p', ''];

export async function historyChangesCommand(store: string, o: ChangesOptions, io: CommandIO): Promise<number> {
  const newest = o.candidate === null ? [] : await candidateEntries(o.candidate, o.keys, io.cwd);
  const { series, all } = await loadSeries(store, io, o.cases, newest);
  const { changes, setAside } = historyChanges(series, o, all);
  const failing = changes.filter((c) => c.failing);
  const envs = [...new Set(series.map((s) => s.env))];
  const summary = `${changes.length} change point${changes.length === 1 ? '' : 's'} in ${series.length} series `
    + `(E-divisive means, alpha ${o.alpha}, ${o.permutations} permutations, at least ${o.minSize} runs apart); `
    + `${failing.length} regression${failing.length === 1 ? '' : 's'} of at least ${o.threshold * 100}% in the newest ${o.window} runs`;
  if (o.json) {
    io.stdout.write(`${JSON.stringify({
      summary, options: { alpha: o.alpha, permutations: o.permutations, minSize: o.minSize, window: o.window, threshold: o.threshold },
      changes: changes.map((c) => ({
        case: c.series.case, measure: c.series.measure, env: c.series.env, unit: c.series.unit, index: c.index, runs: c.series.runs.length,
        entry: c.run.entry, commit: c.run.commit, label: c.run.label, branch: c.run.branch, time: c.run.time,
        before: c.before, after: c.after, change: c.change, interval: c.interval, p: c.p, regression: c.regression, failing: c.failing,
      })),
      setAside,
    }, null, 2)}\n`);
  } else {
    const header = changeHeader(envs.length > 1);
    const rows = changes.map((c) => changeRow(c, envs.length > 1));
    const table = o.markdown
      ? `| ${header.join(' | ')} |\n| ${header.map(() => '---').join(' | ')} |\n${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}`
      : renderTable(header, rows);
    io.stdout.write(`${changes.length > 0 ? `${table}\n\n` : ''}${setAsideLine(setAside)}${summary}\n`);
    if (envs.length > 1) {
      for (const env of envs) {
        const s = series.find((x) => x.env === env)!;
        io.stdout.write(`${env}: ${s.environment ? describeEnv(s.environment) : 'unknown'}\n`);
      }
    }
  }
  return failing.length > 0 ? 1 : 0;
}
