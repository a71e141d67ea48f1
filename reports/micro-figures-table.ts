// Every micro figure with its uncertainty, as a table for the report and summary.md: the same
// figures (core/repeats.ts) the charts draw and the terminal table prints, so a reader without
// the charts still sees each interval, each ratio's interval and why a figure is unstable.
import type { CompletedCase, MicroDocument } from '../core/results/micro.js';
import { caseFigures, formatReach, type CaseFigure } from '../core/repeats.js';
import { table, type Block } from './blocks.js';
import { fmt, timesWithInterval } from './figures.js';

const label = (f: CaseFigure) => (f.keyBits === null ? f.alg : `${f.alg}-${f.keyBits}`);

/** The table and how many of its figures are unstable, or null without a completed case; columns that never vary are left out. */
export function microFiguresTable(doc: MicroDocument): { table: Block; unstable: number; total: number } | null {
  const figures = caseFigures(doc.cases.filter((c): c is CompletedCase => c.state === 'completed'));
  if (figures.length === 0) return null;
  const varies = (get: (f: CaseFigure) => unknown) => new Set(figures.map(get)).size > 1;
  const extra = [
    { name: 'payload', show: varies((f) => f.payload), cell: (f: CaseFigure) => f.payload },
    { name: 'keys', show: varies((f) => f.keyPrep), cell: (f: CaseFigure) => f.keyPrep },
    { name: 'threads', show: varies((f) => f.threads), cell: (f: CaseFigure) => String(f.threads) },
  ].filter((c) => c.show);
  const rows = figures.map((f) => [
    label(f), f.op, f.engine, ...extra.map((c) => c.cell(f)),
    fmt(f.opsPerSec),
    f.repeats > 1 ? `${fmt(f.opsPerSecInterval[0])}–${fmt(f.opsPerSecInterval[1])} (${formatReach(f.opsPerSec, f.opsPerSecInterval)})` : 'one repeat',
    String(f.repeats),
    timesWithInterval(f.costVsHs256),
    f.unstable ?? '',
  ]);
  return {
    table: table(['algorithm', 'op', 'engine', ...extra.map((c) => c.name), 'ops/s', 'interval', 'repeats', 'time vs HS256', 'unstable because'], rows),
    unstable: figures.filter((f) => f.unstable !== null).length,
    total: figures.length,
  };
}
