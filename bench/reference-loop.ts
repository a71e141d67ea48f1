// The machine's own speed, measured the same way before each round: a fixed workload (SHA-256
// of 64 bytes, node:crypto, on the measuring process's main thread) counted for a short time.
// Nothing in jwtbench changes it, so when it moves between rounds or between two runs, the
// machine moved (another tenant, a clock change), and figures that moved with it say so.
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';

export const REFERENCE_WORKLOAD = 'SHA-256 of 64 bytes (node:crypto createHash), main thread';
export const REFERENCE_MS = 50;

const input = Buffer.alloc(64, 0x6a);

let warm = false;

/** Operations per second of the reference workload over about `ms` milliseconds. */
export function referenceRate(ms = REFERENCE_MS): number {
  // The first count in a process ran 30% below the rest (the loop not yet compiled): discard one.
  if (!warm) {
    warm = true;
    count(ms);
  }
  return count(ms);
}

function count(ms: number): number {
  let ops = 0;
  const start = performance.now();
  let now = start;
  // Read the clock every 64 calls: a call is about a microsecond, a clock read a few tens of ns.
  while (now - start < ms) {
    for (let i = 0; i < 64; i++) createHash('sha256').update(input).digest();
    ops += 64;
    now = performance.now();
  }
  return ops / ((now - start) / 1000);
}
