// A piscina worker: runs one thread of one case. Warm up, wait at the barrier with the other
// threads, measure with tinybench, then agree on the common window and count what finished in it.
import { performance } from 'node:perf_hooks';
import { Bench, type Task } from 'tinybench';
import { ALGORITHMS } from '../core/algorithms.js';
import { Barrier, BarrierAborted } from './barrier.js';
import type { ThreadResult, ThreadTask } from './case.js';
import { BUILTIN_SOURCES, loadEngineSet, type EngineSet } from './engines/engine-set.js';
import { buildPayload } from './payloads.js';
import { StampClock } from './stamp-clock.js';
import { withSlowdown } from './test-slowdown.js';

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Index of the first element greater than `limit` in an ascending array. */
function countAtMost(sorted: number[], limit: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function resultOf(task: Task): Task['result'] {
  return task.result;
}

// A worker thread serves every case of a run, so it loads the run's engines once.
let engineSet: { key: string; set: Promise<EngineSet> } | undefined;
function enginesOf(task: ThreadTask): Promise<EngineSet> {
  const sources = task.sources ?? BUILTIN_SOURCES;
  const key = JSON.stringify(sources);
  if (engineSet?.key !== key) engineSet = { key, set: loadEngineSet(sources) };
  return engineSet.set;
}

async function timedFunction(task: ThreadTask): Promise<{ fn: () => unknown; async: boolean; check: () => Promise<void>; tokenBytes: () => number }> {
  const { spec } = task;
  const alg = ALGORITHMS[spec.alg];
  const named = (await enginesOf(task)).get(spec.engine);
  if (!named) throw new Error(`no engine named ${spec.engine} in this worker`);
  const engine = await named.prepare({
    alg, keys: task.keys, payload: buildPayload(spec.payload, task.nowS), keyPrep: spec.keyPrep,
  });
  if (spec.op === 'verify') {
    const token = await engine.sign();
    await engine.verify(token); // the token is known good before any call is timed
    return { fn: engine.async ? () => engine.verify(token) : () => { engine.verify(token); }, async: engine.async, check: async () => {}, tokenBytes: () => token.length };
  }
  let last = '';
  const fn = engine.async
    ? async () => { last = await engine.sign(); }
    : () => { last = engine.sign() as string; };
  // A signature that does not verify would mean the timed calls produced garbage.
  return { fn, async: engine.async, check: async () => { await engine.verify(last); }, tokenBytes: () => last.length };
}

export default async function runThread(task: ThreadTask): Promise<ThreadResult> {
  const barrier = new Barrier(task.barrier);
  const clock = new StampClock();
  try {
    const timed = await timedFunction(task);
    const { async, check } = timed;
    const slow = task.testSlowdown;
    const fn = slow && slow.engine === task.spec.engine && slow.op === task.spec.op ? await withSlowdown(timed.fn, async, slow.fraction, `${task.spec.id}#${task.threadIndex}`, task.warmup !== true) : timed.fn;
    const bench = new Bench({
      time: task.budget.timeMs,
      iterations: task.budget.minSamples,
      warmup: false,
      warmupTime: task.budget.warmupMs,
      warmupIterations: Math.min(16, task.budget.minSamples),
      now: clock.now,
      setup: (_task, mode) => { if (mode === 'run') clock.start(); },
      teardown: (_task, mode) => { if (mode === 'run') clock.stop(); },
    });
    bench.add(task.spec.id, fn, { async });
    const tbTask = bench.getTask(task.spec.id) as Task;
    if (async) await tbTask.warmup();
    else tbTask.warmupSync();
    if (tbTask.result.state === 'errored') throw tbTask.result.error;

    const windowStartMs = barrier.arrive(0, () => clock.shared(), task.barrierTimeoutMs);
    // How much of the timed run this thread was busy: an async engine's calls wait off-thread
    // (jose's on libuv's threadpool), and that wait decides how far more threads can scale.
    const loop = performance.eventLoopUtilization();
    if (async) await tbTask.run();
    else tbTask.runSync();
    const eventLoopUtilization = performance.eventLoopUtilization(loop).utilization;
    const result = resultOf(tbTask); // re-read: the run changed it
    if (result.state !== 'completed') {
      throw result.state === 'errored' ? result.error : new Error(`tinybench ended in state ${result.state}`);
    }
    await check();
    const { starts, ends } = clock;
    if (starts.length !== ends.length || ends.length !== result.latency.samplesCount) {
      throw new Error(`clock bookkeeping mismatch: ${starts.length}/${ends.length} readings for ${result.latency.samplesCount} samples`);
    }
    barrier.setThreadEnd(task.threadIndex, ends[ends.length - 1]! + clock.offsetMs);
    barrier.arrive(1, () => clock.shared(), task.barrierTimeoutMs);
    const windowEndMs = barrier.commonEnd();
    // A nanosecond of slack: the window's end went through the shared clock's offset and back,
    // and floating point left the thread that ended it one call short of its own last call.
    const opsInWindow = countAtMost(ends, windowEndMs - clock.offsetMs + 1e-6);
    // Only the calls inside the common window: after the first thread stops, the others run with
    // less contention (jose's shared threadpool most), and their calls would flatter the figure.
    // With one thread the window is the whole run. A thread with no call inside keeps all its calls.
    const kept = opsInWindow > 0 ? opsInWindow : ends.length;
    const latencyNs = new Float64Array(kept);
    for (let i = 0; i < kept; i++) latencyNs[i] = (ends[i]! - starts[i]!) * 1e6;
    return {
      state: 'completed',
      opsInWindow,
      windowStartMs,
      windowEndMs,
      latencyNs,
      tinybench: { meanNs: result.latency.mean * 1e6, rme: result.latency.rme, samples: result.latency.samplesCount },
      tokenBytes: timed.tokenBytes(),
      eventLoopUtilization,
    };
  } catch (error) {
    if (!(error instanceof BarrierAborted)) barrier.abort();
    return { state: 'errored', error: message(error) };
  }
}
