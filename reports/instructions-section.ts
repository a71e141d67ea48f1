// The report's instruction counts (micro --measure instructions): per case, instructions per op
// and their ratio to HS256, beside the time ratio where the report also has a timed run, and
// why the two ratios differ. Counts and times are never mixed in one figure.
import type { CountedCase, MicroDocument } from '../core/results/micro.js';
import { h, p, table, type Block } from './blocks.js';
import { microFigure } from './figures.js';

const whole = (n: number) => Math.round(n).toLocaleString('en-US');
const ratio = (r: number | null) => (r === null ? '-' : `${r >= 10 ? r.toFixed(1) : r.toFixed(2)}x`);
const label = (c: CountedCase) => (c.keyBits === null ? c.alg : `${c.alg}-${c.keyBits}`);

export function instructionsSection(counts: { doc: MicroDocument; file: string } | null | undefined, timed: MicroDocument | null): Block[] {
  if (!counts) return [];
  const cases = counts.doc.cases.filter((c): c is CountedCase => c.state === 'counted');
  if (cases.length === 0) return [];
  const cfg = counts.doc.config.instructions!;
  const payloads = [...new Set(cases.map((c) => c.payload))];
  const timeRatio = (c: CountedCase) => {
    if (timed === null || c.payload !== timed.cases[0]?.payload || c.keyPrep !== 'prepared') return null;
    return microFigure(timed, { alg: c.alg, keyBits: c.keyBits, op: c.op, engine: c.engine })?.costVsHs256?.value ?? null;
  };
  const withTime = timed !== null && cases.some((c) => timeRatio(c) !== null);
  const blocks: Block[] = [
    h(2, 'Instruction counts'),
    p(`Counted under Valgrind (${cfg.valgrind}, callgrind) in ${counts.file}: the instructions a sign or verify executes, every thread of the process included (libuv's pool too), each case in a process of its own with ${cfg.nodeFlags.join(' ')}, UV_THREADPOOL_SIZE=1, ASLR ${cfg.aslr}, ${cfg.scheduling === 'realtime' ? 'pinned to a CPU at real-time priority' : 'normal scheduling (real-time not permitted: jose\'s hand-offs to libuv\'s pool then count about 0.2% more on a busy machine)'}, a fixed environment and a frozen clock. Counts are the same on a busy machine; they are not a time. ${cfg.cyclesFormula === null ? '' : `Estimated cycles are advisory: ${cfg.cyclesFormula}.`} V8 tiers counted: ${cfg.tiers}.`),
    table(['case', 'instructions per op', 'vs HS256 (instructions)', ...(withTime ? ['vs HS256 (time)'] : []), 'estimated cycles per op', 'steady'],
      cases.map((c) => [
        `${label(c)} ${c.op} ${c.engine}${c.keyPrep === 'prepared' ? '' : ` ${c.keyPrep}`}${payloads.length > 1 ? ` (${c.payload})` : ''}`,
        whole(c.instructionsPerOp), ratio(c.derivedInstructions.instructionsVsHs256), ...(withTime ? [ratio(timeRatio(c))] : []),
        c.estimatedCyclesPerOp === null ? '-' : whole(c.estimatedCyclesPerOp), c.steady ? 'yes' : 'uneven: regions more than 5% from their mean',
      ])),
    p('Why the two ratios to HS256 differ: time includes what instructions leave out. jose\'s WebCrypto calls hop to libuv\'s threadpool and wait there; cache misses and memory stalls cost time in proportion to nothing counted here; and on a busy machine other work takes the CPU. An instruction count is the work done, wherever and whenever it ran, so it catches a change in the code exactly but says nothing about waits; time says what a caller waits, noisily.'),
  ];
  return blocks;
}
