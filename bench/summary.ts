// The terminal summary of a micro run: a table per payload and thread count, one row per
// algorithm, each cell the sign or verify ops/s of an engine with its cost relative to HS256.
import { describePlacement, type PinnedByThreads } from '../core/placement.js';
import type { CompletedCase, ErroredCase, MicroCase, SkippedCase } from '../core/results/micro.js';
import { formatRate, formatRatio, renderTable } from '../core/table.js';
import { caseFigures, formatReach, relativeHalfWidth, UNSTABLE_LIMIT, type CaseFigure } from '../core/repeats.js';


function algLabel(c: { alg: string; keyBits: number | null }): string {
  return c.keyBits === null ? c.alg : `${c.alg}-${c.keyBits}`;
}

function engineLabel(c: { engine: string; keyPrep: string }): string {
  return c.keyPrep === 'prepared' ? c.engine : `${c.engine} ${c.keyPrep}`;
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

/** Each case identity's figure over its repeats (core/repeats.ts), by table cell. */
function collapse(cases: CompletedCase[]): Map<string, CaseFigure> {
  return new Map(caseFigures(cases).map((f) => [`${algLabel(f)}|${f.op}|${engineLabel(f)}|${f.payload}|${f.threads}`, f]));
}

const pct = (x: number) => `${(x * 100).toFixed(x < 0.1 ? 1 : 0)}%`;

/**
 * The summary of a run. `unstableIn`: where each unstable case is listed (a command that shows
 * them), so that after a run on a busy machine, where every case can be unstable, the terminal
 * gets one line about them instead of one per case; without it, each case and why.
 */
export function renderMicroSummary(cases: MicroCase[], pinnedByThreads?: PinnedByThreads, unstableIn?: string): string {
  const completed = cases.filter((c): c is CompletedCase => c.state === 'completed');
  const errored = cases.filter((c): c is ErroredCase => c.state === 'errored');
  const skipped = cases.filter((c): c is SkippedCase => c.state === 'skipped');
  const figures = collapse(completed);
  // per case: a run that measured each thread count in its own processes pooled no more
  const processesOf = new Map<string, Set<number>>();
  for (const c of completed) processesOf.set(c.id, (processesOf.get(c.id) ?? new Set()).add(c.process ?? 1));
  const processes = Math.max(0, ...[...processesOf.values()].map((s) => s.size));
  const algs = unique(cases.map(algLabel));
  const ops = unique(cases.map((c) => c.op));
  const engines = unique(cases.map(engineLabel));
  const out: string[] = [];
  // Sign and verify share a table while it stays narrow; with more engines each op gets its own.
  const opGroups = ops.length * engines.length > 4 ? ops.map((op) => [op]) : [ops];
  for (const payload of unique(cases.map((c) => c.payload))) {
    for (const threads of unique(cases.map((c) => c.threads))) for (const opGroup of opGroups) {
      const columns = opGroup.flatMap((op) => engines.map((engine) => ({ op, engine })));
      const rows = algs.map((alg) => [alg, ...columns.map(({ op, engine }) => {
        const f = figures.get(`${alg}|${op}|${engine}|${payload}|${threads}`);
        const here = (c: MicroCase) => algLabel(c) === alg && c.op === op && engineLabel(c) === engine;
        if (!f) return errored.some(here) ? 'error' : skipped.some(here) ? 'skipped' : '';
        const eff = threads > 1 && f.scalingEfficiency !== null ? ` ${Math.round(f.scalingEfficiency.value * 100)}%${f.superlinear === undefined ? '' : '*'}` : '';
        const within = f.repeats > 1 ? ` ${formatReach(f.opsPerSec, f.opsPerSecInterval)}` : '';
        return `${formatRate(f.opsPerSec)}${within} (${formatRatio(f.costVsHs256?.value ?? null)})${eff}${f.unstable === null ? '' : ' !'}`;
      }), tokenBytes(completed, alg, payload)]);
      const title = opGroups.length > 1 ? `${opGroup[0]} ops/s` : 'ops/s';
      out.push(`${title}, ${payload} payload, ${threads} thread${threads > 1 ? 's' : ''}:`);
      out.push(renderTable(['alg', ...columns.map(({ op, engine }) => (opGroups.length > 1 ? engine : `${op} ${engine}`)), 'token B'], rows));
      out.push('');
    }
  }
  const notes = [
    `ops/s at the median time per operation (threads x 1e9 / p50), the median of the repeats${processes > 1 ? ` (pooled from ${processes} fresh processes)` : ''}; ±N% is how far the interval of that median (order statistics of the repeats) reaches.`,
    '(Nx) time per operation relative to HS256 with the same engine and op; node = the node:crypto floor.',
    'token B: the compact token\'s length in bytes as measured in the run (a request carries it in "Authorization: Bearer <token>").',
  ];
  if (cases.some((c) => c.threads > 1)) {
    const where = pinnedByThreads ? ` Each thread count ran in its own process${processes > 1 ? 'es' : ''}, pinned: ${describePlacement(pinnedByThreads)}.` : '';
    notes.push(`N% after a multi-thread figure: scaling efficiency, throughput / (threads x 1-thread throughput).${where}`);
  }
  out.push(...notes);
  const superlinear = [...figures.values()].filter((f) => f.superlinear !== undefined);
  if (superlinear.length > 0) {
    out.push('', `* scaling above 100%, interval and all, from a 1-thread figure bound by waiting, not by the CPU (its thread's event-loop utilisation):`);
    for (const f of superlinear) out.push(`  ${f.id}: ${pct(f.scalingEfficiency!.value)} [${pct(f.scalingEfficiency!.interval[0])}, ${pct(f.scalingEfficiency!.interval[1])}]; ${f.superlinear}`);
  }
  const unstable = [...figures.values()].filter((f) => f.unstable !== null);
  if (unstable.length > 0 && unstableIn !== undefined) out.push('', unstableLine(unstable, figures.size, unstableIn));
  else if (unstable.length > 0) {
    out.push('', `! ${unstable.length} unstable case${unstable.length > 1 ? 's' : ''} (interval past ±${UNSTABLE_LIMIT * 100}%, or floor siblings that disagree): do not read much into ${unstable.length > 1 ? 'them' : 'it'}:`);
    for (const f of unstable) out.push(`  ${f.id} (${f.repeats} repeat${f.repeats > 1 ? 's' : ''}): ${f.unstable}`);
  }
  if (errored.length > 0) {
    out.push('', `${errored.length} case${errored.length > 1 ? 's' : ''} errored and were not timed:`);
    for (const c of errored) out.push(`  ${c.id} [${c.stage}]: ${c.error}`);
  }
  if (skipped.length > 0) out.push('', ...skippedLines(skipped));
  return out.join('\n');
}

/** One line for the unstable cases: how many, how wide, the usual cause and what to do about it. */
function unstableLine(unstable: CaseFigure[], total: number, unstableIn: string): string {
  const widest = Math.max(...unstable.map((f) => relativeHalfWidth(f.opsPerSec, f.opsPerSecInterval)));
  const how = unstable.length === total ? `all ${total} cases are` : `${unstable.length} of ${total} cases are`;
  const why = widest > UNSTABLE_LIMIT ? `repeats that disagree, intervals up to ±${pct(widest)} against the ±${UNSTABLE_LIMIT * 100}% mark` : 'floor siblings that disagree';
  return `! ${how} unstable (${why}): most often the machine was busy, `
    + `so read ${unstable.length > 1 ? 'them' : 'it'} as rough. Firmer figures: a quieter machine, or jwtbench micro --measure instructions (counts instructions, not time). `
    + `Each case and why: ${unstableIn}`;
}

/** The token length an algorithm's cases recorded for a payload (the same on every engine), or blank. */
function tokenBytes(completed: CompletedCase[], alg: string, payload: string): string {
  const c = completed.find((x) => algLabel(x) === alg && x.payload === payload && x.tokenBytes !== undefined);
  return c?.tokenBytes === undefined ? '' : c.tokenBytes.toLocaleString('en-US');
}

/** One line per engine and reason: which algorithms it skipped, and why. */
function skippedLines(skipped: SkippedCase[]): string[] {
  const groups = new Map<string, { engine: string; reason: string; algs: Set<string> }>();
  for (const c of skipped) {
    const key = `${c.engine}|${c.reason}`;
    const g = groups.get(key) ?? { engine: c.engine, reason: c.reason, algs: new Set<string>() };
    g.algs.add(algLabel(c));
    groups.set(key, g);
  }
  return [`${skipped.length} case${skipped.length > 1 ? 's were' : ' was'} skipped (not failures):`,
    ...[...groups.values()].map((g) => `  ${g.engine} ${[...g.algs].join(', ')}: ${g.reason}`)];
}
