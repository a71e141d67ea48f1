// Each algorithm's time per operation relative to HS256 (derived.costVsHs256), for the library
// under test (jose, prepared keys) and for the node:crypto floor. The HS256 → RS256-2048 step is
// the question most readers bring, so that pair is ringed and its measured ratio written on it.
import type { TopLevelSpec } from 'vega-lite';
import type { MicroDocument } from '../../core/results/micro.js';
import { CASE_TOOLTIP, FLOOR, LEGEND_BELOW, PANEL_WIDTH, SCHEMA, UNSTABLE_NOTE, headline, intervalTooltip, seriesScale, unstableRing, uniq, bandHeight, panelPerOp } from './throughput.js';

const LIBRARY = { engine: 'jose', keyPrep: 'prepared' };
const HIGHLIGHT = { alg: 'RS256', keyBits: 2048 };

/** "12×" or "3.4×", the way the report text writes ratios. */
export const ratioText = (x: number): string => `${x >= 10 ? x.toFixed(0) : x.toFixed(1)}×`;

export function overheadChart(micro: MicroDocument): TopLevelSpec | null {
  const slice = headline(micro);
  if (!slice) return null;
  const picked = slice.rows.filter((r) => (r.engine === LIBRARY.engine && r.keyPrep === LIBRARY.keyPrep) || r.engine === 'node');
  const rows = picked
    .filter((r): r is typeof r & { costVsHs256: number } => r.costVsHs256 !== null && r.costVsHs256 > 0)
    .map((r) => ({ ...r, highlight: r.alg === HIGHLIGHT.alg && r.keyBits === HIGHLIGHT.keyBits, note: null as string | null }));
  if (rows.length === 0) return null;
  // Annotate the library's RS256-2048 point per op (the floor's when the library was not run).
  const notes: string[] = [];
  for (const op of uniq(rows.map((r) => r.op))) {
    const pair = rows.filter((r) => r.op === op && r.highlight);
    const target = pair.find((r) => r.engine === LIBRARY.engine) ?? pair[0];
    if (!target) continue;
    target.note = `${ratioText(target.costVsHs256)} HS256`;
    notes.push(`${op} ${ratioText(target.costVsHs256)}`);
  }
  const labels = uniq(rows.map((r) => r.label));
  const series = [...uniq(rows.map((r) => r.series)).filter((s) => s !== FLOOR), ...(rows.some((r) => r.series === FLOOR) ? [FLOOR] : [])];
  const y = { field: 'label', type: 'nominal', title: 'algorithm', sort: labels } as const;
  const headlineText = notes.length > 0 ? `RS256-2048 vs HS256 (${rows.find((r) => r.note)?.series}): ${notes.join(', ')}; ` : '';
  return {
    $schema: SCHEMA,
    title: {
      text: 'Cost per operation relative to HS256',
      subtitle: [`${headlineText}same engine and op, log scale, 1× = HS256`, slice.note, `bar = the ratio's interval (the per-round ratios' order statistics, widened by √2 for another run); ${UNSTABLE_NOTE}`],
    },
    data: { values: rows },
    facet: panelPerOp(rows),
    spec: {
      width: PANEL_WIDTH,
      height: bandHeight(labels.length, series.length),
      encoding: {
        x: { field: 'costVsHs256', type: 'quantitative', title: 'time per op relative to HS256 (×, log)', scale: { type: 'log' } },
      },
      layer: [
        { mark: { type: 'rule', color: '#888', strokeDash: [4, 3] }, encoding: { x: { datum: 1, type: 'quantitative' } } },
        {
          mark: { type: 'rule', strokeWidth: 2 },
          encoding: {
            y, yOffset: { field: 'series', type: 'nominal', sort: series }, x: { field: 'costLow', type: 'quantitative' }, x2: { field: 'costHigh' },
            color: { field: 'series', type: 'nominal', title: 'engine (key prep)', scale: seriesScale(rows) },
          },
        },
        {
          mark: { type: 'point', filled: true, size: 60 },
          encoding: {
            y, yOffset: { field: 'series', type: 'nominal', sort: series },
            color: { field: 'series', type: 'nominal', title: 'engine (key prep)', scale: seriesScale(rows) },
            tooltip: [
              ...CASE_TOOLTIP,
              { field: 'costVsHs256', title: 'cost vs HS256 (×)', type: 'quantitative', format: '.2f' },
              ...intervalTooltip('costLow', 'costHigh', '.2f', '×'),
              { field: 'unstable', title: 'unstable' },
              { field: 'opsPerSec', title: 'ops/s', type: 'quantitative', format: ',.0f' },
            ],
          },
        },
        unstableRing({ field: 'series', type: 'nominal', sort: series }, { y }),
        {
          transform: [{ filter: 'datum.highlight' }],
          mark: { type: 'point', filled: false, size: 260, strokeWidth: 2, color: '#d62728' },
          encoding: { y, yOffset: { field: 'series', type: 'nominal', sort: series } },
        },
        {
          transform: [{ filter: 'datum.note != null' }],
          mark: { type: 'text', align: 'right', dx: -12, fontWeight: 'bold', color: '#d62728' },
          encoding: { y, yOffset: { field: 'series', type: 'nominal', sort: series }, text: { field: 'note' } },
        },
      ],
    },
    config: LEGEND_BELOW,
  };
}
