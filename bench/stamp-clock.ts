// tinybench reads its clock exactly twice per iteration (before and after the call). This
// clock hands it performance.now() and, while recording, keeps both readings, so we know
// when each operation finished — what a common multi-thread window needs — and the
// latency of each one in order, at the cost of one array push per reading, made outside the
// timed interval: a start is pushed before the clock is read, an end after.
import { performance } from 'node:perf_hooks';

export class StampClock {
  starts: number[] = [];
  ends: number[] = [];
  #recording = false;
  #nextIsStart = true;
  /** add to a performance.now() reading to get process-wide monotonic time (ms) */
  readonly offsetMs: number;

  constructor() {
    // performance.now() counts from each thread's own origin; hrtime is shared by all threads.
    this.offsetMs = Number(process.hrtime.bigint()) / 1e6 - performance.now();
  }

  readonly now = (): number => {
    if (!this.#recording) return performance.now();
    if (this.#nextIsStart) {
      // The slot first (a push may grow the array), then the reading: the call's time holds a store only.
      const i = this.starts.push(0) - 1;
      this.#nextIsStart = false;
      return (this.starts[i] = performance.now());
    }
    const t = performance.now();
    this.ends.push(t);
    this.#nextIsStart = true;
    return t;
  };

  /** process-wide monotonic time in ms, comparable across worker threads */
  shared(): number {
    return performance.now() + this.offsetMs;
  }

  start(): void {
    this.starts = [];
    this.ends = [];
    this.#nextIsStart = true;
    this.#recording = true;
  }

  stop(): void {
    this.#recording = false;
  }
}
