// How a micro run placed its thread counts on CPUs, in words: one wording for the table's
// footnote, the scaling chart and the report's methodology.

/** config.pinnedByThreads of micro.json */
export type PinnedByThreads = readonly { threads: number; cpus: readonly number[] }[];

/** "1 thread on CPU 1; 2 threads on CPU 0,1" */
export function describePlacement(groups: PinnedByThreads): string {
  return groups.map((g) => `${g.threads} thread${g.threads === 1 ? '' : 's'} on CPU ${g.cpus.join(',')}`).join('; ');
}
