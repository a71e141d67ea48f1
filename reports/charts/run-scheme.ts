// How charts name a load run's scheme: a target run whose token uses no reference scheme's
// algorithm has scheme null, and is named by that algorithm instead.
import type { LoadRun } from '../../core/results/load.js';

export function schemeOf(r: LoadRun): string {
  return r.scheme ?? r.target?.token?.header.alg ?? 'unknown';
}
