// `jwtbench history report`: the trend page of a store, written atomically.
import { resolve } from 'node:path';
import { writeFileAtomically } from '../../core/atomic-write.js';
import { CHANGE_DEFAULTS, historyChanges, type ChangeOptions } from '../../core/history/changes.js';
import { historyPage } from '../../reports/history-page.js';
import type { CommandIO } from './command.js';
import { changeHeader, changeRow, loadSeries, setAsideLine } from './history-changes.js';

export interface ReportOptions extends Pick<ChangeOptions, 'alpha' | 'permutations' | 'minSize'> {
  cases: RegExp | null;
  out: string;
}

export async function historyReport(store: string, o: ReportOptions, io: CommandIO): Promise<number> {
  const { series, all } = await loadSeries(store, io, o.cases);
  const { changes, setAside } = historyChanges(series, { ...CHANGE_DEFAULTS, alpha: o.alpha, permutations: o.permutations, minSize: o.minSize }, all);
  const envs = new Set(series.map((s) => s.env)).size > 1;
  const html = historyPage({
    store, series, changes, setAside,
    method: `Change points: E-divisive means on log figures with a permutation test (alpha ${o.alpha}, ${o.permutations} permutations, at least ${o.minSize} runs apart); sizes are cost changes with 95% intervals (Welch) between the neighbouring change points. ${setAsideLine(setAside).trim() || 'No run was set aside as the machine\'s.'}`,
    changeTable: { header: changeHeader(envs), rows: changes.map((c) => changeRow(c, envs)) },
  });
  const out = resolve(io.cwd, o.out);
  await writeFileAtomically(out, html);
  io.stdout.write(`wrote ${out} (${series.length} series, ${changes.length} change points)\n`);
  return 0;
}
