// Progress for long runs, always on stderr (stdout stays the results'): on a terminal, one
// rewritten line (step, total, time left); elsewhere (a pipe, a CI log), a plain line at the
// first step and then at most every few seconds, and a heartbeat when one step lasts longer,
// so a log never goes quiet for minutes and never fills with a line per case.
export interface Progress {
  update(done: number, total: number, label: string, elapsedMs: number): void;
  done(): void;
}

/** How often a plain (not a terminal) progress line is written at most, and at least while work runs. */
export const PLAIN_EVERY_MS = 5_000;

function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

/**
 * `[3/10] label · 12s elapsed · ~40s left`: the same words on a terminal and in a log; `sinceMs`
 * is how long ago the step started (a heartbeat's line), taken off the time left.
 */
export function progressLine(done: number, total: number, label: string, elapsedMs: number, sinceMs = 0): string {
  const left = done > 0 ? `~${duration((elapsedMs / done) * (total - done) - sinceMs)} left` : 'estimating time left';
  return `[${Math.min(done + 1, total)}/${total}] ${label} · ${duration(elapsedMs + sinceMs)} elapsed · ${left}`;
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr, live = stream.isTTY === true): Progress {
  return live ? liveProgress(stream) : plainProgress(stream);
}

function liveProgress(stream: NodeJS.WriteStream): Progress {
  let shown = false;
  return {
    update(done, total, label, elapsedMs) {
      const width = stream.columns ?? 100;
      stream.write(`\r\x1b[K${progressLine(done, total, label, elapsedMs).slice(0, width - 1)}`);
      shown = true;
    },
    done() {
      if (shown) stream.write('\r\x1b[K');
      shown = false;
    },
  };
}

/** A line now and then: the latest step, its elapsed time brought up to the moment it is written. */
function plainProgress(stream: NodeJS.WriteStream, everyMs = PLAIN_EVERY_MS): Progress {
  let last: { done: number; total: number; label: string; elapsedMs: number; at: number } | null = null;
  let writtenAt = -Infinity;
  const write = () => {
    if (last === null) return;
    writtenAt = Date.now();
    stream.write(`${progressLine(last.done, last.total, last.label, last.elapsedMs, writtenAt - last.at)}\n`);
  };
  // The heartbeat covers a step that lasts longer than a line's interval (a load run, a key search).
  let timer: NodeJS.Timeout | null = null;
  return {
    update(done, total, label, elapsedMs) {
      last = { done, total, label, elapsedMs, at: Date.now() };
      if (Date.now() - writtenAt >= everyMs) write();
      if (timer === null) {
        timer = setInterval(() => { if (Date.now() - writtenAt >= everyMs) write(); }, everyMs / 5);
        timer.unref();
      }
    },
    done() {
      if (timer !== null) clearInterval(timer);
      timer = null;
      last = null;
    },
  };
}

/** What a child run sends its parent over IPC instead of drawing a line of its own. */
export interface ProgressMessage {
  type: 'jwtbench-progress';
  done: number;
  total: number;
  label: string;
}

export function isProgressMessage(m: unknown): m is ProgressMessage {
  const o = m as Partial<ProgressMessage> | null;
  return typeof o === 'object' && o !== null && o.type === 'jwtbench-progress' && typeof o.done === 'number' && typeof o.total === 'number' && typeof o.label === 'string';
}

/**
 * In a child process with an IPC channel to its parent (micro --processes, a pinned run), the
 * child's stderr is a pipe, so it reports its progress to the parent, which writes the line.
 * Elsewhere, the ordinary progress on stderr.
 */
export function createRunProgress(stream: NodeJS.WriteStream, isChild: boolean): Progress {
  const send = process.send?.bind(process);
  if (!isChild || !send || !process.connected) return createProgress(stream);
  // The channel must not keep the child alive once its run is over.
  process.channel?.unref();
  return {
    update(done, total, label) {
      if (process.connected) send({ type: 'jwtbench-progress', done, total, label } satisfies ProgressMessage);
    },
    done() {},
  };
}
