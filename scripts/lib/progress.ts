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
