// tinybench reads its clock exactly twice per iteration (before and after the call). This
// clock hands it performance.now() and, while recording, keeps both readings, so we know
// when each operation finished — what a common multi-thread window needs — and the
// latency of each one in order, at the cost of one array push per reading.
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
    const t = performance.now();
    if (this.#recording) {
      if (this.#nextIsStart) this.starts.push(t);
      else this.ends.push(t);
      this.#nextIsStart = !this.#nextIsStart;
    }
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
