// Every child process jwtbench starts is registered here and killed when jwtbench exits,
// however it exits: the children also exit on their own when their IPC channel closes.
import { fork, spawn, type ChildProcess, type ForkOptions, type SpawnOptions } from 'node:child_process';

const live = new Set<ChildProcess>();

process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export interface ForkedChild {
  child: ChildProcess;
  /** the last few KB the child wrote to stderr, for error messages */
  stderrTail(): string;
  /** resolves when the child has exited */
  exited: Promise<number | null>;
}

export function forkTracked(modulePath: string, options: ForkOptions = {}): ForkedChild {
  return track(fork(modulePath, [], { serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'], ...options }));
}

/** A child that is not Node (Valgrind, another runtime), tracked and killed on exit as forked ones are. */
export function spawnTracked(file: string, args: string[], options: SpawnOptions = {}): ForkedChild {
  return track(spawn(file, args, { stdio: ['ignore', 'ignore', 'pipe'], ...options }));
}

function track(child: ChildProcess): ForkedChild {
  live.add(child);
  let tail = '';
  child.stderr?.on('data', (chunk: Buffer) => { tail = (tail + chunk.toString('utf8')).slice(-4096); });
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => { live.delete(child); resolve(code); });
  });
  return { child, stderrTail: () => tail.trim(), exited };
}

/** Asks politely (SIGTERM), then insists (SIGKILL) after graceMs. */
export async function stopChild(forked: ForkedChild, graceMs = 3_000): Promise<void> {
  const { child } = forked;
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await forked.exited;
  clearTimeout(timer);
}

export function liveChildren(): number {
  return live.size;
}

/** Sends a message and waits for the first reply of the given type. */
export function request<T extends { type: string }>(forked: ForkedChild, message: unknown, replyType: T['type'], timeoutMs: number): Promise<T> {
  const { child } = forked;
  return new Promise<T>((resolve, reject) => {
    const onMessage = (reply: { type?: string }) => {
      if (reply?.type === replyType) { cleanup(); resolve(reply as T); }
    };
    const onExit = (code: number | null) => {
      cleanup();
      const tail = forked.stderrTail();
      reject(new Error(`child process exited (code ${code}) before answering${tail ? `: ${tail.split('\n').slice(-3).join(' | ')}` : ''}`));
    };
    const timer = setTimeout(() => { cleanup(); reject(new Error(`no ${replyType} reply within ${timeoutMs} ms`)); }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
    child.send(message as never);
  });
}
