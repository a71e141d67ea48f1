// The terminal summary of an instruction-count run: per payload, one row per algorithm, each cell
// an engine's instructions per sign or verify with its ratio to HS256; estimated cycles below.
import type { CountedCase, MicroCase } from '../../core/results/micro.js';
import { formatRatio, renderTable } from '../../core/table.js';

const label = (c: { alg: string; keyBits: number | null }) => (c.keyBits === null ? c.alg : `${c.alg}-${c.keyBits}`);
const engineLabel = (c: { engine: string; keyPrep: string }) => (c.keyPrep === 'prepared' ? c.engine : `${c.engine} ${c.keyPrep}`);
const unique = <T>(xs: T[]) => [...new Set(xs)];

/** 501,275 → "501.3k"; the whole count is in micro.json. */
export function formatCount(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return n.toFixed(0);
}

export function renderInstructionSummary(cases: MicroCase[]): string {
  const counted = cases.filter((c): c is CountedCase => c.state === 'counted');
  const columns = unique(cases.filter((c) => c.threads === 1).map((c) => `${c.op} ${engineLabel(c)}`));
  const out: string[] = [];
  for (const payload of unique(cases.map((c) => c.payload))) {
    const here = cases.filter((c) => c.payload === payload && c.threads === 1);
    const cell = (alg: string, column: string, value: (c: CountedCase) => string) => {
      const c = here.find((x) => label(x) === alg && `${x.op} ${engineLabel(x)}` === column);
      if (c === undefined) return '';
      return c.state === 'counted' ? value(c) : c.state;
    };
    const algs = unique(here.map(label));
    out.push(`instructions per op, ${payload} payload (callgrind Ir, not a time):`);
    out.push(renderTable(['alg', ...columns], algs.map((alg) => [alg, ...columns.map((col) => cell(alg, col, (c) => `${formatCount(c.instructionsPerOp)} (${formatRatio(c.derivedInstructions.instructionsVsHs256)})${c.steady ? '' : ' !'}`))])));
    if (counted.some((c) => c.estimatedCyclesPerOp !== null)) {
      out.push('', `estimated cycles per op, ${payload} payload (advisory: a cache model, not a time):`);
      out.push(renderTable(['alg', ...columns], algs.map((alg) => [alg, ...columns.map((col) => cell(alg, col, (c) => (c.estimatedCyclesPerOp === null ? '-' : formatCount(c.estimatedCyclesPerOp))))])));
    }
    out.push('');
  }
  out.push('Counted under Valgrind (callgrind), each case in a process of its own; (Nx) instructions relative to HS256 with the same engine and op.');
  const unsteady = counted.filter((c) => !c.steady);
  if (unsteady.length > 0) out.push(`! ${unsteady.length} case(s) whose regions differed by more than 5% from their mean (garbage collection falling into some regions, or V8 still tiering up); the figure is their mean: ${unsteady.map((c) => c.id).join(', ')}`);
  const errored = cases.filter((c) => c.state === 'errored');
  for (const c of errored) if (c.state === 'errored') out.push(`error ${c.id} [${c.stage}]: ${c.error}`);
  const skipped = cases.filter((c) => c.state === 'skipped');
  if (skipped.length > 0) out.push(`${skipped.length} case(s) skipped: ${unique(skipped.map((c) => (c.state === 'skipped' ? c.reason : ''))).join('; ')}`);
  return out.join('\n');
}
