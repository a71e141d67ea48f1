// What identifies a load run across results files (scenario, scheme, engine, policy,
// connections; a target's origin and path; a client other than autocannon): the key compare
// matches runs by and a history's load series are named by.
import type { CompletedRun } from './results/load.js';

export const loadRunKey = (r: CompletedRun): string => `${r.scenario}/${r.scheme}${r.engine ? `/${r.engine}` : ''}${r.policy ? `/${r.policy}` : ''}/c${r.connections}`
  + `${r.target ? `/${r.target.origin}${r.target.path}` : ''}${r.client && r.client !== 'autocannon' ? `/${r.client}` : ''}`;
