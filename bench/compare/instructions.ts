// Comparing two instruction-count runs. A count is a property of the code and its inputs, not a
// sample of a noisy machine: two runs of the same code agree to hundredths of a percent
// (docs/instructions.md), so a change is called against the threshold alone, with no test of
// significance. What the runs must share is checked first: a count of different keys, tokens,
// V8 flags, Valgrind or Node is a different quantity, and such runs are refused.
import { JwtbenchError } from '../../core/errors.js';
import type { CountedCase, MicroDocument } from '../../core/results/micro.js';
import { matched, type Comparison } from './compare.js';

/** Counts differ by hundredths of a percent between runs: 1% is far above that and below any change worth a look. */
export const INSTRUCTION_THRESHOLD = 0.01;

export const isInstructionRun = (d: MicroDocument) => d.config.measure === 'instructions';
const counted = (d: MicroDocument) => d.cases.filter((c): c is CountedCase => c.state === 'counted');
const key = (c: CountedCase) => c.id;
/** A settings record as one line, in key order. */
const flat = (o: Record<string, string | number>) => Object.entries(o).sort(([p], [q]) => p.localeCompare(q)).map(([k, v]) => `${k}=${v}`).join(' ');

/** Why two micro documents' counts cannot be compared; empty when they can. */
export function instructionMismatches(a: MicroDocument, b: MicroDocument): string[] {
  if (isInstructionRun(a) !== isInstructionRun(b)) {
    const what = (d: MicroDocument) => (isInstructionRun(d) ? 'instructions' : 'time');
    return [`the baseline measured ${what(a)} and the candidate ${what(b)}: instructions and time are not the same quantity`];
  }
  if (!isInstructionRun(a)) return [];
  const [x, y] = [a.config.instructions!, b.config.instructions!];
  const out: string[] = [];
  if (x.nodeFlags.join(' ') !== y.nodeFlags.join(' ')) out.push(`V8 flags (${x.nodeFlags.join(' ')} vs ${y.nodeFlags.join(' ')})`);
  if (x.valgrind !== y.valgrind) out.push(`Valgrind (${x.valgrind} vs ${y.valgrind})`);
  if (x.valgrindArgs.join(' ') !== y.valgrindArgs.join(' ')) out.push(`callgrind flags (${x.valgrindArgs.join(' ')} vs ${y.valgrindArgs.join(' ')})`);
  // The measured environment includes the allocator's settings, which move counts by a few percent.
  if (flat(x.env) !== flat(y.env)) out.push(`measured environment (${flat(x.env)} vs ${flat(y.env)}: count the baseline again with this jwtbench)`);
  if (flat(x.protocol) !== flat(y.protocol)) out.push('counting protocol (warm-up and regions differ: count the baseline again with this jwtbench)');
  if (a.env.node !== b.env.node) out.push(`Node (${a.env.node} vs ${b.env.node})`);
  const inputs = matched(counted(a), counted(b), key).filter(([, [ca], [cb]]) => ca!.inputSha256 !== cb!.inputSha256).map(([id]) => id);
  if (inputs.length > 0) out.push(`key sets (${inputs.length} case(s) counted different keys, clock or tokens, e.g. ${inputs[0]}: give both runs the same --keys <dir>)`);
  return out;
}

/** Throws (exit 2) when the two runs' counts cannot be compared. */
export function assertInstructionsComparable(a: MicroDocument, b: MicroDocument): void {
  const m = instructionMismatches(a, b);
  if (m.length > 0) throw new JwtbenchError('JWTBENCH_BAD_RESULTS', `cannot compare these runs: ${m.join('; ')}`);
}

export function compareInstructions(a: MicroDocument, b: MicroDocument, threshold: number): Comparison[] {
  return matched(counted(a), counted(b), key).map(([id, [ca], [cb]]) => {
    const [base, cand] = [ca!.instructionsPerOp, cb!.instructionsPerOp];
    const change = cand / base - 1;
    const called = { kind: 'micro' as const, id, metric: 'instructions per op' as const, basis: 'counts' as const, figures: [1, 1] as [number, number], look: 1 as const, baseline: base, candidate: cand, change, changeCi: null, equivalenceCi: null, equivalenceLevel: 1, p: null, candidateCi: null };
    const pct = `${(threshold * 100).toPrecision(3).replace(/\.?0+$/, '')}%`;
    // Regions that disagree (a collection falling into some of them) still sum to the same work: the figure is their mean, and it repeats.
    const uneven = !ca!.steady || !cb!.steady ? '; garbage collection fell unevenly between regions, the figure is their mean' : '';
    if (change >= threshold) return { ...called, verdict: 'regressed' as const, reason: `${(change * 100).toFixed(2)}% more instructions per op, at least the ${pct} threshold${uneven}` };
    if (change <= -threshold) return { ...called, verdict: 'improved' as const, reason: `${(-change * 100).toFixed(2)}% fewer instructions per op, at least the ${pct} threshold${uneven}` };
    return { ...called, verdict: 'unchanged' as const, reason: `within ±${pct} (counts repeat to hundredths of a percent)${uneven}` };
  });
}
