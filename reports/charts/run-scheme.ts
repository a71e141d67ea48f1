// How charts name a load run's scheme: a target run whose token uses no reference scheme's
// algorithm has scheme null, and is named by that algorithm instead; a run Artillery sent is
// marked, so it stands beside (not in the median of) the autocannon runs of the same scheme.
import type { LoadRun } from '../../core/results/load.js';

export function schemeOf(r: LoadRun): string {
  const scheme = r.scheme ?? r.target?.token?.header.alg ?? 'unknown';
  return r.client === 'artillery' ? `${scheme} (artillery)` : scheme;
}
