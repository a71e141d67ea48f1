// Which CPUs a pinned run uses. A run with several thread counts measures each in its own
// processes on as many CPUs as it has threads, so "k threads" means k threads on k CPUs and the
// 1-thread figure scaling is judged against is the pinned one. Unpinned, jose's 1-thread HMAC
// left its CPU idle half the time, waiting on cross-CPU hops to libuv's threadpool (measured:
// 9k ops/s unpinned, 46k pinned), which made 2 threads look more than twice as fast.
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/** A Linux CPU list ("0-3,8,10-11") as CPU numbers; null when it is not one. */
export function parseCpuList(text: string): number[] | null {
  const cpus: number[] = [];
  for (const part of text.trim().split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) return null;
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (to < from) return null;
    for (let c = from; c <= to; c++) cpus.push(c);
  }
  return cpus.length > 0 ? [...new Set(cpus)].sort((a, b) => a - b) : null;
}

/**
 * The CPUs this process may run on: Linux's own list (a container's cpuset can leave CPU 0
 * out), else 0 to availableParallelism() - 1.
 */
export function allowedCpus(): number[] {
  try {
    const line = /^Cpus_allowed_list:\s*(.+)$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    const cpus = line ? parseCpuList(line[1]!) : null;
    if (cpus) return cpus;
  } catch {
    // not Linux: no /proc
  }
  return Array.from({ length: availableParallelism() }, (_, i) => i);
}

/** The last k allowed CPUs for k threads (all of them when k is at least their count). */
export function cpusForThreads(threads: number, allowed: readonly number[]): number[] {
  return allowed.slice(-Math.max(1, Math.min(threads, allowed.length)));
}

/** taskset's CPU list: 0,1,2 */
export const cpuList = (cpus: readonly number[]): string => cpus.join(',');
