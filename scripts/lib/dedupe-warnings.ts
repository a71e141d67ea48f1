// Another runtime's stderr, passed through with each distinct process warning once: Node 24
// prints WebCrypto ML-DSA's ExperimentalWarning in every worker, which buried a CI log's
// progress lines under copies of one sentence. Nothing else is held back.

const WARNING = /^\(node:\d+\) (?:\[\w+\] )?(\w*Warning): (.*)$/;
const HINT = /^\(Use `\S+ --trace-\w+ \.\.\.` to show where the warning was created\)$/;

/** A line filter: feed it chunks, it calls `write` with what to show; `end` flushes and says how many copies it held back. */
export function dedupeWarnings(write: (text: string) => void): { push(chunk: string): void; end(): void } {
  const seen = new Set<string>();
  let held = 0;
  let partial = '';
  let skipHint = false;
  const line = (text: string) => {
    const warning = WARNING.exec(text);
    if (warning) {
      const key = `${warning[1]}: ${warning[2]}`;
      skipHint = seen.has(key);
      if (skipHint) { held += 1; return; }
      seen.add(key);
    } else if (HINT.test(text)) {
      if (skipHint) return;
    } else {
      skipHint = false;
    }
    write(`${text}\n`);
  };
  return {
    push(chunk) {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop()!;
      for (const l of lines) line(l);
    },
    end() {
      if (partial !== '') line(partial);
      partial = '';
      if (held > 0) write(`(${held} more cop${held === 1 ? 'y' : 'ies'} of the warnings above, from other workers, not shown)\n`);
    },
  };
}
