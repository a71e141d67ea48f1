// Pinning processes to CPUs with Linux's taskset: a micro run's children start under it, a
// load run's servers and client are moved onto their CPUs right after they start.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/** where taskset lives on Linux; without it nothing can be pinned */
export const TASKSET_PATH = '/usr/bin/taskset';

const run = promisify(execFile);

/**
 * Moves every thread a running process has onto these CPUs (taskset -a). Threads it starts
 * later (libuv's pool, autocannon's workers) inherit the CPUs of the thread that starts them.
 */
export async function pinProcess(pid: number, cpus: readonly number[]): Promise<void> {
  const fail = (why: string) => new Error(`could not pin process ${pid} to CPU ${cpus.join(',')}: ${why}`);
  // taskset -a reports success for a process that is gone: ask first.
  try {
    process.kill(pid, 0);
  } catch {
    throw fail('no such process');
  }
  try {
    await run(TASKSET_PATH, ['-a', '-p', '-c', cpus.join(','), String(pid)]);
  } catch (error) {
    throw fail((error as { stderr?: string }).stderr?.trim() || (error as Error).message);
  }
}
