// The processes a test started and their descendants, read from /proc (Linux): a test checks its
// own process tree, never every process on the machine (other runs of jwtbench may be going on).
import { readdirSync, readFileSync } from 'node:fs';

/** A process, told apart from a later one that reuses its pid by its start time. */
export interface Proc {
  pid: number;
  startTicks: string;
}

/** pid, parent pid and start time from /proc/<pid>/stat; null when the process is gone. */
function stat(pid: number): { ppid: number; startTicks: string } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: the fields after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), startTicks: fields[19]! };
  } catch {
    return null;
  }
}

/** Every descendant of `root` (children, their children ...), not `root` itself. */
export function descendants(root: number): Proc[] {
  const children = new Map<number, Proc[]>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const s = stat(pid);
    if (!s) continue;
    children.set(s.ppid, [...(children.get(s.ppid) ?? []), { pid, startTicks: s.startTicks }]);
  }
  const found: Proc[] = [];
  const queue = [root];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child.pid);
    }
  }
  return found;
}

/** Those of `procs` still running (the same process, not a new one under a reused pid). */
export function stillRunning(procs: readonly Proc[]): Proc[] {
  return procs.filter((p) => stat(p.pid)?.startTicks === p.startTicks);
}

/**
 * Records the descendants of `root` every `everyMs` until stopped: once a process has exited its
 * orphans are re-parented away from it, so the tree is read while it is alive.
 */
export function watchDescendants(root: number, everyMs = 50): { seen(): Proc[]; stop(): Proc[] } {
  const seen = new Map<string, Proc>();
  const look = () => { for (const p of descendants(root)) seen.set(`${p.pid}/${p.startTicks}`, p); };
  look();
  const timer = setInterval(look, everyMs);
  timer.unref();
  return {
    seen: () => [...seen.values()],
    stop: () => { clearInterval(timer); return [...seen.values()]; },
  };
}
