// Which CPUs a pinned run uses. A run with several thread counts measures each in its own
// processes on as many CPUs as it has threads, so "k threads" means k threads on k CPUs and the
// 1-thread figure scaling is judged against is the pinned one. Unpinned, jose's 1-thread HMAC
// left its CPU idle half the time, waiting on cross-CPU hops to libuv's threadpool (measured:
// 9k ops/s unpinned, 35k pinned), which made 2 threads look more than twice as fast.

/** The last k CPUs for k threads (all of them when k is at least the machine's count). */
export function cpusForThreads(threads: number, cpus: number): number[] {
  const n = Math.max(1, Math.min(threads, cpus));
  return Array.from({ length: n }, (_, i) => cpus - n + i);
}

/** taskset's CPU list: 0,1,2 */
export const cpuList = (cpus: readonly number[]): string => cpus.join(',');
