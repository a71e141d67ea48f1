// A plain text table: first column left-aligned, the rest right-aligned (they hold numbers)
// unless `leftAligned` names more text columns.
export function renderTable(header: string[], rows: string[][], leftAligned: readonly number[] = [0]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (leftAligned.includes(i) ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** ops/s with thousands separators and no false precision */
export function formatRate(opsPerSec: number): string {
  if (opsPerSec >= 100) return Math.round(opsPerSec).toLocaleString('en-US');
  return opsPerSec.toPrecision(3);
}

export function formatRatio(ratio: number | null): string {
  if (ratio === null) return '-';
  return `${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(1)}x`;
}
