// Progress for long runs: one rewritten line on stderr when it is a terminal (cases done,
// total, time left), nothing at all otherwise, so logs and pipes stay clean.
export interface Progress {
  update(done: number, total: number, label: string, elapsedMs: number): void;
  done(): void;
}

function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr, enabled = stream.isTTY === true): Progress {
  if (!enabled) return { update() {}, done() {} };
  let shown = false;
  return {
    update(done, total, label, elapsedMs) {
      const left = done > 0 ? `~${duration((elapsedMs / done) * (total - done))} left` : 'estimating time left';
      const line = `[${done + 1}/${total}] ${label} · ${duration(elapsedMs)} elapsed · ${left}`;
      const width = stream.columns ?? 100;
      stream.write(`\r\x1b[K${line.slice(0, width - 1)}`);
      shown = true;
    },
    done() {
      if (shown) stream.write('\r\x1b[K');
      shown = false;
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
 * child's stderr is a pipe, so it reports its progress to the parent, which draws the line.
 * Elsewhere, the ordinary line on a terminal.
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
