// Reading callgrind's dump files: the event names and the totals of one dumped region, and the
// advisory estimated cycles computed from them.

export interface RegionCounts {
  /** instructions executed (callgrind's Ir) */
  instructions: number;
  /** iai-callgrind's estimate from the cache simulation; null when it was off */
  estimatedCycles: number | null;
}

/** The events and totals of one dump file's text; throws on a file that is not a callgrind dump. */
export function parseDump(text: string): Record<string, number> {
  let events: string[] | null = null;
  let totals: number[] | null = null;
  for (const line of text.split('\n')) {
    if (line.startsWith('events:')) events = line.slice(7).trim().split(/\s+/);
    else if (line.startsWith('totals:')) totals = line.slice(7).trim().split(/\s+/).map(Number);
  }
  if (events === null || totals === null) throw new Error('not a callgrind dump: no events: or totals: line');
  if (totals.some((n) => !Number.isFinite(n) || n < 0)) throw new Error('callgrind dump: totals are not counts');
  const counts: Record<string, number> = {};
  // callgrind leaves trailing zero events out of the totals line.
  events.forEach((e, i) => { counts[e] = totals![i] ?? 0; });
  return counts;
}

/** L1 hits + 5 × LL hits + 35 × RAM accesses, from callgrind's cache-simulation events. */
export function estimatedCycles(c: Record<string, number>): number | null {
  const needed = ['Ir', 'Dr', 'Dw', 'I1mr', 'D1mr', 'D1mw', 'ILmr', 'DLmr', 'DLmw'];
  if (!needed.every((e) => e in c)) return null;
  const accesses = c.Ir! + c.Dr! + c.Dw!;
  const l1Misses = c.I1mr! + c.D1mr! + c.D1mw!;
  const ram = c.ILmr! + c.DLmr! + c.DLmw!;
  return (accesses - l1Misses) + 5 * (l1Misses - ram) + 35 * ram;
}

export function regionCounts(text: string): RegionCounts {
  const c = parseDump(text);
  if (!('Ir' in c)) throw new Error('callgrind dump: no Ir (instructions) event');
  return { instructions: c.Ir!, estimatedCycles: estimatedCycles(c) };
}
