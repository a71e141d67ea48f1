// Whether two sides can be compared at all, before any statistics: a kind of results both hold,
// the same machine and measurement conditions for each kind (micro against micro, load against
// load), and the same CPU placement for micro. Shared by compare and undecided, so the second
// look is refused where the verdict would be.
import { envMismatches, pinningMismatches } from '../../bench/compare/compare.js';
import { conditionMismatches, versionChanges } from '../../bench/compare/conditions.js';
import { JwtbenchError } from '../../core/errors.js';
import type { Run } from './read-side.js';

const unique = (xs: string[]) => [...new Set(xs)];
const kinds = (r: Run) => [r.micro ? 'micro' : null, r.load ? 'load' : null].filter((k) => k !== null).join(' and ');

/**
 * Throws when the sides cannot be compared. Returns the mismatches allowed (to warn of) and the
 * version changes to name beside the verdicts.
 */
export function checkComparable(a: Run, b: Run, allowEnvMismatch: boolean): { mismatch: string[]; versions: string[] } {
  const pairs = [a.micro && b.micro ? [a.micro.env, b.micro.env] : null, a.load && b.load ? [a.load.env, b.load.env] : null]
    .filter((p) => p !== null);
  if (pairs.length === 0) {
    throw new JwtbenchError('JWTBENCH_BAD_RESULTS', `the two runs have no case in common: the baseline holds ${kinds(a)} results, the candidate ${kinds(b)}`);
  }
  const mismatch = unique([
    ...pairs.flatMap(([x, y]) => [...envMismatches(x!, y!), ...conditionMismatches(x!, y!)]),
    ...(a.micro && b.micro ? pinningMismatches(a.micro.config, b.micro.config) : []),
  ]);
  if (mismatch.length > 0 && !allowEnvMismatch) {
    throw new JwtbenchError('JWTBENCH_BAD_RESULTS', `the runs were measured on different machines or differently: ${mismatch.join(', ')}; pass --allow-env-mismatch to compare anyway`);
  }
  return { mismatch, versions: unique(pairs.flatMap(([x, y]) => versionChanges(x!, y!))) };
}
