// Each counted case's instruction ratios: to HS256 for the same op, engine and payload, and to the
// node:crypto floor for the same algorithm. Ratios of counts, not of times.
import type { CountedCase, MicroCase } from '../../core/results/micro.js';

const sameBut = (a: CountedCase, b: CountedCase, keys: (keyof CountedCase)[]) => keys.every((k) => a[k] === b[k]);

export function deriveInstructionRatios(cases: MicroCase[]): MicroCase[] {
  const counted = cases.filter((c): c is CountedCase => c.state === 'counted');
  return cases.map((c) => {
    if (c.state !== 'counted') return c;
    const hs = counted.find((o) => o.alg === 'HS256' && sameBut(o, c, ['op', 'engine', 'keyPrep', 'payload']));
    const floor = counted.find((o) => o.engine === 'node' && sameBut(o, c, ['alg', 'keyBits', 'op', 'payload']));
    return {
      ...c,
      derivedInstructions: {
        instructionsVsHs256: hs ? c.instructionsPerOp / hs.instructionsPerOp : null,
        instructionsVsNodeFloor: floor ? c.instructionsPerOp / floor.instructionsPerOp : null,
      },
    };
  });
}
