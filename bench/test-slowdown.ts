// TEST-ONLY: adds a fixed amount of CPU work to every timed call of one engine's op, so the
// verdicts of `jwtbench compare` can be checked against a slowdown of known size. The work is
// sized once per thread: `fraction` of the op's own mean time, measured just before.
import { performance } from 'node:perf_hooks';

let sink = 0;
function spin(iterations: number): void {
  let x = sink;
  for (let i = 0; i < iterations; i++) x = (x * 1664525 + 1013904223) % 4294967296;
  sink = x;
}

/** Mean time of a call over at least `minMs` and 50 calls. */
async function meanMs(fn: () => unknown, minMs: number): Promise<number> {
  const start = performance.now();
  let calls = 0;
  while (calls < 50 || performance.now() - start < minMs) {
    await fn();
    calls += 1;
  }
  return (performance.now() - start) / calls;
}

/** Spin sizes by case and thread: sized once, so every timed repeat adds the same fixed work. */
const sized = new Map<string, number>();

/**
 * The timed function with the slowdown's work appended to every call; `key` names the case and
 * thread. The size is fixed at the first timed round (`lock`), not in a warm-up round, where
 * the op is still slow and the work would come out too large (it measured +21% for 10%).
 */
export async function withSlowdown(fn: () => unknown, async: boolean, fraction: number, key: string, lock: boolean): Promise<() => unknown> {
  const iterations = sized.get(key) ?? await size(fn, fraction);
  if (lock) sized.set(key, iterations);
  return async
    ? async () => { await fn(); spin(iterations); }
    : () => { fn(); spin(iterations); };
}

/** Spin iterations worth `fraction` of one call of fn. */
async function size(fn: () => unknown, fraction: number): Promise<number> {
  await meanMs(fn, 100); // warm first: a cold call is slower and would inflate the added work
  const opMs = await meanMs(fn, 200);
  // Size the spin in the shape it runs in: many short calls, not one long loop (which V8
  // optimises on the stack and runs about twice as fast per iteration).
  const target = opMs * fraction;
  let iterations = 1000;
  for (let round = 0; round < 3; round++) {
    const calls = Math.max(200, Math.round(20 / Math.max(target, 1e-3)));
    for (let i = 0; i < calls; i++) spin(iterations);
    const start = performance.now();
    for (let i = 0; i < calls; i++) spin(iterations);
    const perCallMs = (performance.now() - start) / calls;
    iterations = Math.max(1, Math.round((iterations * target) / perCallMs));
  }
  return iterations;
}
