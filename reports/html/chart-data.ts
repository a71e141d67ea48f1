// A chart's numbers as an HTML table behind a "data" toggle (<details>): for screen readers,
// for copy-paste, and for a reader who wants the figure rather than the picture. The rows are
// the spec's own inline data, so the table shows exactly what the chart draws from.
import type { TopLevelSpec } from 'vega-lite';

type Row = Record<string, unknown>;

/** Every inline data row of a spec, wherever it sits (top level, facet, concat or layer). */
export function specRows(spec: unknown): Row[] {
  if (Array.isArray(spec)) return spec.flatMap(specRows);
  if (spec === null || typeof spec !== 'object') return [];
  const o = spec as Row;
  const data = o.data as { values?: unknown } | undefined;
  const here = data && Array.isArray(data.values) ? (data.values as Row[]) : [];
  return [...here, ...Object.entries(o).filter(([k]) => k !== 'data').flatMap(([, v]) => specRows(v))];
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Header and rows of the table: scalar fields only (nested ones are chart plumbing, shown as JSON when kept). */
export function chartDataTable(spec: TopLevelSpec): { header: string[]; rows: string[][] } {
  const rows = specRows(spec);
  const header = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((k) => rows.some((r) => r[k] === null || typeof r[k] !== 'object'));
  return { header, rows: rows.map((r) => header.map((k) => cellText(r[k]))) };
}
