// Recovers an RSA public key from two tokens it signed (RS256/384/512), for key confusion
// without a published key: each signature s of message m (the PKCS#1 v1.5 encoding of the
// token's hash) satisfies s^e = m (mod n), so n divides gcd(s1^e - m1, s2^e - m2), as
// PortSwigger's algorithm-confusion lab and rsa_sign2n do, bounded in time. With e = 3 a BigInt
// gcd takes milliseconds. With e = 65537, s^e is e x 2048 bits long and a BigInt (Euclid) gcd
// would take years; GMP's subquadratic gcd (gmp-wasm, in a worker thread that the CPU bound
// or Ctrl-C terminates) took 89 s for a 2048-bit key, 39 s for 1024 and 17 s for 512 here.
// The bound counts CPU time, not wall time: the gcd's one thread gets only its share of a busy
// machine (5% of a core at a load average of 20 on 2 cores), and a wall-clock bound then gave
// up on a key it would have found, leaving a forgeable verifier untested.
import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';

const DIGEST_INFO: Record<string, { hash: string; prefix: string }> = {
  RS256: { hash: 'sha256', prefix: '3031300d060960864801650304020105000420' },
  RS384: { hash: 'sha384', prefix: '3041300d060960864801650304020205000430' },
  RS512: { hash: 'sha512', prefix: '3051300d060960864801650304020305000440' },
};

/** The default CPU bound, in seconds: a 2048-bit key took 89-122 s of CPU here (docs/probe.md). */
export const RECOVER_SECONDS = 300;

/** The public exponents tried: 3 with a BigInt gcd, then 65537 (nearly every real key) on GMP. */
const EXPONENTS = [3n, 65537n];

const toBig = (b: Buffer) => BigInt(`0x${b.toString('hex') || '0'}`);
const toB64u = (n: bigint) => {
  const hex = n.toString(16);
  return Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex').toString('base64url');
};

function encodedMessage(alg: string, token: string, k: number): bigint {
  const { hash, prefix } = DIGEST_INFO[alg]!;
  const input = token.slice(0, token.lastIndexOf('.'));
  const t = Buffer.concat([Buffer.from(prefix, 'hex'), createHash(hash).update(input, 'ascii').digest()]);
  // EM = 0x00 || 0x01 || PS (0xff...) || 0x00 || T, k bytes in all (RFC 8017 §9.2)
  return toBig(Buffer.concat([Buffer.from([0, 1]), Buffer.alloc(k - t.length - 3, 0xff), Buffer.from([0]), t]));
}

class OutOfTime extends Error {}

function gcd(a: bigint, b: bigint, spent: () => boolean): bigint {
  let steps = 0;
  while (b !== 0n) {
    if ((++steps & 15) === 0 && spent()) throw new OutOfTime();
    [a, b] = [b, a % b];
  }
  return a;
}

/** gcd(s1^e - m1, s2^e - m2) on GMP in a worker, or null when the CPU bound or the signal ends it first. */
async function gmpGcd(task: { s1: bigint; s2: bigint; m1: bigint; m2: bigint; e: bigint }, spent: () => boolean, signal?: AbortSignal): Promise<bigint | null> {
  const worker = new Worker(new URL('./gcd-worker.js', import.meta.url), {
    workerData: { s1: task.s1.toString(), s2: task.s2.toString(), m1: task.m1.toString(), m2: task.m2.toString(), e: Number(task.e) },
  });
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  try {
    return await new Promise<bigint | null>((resolve, reject) => {
      // The process's CPU time is the worker's: the main thread waits for it, idle.
      timer = setInterval(() => spent() && resolve(null), 100);
      onAbort = () => resolve(null);
      signal?.addEventListener('abort', onAbort, { once: true });
      worker.once('message', (gcd: string) => resolve(BigInt(gcd)));
      worker.once('error', reject);
    });
  } finally {
    clearInterval(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    await worker.terminate();
  }
}

export type Recovery =
  | { state: 'recovered'; publicKey: KeyObject; exponent: number; durationMs: number; cpuMs: number }
  | { state: 'failed'; reason: string; durationMs: number; cpuMs?: number };

/** Tries each common exponent within `cpuBudgetMs` of CPU time in all; the key must verify both tokens. */
export async function recoverRsaKey(tokens: [string, string], alg: string, cpuBudgetMs: number, verifies: (key: KeyObject) => boolean, signal?: AbortSignal): Promise<Recovery> {
  const started = performance.now();
  const startedCpu = process.cpuUsage();
  const cpuMs = () => {
    const used = process.cpuUsage(startedCpu);
    return (used.user + used.system) / 1000;
  };
  const spent = () => cpuMs() > cpuBudgetMs;
  const done = () => performance.now() - started;
  if (!(alg in DIGEST_INFO)) return { state: 'failed', reason: `applies to RS256/384/512 tokens; these are ${alg}`, durationMs: 0 };
  if (tokens[0] === tokens[1]) return { state: 'failed', reason: 'the two tokens are the same; give two tokens with different claims', durationMs: 0 };
  const sigs = tokens.map((t) => Buffer.from(t.slice(t.lastIndexOf('.') + 1), 'base64url'));
  const k = sigs[0]!.length;
  if (sigs[1]!.length !== k || k < 64) return { state: 'failed', reason: 'the two signatures differ in length: not one RSA key', durationMs: 0 };
  const [m1, m2] = tokens.map((t) => encodedMessage(alg, t, k)) as [bigint, bigint];
  const [s1, s2] = sigs.map(toBig) as [bigint, bigint];
  const outOfTime: string[] = [];
  for (const e of EXPONENTS) {
    try {
      if (spent()) throw new OutOfTime();
      const found = e === 3n ? gcd(s1 ** e - m1, s2 ** e - m2, spent) : await gmpGcd({ s1, s2, m1, m2, e }, spent, signal);
      if (found === null) throw new OutOfTime();
      let n = found;
      // The gcd may carry small cofactors: strip them (n itself has no small prime factors).
      for (let p = 2n; p < 10_000n; p += p === 2n ? 1n : 2n) while (n % p === 0n && n > p) n /= p;
      if (n.toString(2).length > 8 * k || n.toString(2).length < 8 * k - 8) continue;
      const publicKey = createPublicKey({ key: { kty: 'RSA', n: toB64u(n), e: toB64u(e) }, format: 'jwk' });
      if (verifies(publicKey)) return { state: 'recovered', publicKey, exponent: Number(e), durationMs: done(), cpuMs: cpuMs() };
    } catch (error) {
      if (!(error instanceof OutOfTime)) throw error;
      outOfTime.push(`e = ${e}`);
    }
  }
  return {
    state: 'failed', durationMs: done(), cpuMs: cpuMs(),
    reason: outOfTime.length > 0
      ? `the gcd for ${outOfTime.join(' and ')} did not finish within ${Number((cpuBudgetMs / 1000).toFixed(1))} s of CPU (${(done() / 1000).toFixed(0)} s of wall time; with e = 65537 the numbers are ${k * 8 * 65537} bits long; give --recover-seconds more, or --public-key)`
      : `no key with e = ${EXPONENTS.join(' or e = ')} signed both tokens: give --public-key`,
  };
}
