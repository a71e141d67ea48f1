// gcd(s1^e - m1, s2^e - m2) on GMP (compiled to WebAssembly: gmp-wasm), in a worker thread so
// the probe can stop it at its time bound or on Ctrl-C: with e = 65537 the two numbers are
// e x 2048 bits long, and only a subquadratic gcd (GMP's) finishes in minutes, not years.
import { parentPort, workerData } from 'node:worker_threads';
import { init } from 'gmp-wasm';

/** The numbers in decimal (gmp-wasm reads no hex prefix). */
interface GcdTask { s1: string; s2: string; m1: string; m2: string; e: number }

/** The little of gmp-wasm's Integer used here (its typings disagree with its runtime on calculate's result). */
interface Int { pow(exp: number): Int; sub(v: Int): Int; gcd(v: Int): Int }
type Calculate = (fn: (g: { Integer(decimal: string): Int }) => Int, options: object) => unknown;

const { s1, s2, m1, m2, e } = workerData as GcdTask;
const gmp = await init();
const gcd = (gmp.calculate as unknown as Calculate)((g) => {
  const a = g.Integer(s1).pow(e).sub(g.Integer(m1));
  const b = g.Integer(s2).pow(e).sub(g.Integer(m2));
  return a.gcd(b);
}, {});
parentPort!.postMessage(String(gcd));
