// Recovers an RSA public key from two tokens it signed (RS256/384/512), for key confusion
// without a published key: each signature s of message m (the PKCS#1 v1.5 encoding of the
// token's hash) satisfies s^e = m (mod n), so n divides gcd(s1^e - m1, s2^e - m2), as
// PortSwigger's algorithm-confusion lab and rsa_sign2n do, bounded in time. With e = 3 a BigInt
// gcd takes milliseconds. With e = 65537, s^e is e x 2048 bits long and a BigInt (Euclid) gcd
// would take years; GMP's subquadratic gcd (gmp-wasm, in a worker thread that the time bound
// or Ctrl-C terminates) took 89 s for a 2048-bit key, 39 s for 1024 and 17 s for 512 here.
import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';

const DIGEST_INFO: Record<string, { hash: string; prefix: string }> = {
  RS256: { hash: 'sha256', prefix: '3031300d060960864801650304020105000420' },
  RS384: { hash: 'sha384', prefix: '3041300d060960864801650304020205000430' },
  RS512: { hash: 'sha512', prefix: '3051300d060960864801650304020305000440' },
};

/**
 * The default time bound. The gcd is about 90-120 s of CPU for a 2048-bit key, and its one
 * thread gets a share of a busy machine's cores: 316 s at a load average of 8-10 on 2 cores
 * (docs/probe.md), so 120 s gave up there, and a forgeable verifier read as clean.
 */
export const RECOVER_SECONDS = 600;

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

function gcd(a: bigint, b: bigint, deadline: number): bigint {
  let steps = 0;
  while (b !== 0n) {
    if ((++steps & 15) === 0 && performance.now() > deadline) throw new OutOfTime();
    [a, b] = [b, a % b];
  }
  return a;
}

/** gcd(s1^e - m1, s2^e - m2) on GMP in a worker, or null when the deadline or the signal ends it first. */
async function gmpGcd(task: { s1: bigint; s2: bigint; m1: bigint; m2: bigint; e: bigint }, deadline: number, signal?: AbortSignal): Promise<bigint | null> {
  const worker = new Worker(new URL('./gcd-worker.js', import.meta.url), {
    workerData: { s1: task.s1.toString(), s2: task.s2.toString(), m1: task.m1.toString(), m2: task.m2.toString(), e: Number(task.e) },
  });
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  try {
    return await new Promise<bigint | null>((resolve, reject) => {
      timer = setTimeout(() => resolve(null), Math.max(0, deadline - performance.now()));
      onAbort = () => resolve(null);
      signal?.addEventListener('abort', onAbort, { once: true });
      worker.once('message', (gcd: string) => resolve(BigInt(gcd)));
      worker.once('error', reject);
    });
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    await worker.terminate();
  }
}

export type Recovery =
  | { state: 'recovered'; publicKey: KeyObject; exponent: number; durationMs: number }
  | { state: 'failed'; reason: string; durationMs: number };

/** Tries each common exponent within `budgetMs` in all; the key must verify both tokens. */
export async function recoverRsaKey(tokens: [string, string], alg: string, budgetMs: number, verifies: (key: KeyObject) => boolean, signal?: AbortSignal): Promise<Recovery> {
  const started = performance.now();
  const deadline = started + budgetMs;
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
      if (performance.now() > deadline) throw new OutOfTime();
      const found = e === 3n ? gcd(s1 ** e - m1, s2 ** e - m2, deadline) : await gmpGcd({ s1, s2, m1, m2, e }, deadline, signal);
      if (found === null) throw new OutOfTime();
      let n = found;
      // The gcd may carry small cofactors: strip them (n itself has no small prime factors).
      for (let p = 2n; p < 10_000n; p += p === 2n ? 1n : 2n) while (n % p === 0n && n > p) n /= p;
      if (n.toString(2).length > 8 * k || n.toString(2).length < 8 * k - 8) continue;
      const publicKey = createPublicKey({ key: { kty: 'RSA', n: toB64u(n), e: toB64u(e) }, format: 'jwk' });
      if (verifies(publicKey)) return { state: 'recovered', publicKey, exponent: Number(e), durationMs: done() };
    } catch (error) {
      if (!(error instanceof OutOfTime)) throw error;
      outOfTime.push(`e = ${e}`);
    }
  }
  return {
    state: 'failed', durationMs: done(),
    reason: outOfTime.length > 0
      ? `the gcd for ${outOfTime.join(' and ')} did not finish within ${Number((budgetMs / 1000).toFixed(1))} s (with e = 65537 the numbers are ${k * 8 * 65537} bits long; give --recover-seconds more, or --public-key)`
      : `no key with e = ${EXPONENTS.join(' or e = ')} signed both tokens: give --public-key`,
  };
}
