// A reusable start line for worker threads sharing one SharedArrayBuffer: every thread of a
// case arrives, the last one stamps the time and releases the rest, so all measure the same
// window. Any thread can abort it (a failed warm-up), which releases the others with an error.
const ARRIVE_SLOTS = 2;
const ABORT = ARRIVE_SLOTS;
const INT_SLOTS = 4; // arrive#0, arrive#1, abort flag, padding (keeps the Float64 view aligned)
const WAIT_SLICE_MS = 50;

export interface BarrierLayout {
  threads: number;
  buffer: SharedArrayBuffer;
}

export function createBarrier(threads: number): BarrierLayout {
  // Float64 slots: [release time of phase 0, release time of phase 1, end time of each thread...]
  const buffer = new SharedArrayBuffer(INT_SLOTS * 4 + (ARRIVE_SLOTS + threads) * 8);
  return { threads, buffer };
}

export class BarrierAborted extends Error {
  constructor() {
    super('another thread of this case failed before the measurement started');
  }
}

export class Barrier {
  readonly #ints: Int32Array;
  readonly #floats: Float64Array;
  readonly #threads: number;

  constructor(layout: BarrierLayout) {
    this.#ints = new Int32Array(layout.buffer, 0, INT_SLOTS);
    this.#floats = new Float64Array(layout.buffer, INT_SLOTS * 4);
    this.#threads = layout.threads;
  }

  /**
   * Waits until every thread has arrived at `phase`; returns the time (from `now`) at which
   * the last one arrived. Throws BarrierAborted if a thread aborted, or on timeout.
   */
  arrive(phase: 0 | 1, now: () => number, timeoutMs: number): number {
    const ints = this.#ints;
    if (Atomics.add(ints, phase, 1) + 1 === this.#threads) {
      this.#floats[phase] = now();
      Atomics.store(ints, phase, this.#threads + 1); // "released": distinct from any arrival count
      Atomics.notify(ints, phase);
    } else {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (Atomics.load(ints, ABORT) !== 0) throw new BarrierAborted();
        const seen = Atomics.load(ints, phase);
        if (seen > this.#threads) break;
        if (Date.now() > deadline) throw new Error(`worker threads did not all start within ${timeoutMs} ms`);
        Atomics.wait(ints, phase, seen, WAIT_SLICE_MS);
      }
    }
    if (Atomics.load(ints, ABORT) !== 0) throw new BarrierAborted();
    return this.#floats[phase]!;
  }

  abort(): void {
    Atomics.store(this.#ints, ABORT, 1);
    for (let phase = 0; phase < ARRIVE_SLOTS; phase++) Atomics.notify(this.#ints, phase);
  }

  setThreadEnd(threadIndex: number, value: number): void {
    this.#floats[ARRIVE_SLOTS + threadIndex] = value;
  }

  /** The common window's end: the earliest time any thread finished. Call after phase 1. */
  commonEnd(): number {
    let end = Infinity;
    for (let i = 0; i < this.#threads; i++) end = Math.min(end, this.#floats[ARRIVE_SLOTS + i]!);
    return end;
  }
}
