// The history trend page: a panel per series and a table of every change point, as blocks
// for the same offline HTML renderer as the decision report.
import type { ChangePoint } from '../core/history/changes.js';
import { isSetAside, type SetAsideRun } from '../core/history/machine-runs.js';
import { describeEnv } from '../core/history/env-key.js';
import type { Series } from '../core/history/series.js';
import { h, p, table, type Block } from './blocks.js';
import { historyTrendChart } from './charts/history-trend.js';
import { renderHtml } from './render-html.js';

export interface HistoryPageInput {
  store: string;
  series: readonly Series[];
  changes: readonly ChangePoint[];
  /** runs set aside as the machine's */
  setAside: readonly SetAsideRun[];
  /** how the change points were found, in words */
  method: string;
  /** the change-point table's header and rows (the CLI's own table) */
  changeTable: { header: string[]; rows: string[][] };
}

export function historyPage(input: HistoryPageInput): string {
  const runs = new Set(input.series.flatMap((s) => s.runs.map((r) => r.entry))).size;
  const envs = [...new Map(input.series.filter((s) => s.environment).map((s) => [s.env, describeEnv(s.environment!)])).entries()];
  const blocks: Block[] = [
    h(1, 'jwtbench history'),
    p(`${runs} runs, ${input.series.length} series from ${input.store}. ${input.method}`),
    h(2, 'Change points'),
    input.changes.length === 0 ? p('No change point in any series.') : table(input.changeTable.header, input.changeTable.rows),
    p(envs.map(([key, text]) => `${key}: ${text}`).join('; ')),
    h(2, 'Series'),
    p('A point per run (a grey bar: the interval its own repeats give; a grey cross: a run set aside because every case moved at once), the level between change points in orange, and each change point as a dashed rule with its commit: red when the cost rose, green when it fell.'),
    ...input.series.map((s, i): Block => {
      const mine = input.changes.filter((c) => c.series === s);
      return {
        kind: 'chart', id: `series-${i}`, title: `${s.case} (${s.env})`,
        caption: `${s.case} on ${s.env}, ${s.measure}: ${s.runs.length} runs, ${mine.length} change point${mine.length === 1 ? '' : 's'}.`,
        spec: historyTrendChart(s, mine, new Set(s.runs.filter((r) => isSetAside(input.setAside, s, r.entry)).map((r) => r.entry))),
      };
    }),
  ];
  // Canvas and no per-chart data table: 60 series of 1,000 runs would be 120,000 SVG nodes.
  return renderHtml('jwtbench history', blocks, { renderer: 'canvas', chartData: false });
}
