// The processes a test started and their descendants, read from /proc (Linux) by following each
// process's children list down from the test's own child: a test checks its own process tree,
// never every process on the machine (other runs of jwtbench may be going on).
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';

/** A process, told apart from a later one that reuses its pid by its start time. */
export interface Proc {
  pid: number;
  startTicks: string;
  /** the command name (/proc/<pid>/stat field 2), e.g. node or git */
  name: string;
  /**
   * the command line is its parent's: forked, not yet exec'd. node's child_process.spawn('git')
   * is such a "node" for a moment, and a 50 ms watch caught one in a fresh clone's CI.
   */
  forkNotYetExec: boolean;
}

const cmdline = (pid: number): string | null => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return null;
  }
};

/** The start time and command name from /proc/<pid>/stat; null when the process is gone. */
function stat(pid: number): { ticks: string; name: string } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: the fields after the last ')'.
    const ticks = text.slice(text.lastIndexOf(')') + 2).split(' ')[19];
    return ticks === undefined ? null : { ticks, name: text.slice(text.indexOf('(') + 1, text.lastIndexOf(')')) };
  } catch {
    return null;
  }
}

const startTicks = (pid: number): string | null => stat(pid)?.ticks ?? null;

/** The direct children of a process, from each of its threads' /proc children list. */
function children(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) => {
      try {
        return readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ').filter((x) => x !== '').map(Number);
      } catch {
        return []; // the thread ended meanwhile
      }
    });
  } catch {
    return []; // the process ended, or no /proc
  }
}

/** Every descendant of `root` (children, their children ...), not `root` itself. */
export function descendants(root: number): Proc[] {
  const found: Proc[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    const parentLine = cmdline(parent);
    for (const pid of children(parent)) {
      const s = stat(pid);
      if (s === null) continue;
      const line = cmdline(pid);
      found.push({ pid, startTicks: s.ticks, name: s.name, forkNotYetExec: line !== null && line !== '' && line === parentLine });
      queue.push(pid);
    }
  }
  return found;
}

/** Those of `procs` still running (the same process, not a new one under a reused pid). */
export function stillRunning(procs: readonly Proc[]): Proc[] {
  return procs.filter((p) => startTicks(p.pid) === p.startTicks);
}

/**
 * Records the descendants of `root` every `everyMs` until stopped: once a process has exited its
 * orphans are re-parented away from it, so the tree is read while it is alive.
 */
export function watchDescendants(root: number, everyMs = 50): { seen(): Proc[]; stop(): Proc[] } {
  const seen = new Map<string, Proc>();
  // The latest sight wins: a fork seen before and after its exec is the program it became.
  const look = () => { for (const p of descendants(root)) seen.set(`${p.pid}/${p.startTicks}`, p); };
  look();
  const timer = setInterval(look, everyMs);
  timer.unref();
  return {
    seen: () => [...seen.values()],
    stop: () => { clearInterval(timer); return [...seen.values()]; },
  };
}

/** `jwtbench serve`'s two servers stop with it on SIGTERM, and it exits 0. */
export async function sigtermStopsServe(child: ChildProcess): Promise<void> {
  const servers = descendants(child.pid!);
  assert.equal(servers.length, 2, 'the issuer and the verifier');
  child.kill('SIGTERM');
  const [code] = await once(child, 'exit') as [number];
  assert.equal(code, 0);
  assert.deepEqual(stillRunning(servers), []);
}
