// The engine interface a user implements in an ES module of their own (micro --engine-module),
// and the loader that checks a module's default export against it. A loaded engine is an
// Engine like the built-in ones: same gate, same timing; its errors name the module.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ALG_NAMES, type AlgName } from '../../core/algorithms.js';
import { JwtbenchError, errorMessage } from '../../core/errors.js';
import { KEY_PREPS } from '../../core/results/names.js';
import type { Engine, EngineContext, KeyPrep, PreparedEngine } from './types.js';

/** What `prepare` returns: the two operations jwtbench times, bound to one key and payload. */
export interface CustomPreparedEngine {
  /** true when sign/verify return promises; found out by calling sign() once when left out */
  async?: boolean;
  /** Signs the context's payload with its key and algorithm; returns a compact JWS. */
  sign(): string | Promise<string>;
  /** Returns (or resolves with) the claims; throws (or rejects) for any token that does not verify. */
  verify(token: string): unknown;
}

/** The default export of an --engine-module. */
export interface JwtbenchEngine {
  /** names its cases (letters, digits, . _ -); must differ from jose, node and fast-jwt */
  name: string;
  /** the JWS algorithms it implements: cases of the others are not run */
  algorithms: readonly AlgName[];
  /** `prepared` (keys imported once in prepare) and/or `per-call`; default ['prepared'] */
  keyPreps?: readonly KeyPrep[];
  /** Called once per case and worker thread, untimed: import keys, build signers here. */
  prepare(ctx: EngineContext): CustomPreparedEngine | Promise<CustomPreparedEngine>;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

function bad(path: string, problem: string): JwtbenchError {
  return new JwtbenchError('JWTBENCH_BAD_ENGINE_MODULE', `--engine-module ${path}: ${problem}`);
}

/** The first problem with a default export, or null when it is an engine. */
function shapeProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return 'its default export is not an engine object (see docs/use-in-your-project.md)';
  const e = value as Partial<Record<keyof JwtbenchEngine, unknown>>;
  if (typeof e.name !== 'string' || !NAME.test(e.name)) return 'its engine needs a name of letters, digits, ".", "_" or "-"';
  if (!Array.isArray(e.algorithms) || e.algorithms.length === 0) return `engine ${e.name} needs a non-empty algorithms list`;
  const unknownAlg = e.algorithms.find((a) => !(ALG_NAMES as readonly unknown[]).includes(a));
  if (unknownAlg !== undefined) return `engine ${e.name} lists unknown algorithm ${JSON.stringify(unknownAlg)} (known: ${ALG_NAMES.join(', ')})`;
  if (e.keyPreps !== undefined && (!Array.isArray(e.keyPreps) || e.keyPreps.length === 0 || e.keyPreps.some((k) => !(KEY_PREPS as readonly unknown[]).includes(k)))) {
    return `engine ${e.name} has keyPreps other than a non-empty list of ${KEY_PREPS.join(', ')}`;
  }
  if (typeof e.prepare !== 'function') return `engine ${e.name} has no prepare(context) function`;
  return null;
}

async function adapt(custom: CustomPreparedEngine, name: string): Promise<PreparedEngine> {
  if (typeof custom?.sign !== 'function' || typeof custom.verify !== 'function') {
    throw new Error(`${name}: prepare() must return { sign, verify }`);
  }
  // Whether each call returns a promise, from one untimed call of each: a sync run of an async
  // function times only the promise's creation (an async verify read 4.3 million ops/s).
  const thenable = (x: unknown) => typeof (x as Promise<unknown> | undefined)?.then === 'function';
  const signed = custom.sign();
  const token = thenable(signed) ? await signed : signed;
  if (typeof token !== 'string') throw new Error(`${name}: sign() returned ${token === null ? 'null' : typeof token}, not a compact JWS string`);
  let verified: unknown;
  try {
    verified = custom.verify(token);
  } catch {
    verified = undefined; // a synchronous refusal: the gate judges the answer
  }
  if (thenable(verified)) await (verified as Promise<unknown>).catch(() => {}); // likewise
  const found = thenable(signed) || thenable(verified);
  if (custom.async === false && found) {
    throw new Error(`${name}: async is false, but ${thenable(signed) ? 'sign()' : 'verify()'} returned a Promise; set async: true or leave it out`);
  }
  // bound, not wrapped: no extra call of ours inside the timed window
  return { async: custom.async ?? found, sign: custom.sign.bind(custom), verify: custom.verify.bind(custom) };
}

/** Imports one engine module and checks its shape; every failure is one line naming the module. */
export async function loadEngineModule(path: string): Promise<Engine> {
  const abs = resolve(path);
  if (!existsSync(abs)) throw bad(path, 'no such file');
  if (!statSync(abs).isFile()) throw bad(path, 'is a folder, not a module file (give the .js or .mjs file that exports the engine)');
  let mod: { default?: unknown };
  try {
    mod = await import(pathToFileURL(abs).href) as { default?: unknown };
  } catch (error) {
    throw bad(path, `throws on load: ${errorMessage(error).split('\n')[0]}`);
  }
  const problem = shapeProblem(mod.default);
  if (problem) throw bad(path, problem);
  const def = mod.default as JwtbenchEngine;
  const algorithms = new Set<string>(def.algorithms);
  return {
    name: def.name,
    source: abs,
    keyPreps: def.keyPreps ?? ['prepared'],
    supports: (alg) => algorithms.has(alg.name),
    prepare: async (ctx) => adapt(await def.prepare(ctx), def.name),
  };
}
