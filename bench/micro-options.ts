// Turns `jwtbench micro` flags into a validated matrix and budget: a preset first, then
// each flag given replaces that key of it.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { allowedCpus, cpuList } from './pin-plan.js';
import { ALG_NAMES } from '../core/algorithms.js';
import type { EngineSources } from './engines/engine-set.js';
import type { Budget } from '../core/results/micro.js';
import { OPS } from '../core/results/names.js';
import { ENGINE_NAMES, KEY_PREPS } from '../core/results/names.js';
import type { MicroMatrix } from '../core/results/micro.js';
import { PAYLOAD_NAMES } from '../core/results/names.js';
import type { TestSlowdown } from '../core/results/micro.js';
import { DEFAULT_PRESET, PRESET_NAMES, PRESETS, type PresetName } from './presets.js';
import { badFlag } from '../core/errors.js';
import { atMost, choice, choiceList, list, nonNegativeInt, nonNegativeNumber, positiveInt, positiveNumber } from '../core/flags.js';

export const MICRO_FLAGS = {
  preset: { type: 'string' },
  algs: { type: 'string' },
  'rsa-bits': { type: 'string' },
  ops: { type: 'string' },
  engines: { type: 'string' },
  'key-prep': { type: 'string' },
  payloads: { type: 'string' },
  threads: { type: 'string' },
  time: { type: 'string' },
  warmup: { type: 'string' },
  'min-samples': { type: 'string' },
  repeat: { type: 'string' },
  'warmup-rounds': { type: 'string' },
  'max-repeats': { type: 'string' },
  'extra-time': { type: 'string' },
  'finish-by': { type: 'string' },
  pin: { type: 'string' },
  processes: { type: 'string' },
  out: { type: 'string' },
  json: { type: 'boolean' },
  'test-slowdown': { type: 'string' },
  'engine-module': { type: 'string', multiple: true },
  runtime: { type: 'string', multiple: true },
  'resolve-from': { type: 'string' },
  measure: { type: 'string' },
  keys: { type: 'string' },
  'no-cycles': { type: 'boolean' },
  'no-realtime': { type: 'boolean' },
  tiers: { type: 'string' },
  jobs: { type: 'string' },
} as const;

type FlagValue<F> = F extends { multiple: true } ? string[] : F extends { type: 'boolean' } ? boolean : string;
export type MicroFlagValues = { [K in keyof typeof MICRO_FLAGS]?: FlagValue<(typeof MICRO_FLAGS)[K]> };

export interface MicroOptions {
  preset: PresetName;
  matrix: MicroMatrix;
  budget: Budget;
  repeat: number;
  /** untimed passes over the whole matrix before the timed repeats */
  warmupRounds: number;
  /** fresh processes, one after another, each running the warm-up rounds and the repeats */
  processes: number;
  /** unstable cases are repeated again up to this many repeats in all (= repeat: never) */
  maxRepeats: number;
  /** the time those extra repeats may take */
  extraTimeMs: number;
  /** no extra repeat starts after this time (epoch ms): the share of a larger run's time budget */
  finishBy?: number;
  /** the CPU to pin the run to (taskset), or null to leave it to the OS */
  pin: number | null;
  /** each thread count runs in its own processes, pinned to that many CPUs (bench/pin-plan.ts) */
  pinByThreads: boolean;
  /** node/V8 flags of the measuring process (bench/presets.ts) */
  nodeFlags: readonly string[];
  testSlowdown?: TestSlowdown;
  /** where the engines come from: --engine-module files and --resolve-from, as absolute paths */
  sources: EngineSources;
  /** time (tinybench) or instructions (Valgrind): bench/instructions/ */
  measure: Measure;
  /** --measure instructions only */
  instructions?: { keysDir: string | null; cacheSim: boolean; noOpt: boolean; jobs: number; realtime: boolean };
}

export type Measure = 'time' | 'instructions';
export const MEASURES: readonly Measure[] = ['time', 'instructions'];

/** Flags that shape a timed run and mean nothing to a count (it does not vary between repeats, processes or CPUs). */
const TIME_ONLY_FLAGS = ['time', 'warmup', 'min-samples', 'repeat', 'warmup-rounds', 'max-repeats', 'extra-time', 'pin', 'processes', 'test-slowdown', 'finish-by'] as const;
const INSTRUCTION_ONLY_FLAGS = ['keys', 'no-cycles', 'no-realtime', 'tiers', 'jobs'] as const;

function instructionOptions(flags: MicroFlagValues): MicroOptions['instructions'] {
  for (const f of TIME_ONLY_FLAGS) {
    if (flags[f] !== undefined) throw badFlag(`--${f}`, 'shapes a timed run; with --measure instructions every case is counted once in a process of its own (counts do not vary between repeats)');
  }
  const tiers = flags.tiers === undefined ? 'all' : choice('--tiers', flags.tiers, ['all', 'no-opt'] as const);
  const jobs = flags.jobs === undefined ? Math.max(1, allowedCpus().length) : atMost('--jobs', positiveInt('--jobs', flags.jobs), MAX_PROCESSES);
  return { keysDir: flags.keys === undefined ? null : resolve(flags.keys), cacheSim: flags['no-cycles'] !== true, noOpt: tiers === 'no-opt', jobs, realtime: flags['no-realtime'] !== true };
}

const MAX_THREADS = 256;
const MAX_PROCESSES = 100;
const MAX_REPEATS = 1000;
/** Bounds on the time flags, so a typo (1e15) is refused rather than run: a case's timed window, its warm-up, the extra time for unstable cases. */
const MAX_TIME_MS = 60_000;
const MAX_EXTRA_TIME_MS = 3_600_000;
const MAX_MIN_SAMPLES = 1_000_000;
const MAX_WARMUP_ROUNDS = 100;

const RSA_SIZES = [2048, 3072, 4096];

/**
 * --pin <cpu|none>. By default, presets that pin run 1-thread cases on the last CPU and, when
 * there are more threads, each thread count on that many CPUs.
 */
function resolvePin(flag: string | undefined, presetPins: boolean, maxThreads: number): { pin: number | null; pinByThreads: boolean } {
  const cpus = allowedCpus();
  if (flag === 'none') return { pin: null, pinByThreads: false };
  if (flag !== undefined) {
    const cpu = nonNegativeInt('--pin', flag);
    if (!cpus.includes(cpu)) throw badFlag('--pin', `must be a CPU this process may run on (${cpuList(cpus)}), or none (got ${cpu})`);
    if (maxThreads > 1) throw badFlag('--pin', `pins to one CPU, which cannot run ${maxThreads} threads side by side; leave it out to pin each thread count to as many CPUs, or use --pin none`);
    return { pin: cpu, pinByThreads: false };
  }
  if (!presetPins || cpus.length === 1) return { pin: null, pinByThreads: false };
  return maxThreads === 1 ? { pin: cpus.at(-1)!, pinByThreads: false } : { pin: null, pinByThreads: true };
}

/** A time given as ISO 8601 in UTC (what toISOString writes), as epoch ms. */
function utcTime(name: string, value: string): number {
  const t = Date.parse(value);
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?Z$/.test(value) || !Number.isFinite(t)) throw badFlag(name, `must be a UTC time such as 2026-12-04T18:30:00Z (got ${JSON.stringify(value)})`);
  return t;
}

export function resolveMicroOptions(flags: MicroFlagValues): MicroOptions {
  const measure = flags.measure === undefined ? 'time' : choice('--measure', flags.measure, MEASURES);
  if (measure === 'time') {
    for (const f of INSTRUCTION_ONLY_FLAGS) if (flags[f] !== undefined) throw badFlag(`--${f}`, 'belongs to --measure instructions');
  }
  const instructions = measure === 'instructions' ? instructionOptions(flags) : undefined;
  const preset = flags.preset === undefined ? DEFAULT_PRESET : choice('--preset', flags.preset, PRESET_NAMES);
  const base = PRESETS[preset];
  const m: MicroMatrix = { ...base.matrix };
  if (flags.algs !== undefined) m.algs = choiceList('--algs', flags.algs, ALG_NAMES, 'algorithm');
  if (flags['rsa-bits'] !== undefined && flags['rsa-bits'].trim() === 'all') m.rsaBits = [...RSA_SIZES];
  else if (flags['rsa-bits'] !== undefined) {
    m.rsaBits = list('--rsa-bits', flags['rsa-bits'], (s) => {
      const n = Number(s);
      if (!RSA_SIZES.includes(n)) throw badFlag('--rsa-bits', `must list RSA key sizes from ${RSA_SIZES.join(', ')} (got ${JSON.stringify(s)})`);
      return n;
    });
  }
  if (flags.ops !== undefined) m.ops = choiceList('--ops', flags.ops, OPS, 'operation');
  if (flags.engines !== undefined) m.engines = choiceList('--engines', flags.engines, ENGINE_NAMES, 'engine');
  if (flags['key-prep'] !== undefined) m.keyPreps = choiceList('--key-prep', flags['key-prep'], KEY_PREPS, 'key preparation');
  if (flags.payloads !== undefined) m.payloads = choiceList('--payloads', flags.payloads, PAYLOAD_NAMES, 'payload');
  // "all": 1 up to the CPUs this process may use, as the full preset measures.
  if (flags.threads !== undefined && flags.threads.trim() === 'all') m.threads = Array.from({ length: Math.min(allowedCpus().length, MAX_THREADS) }, (_, i) => i + 1);
  else if (flags.threads !== undefined) {
    m.threads = list('--threads', flags.threads, (s) => {
      const n = positiveInt('--threads', s);
      atMost('--threads', n, MAX_THREADS);
      return n;
    }).sort((a, b) => a - b);
  }
  // A figure is threads x 1e9 / the median time per call, which holds only with a CPU per thread:
  // with more threads than CPUs, a descheduled call lands in the tail the median skips.
  const cpus = allowedCpus().length;
  if (flags.threads !== undefined && Math.max(...m.threads) > cpus) {
    throw badFlag('--threads', `must be at most the ${cpus} CPU${cpus === 1 ? '' : 's'} this process may use (got ${Math.max(...m.threads)}): each figure assumes a CPU per thread`);
  }
  const budget: Budget = { ...base.budget };
  if (flags.time !== undefined) budget.timeMs = atMost('--time', positiveNumber('--time', flags.time, 'milliseconds'), MAX_TIME_MS, ' ms');
  if (flags.warmup !== undefined) budget.warmupMs = atMost('--warmup', nonNegativeNumber('--warmup', flags.warmup, 'milliseconds'), MAX_TIME_MS, ' ms');
  if (flags['min-samples'] !== undefined) budget.minSamples = atMost('--min-samples', positiveInt('--min-samples', flags['min-samples']), MAX_MIN_SAMPLES);
  const repeat = flags.repeat === undefined ? base.repeat ?? 1 : atMost('--repeat', positiveInt('--repeat', flags.repeat), MAX_REPEATS);
  // Repeats are compared against each other, so the first must not be slower for being first
  // (jose runs 10-20% slower for its first seconds in a process): one untimed round by default.
  const warmupRounds = flags['warmup-rounds'] !== undefined ? atMost('--warmup-rounds', nonNegativeInt('--warmup-rounds', flags['warmup-rounds']), MAX_WARMUP_ROUNDS)
    : repeat > 1 ? base.warmupRounds ?? 1 : 0;
  const maxRepeats = flags['max-repeats'] === undefined ? Math.max(repeat, base.maxRepeats ?? repeat) : positiveInt('--max-repeats', flags['max-repeats']);
  if (maxRepeats < repeat) throw badFlag('--max-repeats', `must be at least --repeat (${repeat}) (got ${maxRepeats})`);
  atMost('--max-repeats', maxRepeats, MAX_REPEATS);
  const extraTimeMs = flags['extra-time'] === undefined ? base.extraTimeMs ?? 0 : atMost('--extra-time', nonNegativeNumber('--extra-time', flags['extra-time'], 'milliseconds'), MAX_EXTRA_TIME_MS, ' ms');
  const finishBy = flags['finish-by'] === undefined ? undefined : utcTime('--finish-by', flags['finish-by']);
  const { pin, pinByThreads } = resolvePin(flags.pin, base.pin === true, Math.max(...m.threads));
  const processes = flags.processes === undefined ? base.processes ?? 1 : positiveInt('--processes', flags.processes);
  atMost('--processes', processes, MAX_PROCESSES);
  let testSlowdown: TestSlowdown | undefined;
  if (flags['test-slowdown'] !== undefined) {
    const [engine, op, percent, ...rest] = flags['test-slowdown'].split(':');
    const fraction = Number(percent) / 100;
    if (rest.length > 0 || !engine || !op || !(fraction > 0 && fraction <= 10)) throw badFlag('--test-slowdown', `must be <engine>:<op>:<percent>, e.g. jose:verify:10 (got ${JSON.stringify(flags['test-slowdown'])})`);
    testSlowdown = { engine: choice('--test-slowdown', engine, ENGINE_NAMES), op: choice('--test-slowdown', op, OPS), fraction };
  }
  let resolveFrom: string | undefined;
  if (flags['resolve-from'] !== undefined) {
    resolveFrom = resolve(flags['resolve-from']);
    if (!existsSync(resolveFrom) || !statSync(resolveFrom).isDirectory()) throw badFlag('--resolve-from', `must be a project folder (got ${JSON.stringify(flags['resolve-from'])}, not a folder)`);
  }
  const sources: EngineSources = { selected: m.engines, modules: (flags['engine-module'] ?? []).map((p) => resolve(p)), ...(resolveFrom ? { resolveFrom } : {}) };
  if (instructions !== undefined) {
    // One count per case, in this process's children: no repeats, processes or pinning.
    return { preset, matrix: m, budget, repeat: 1, warmupRounds: 0, processes: 1, maxRepeats: 1, extraTimeMs: 0, pin: null, pinByThreads: false, nodeFlags: [], sources, measure, instructions };
  }
  return { preset, matrix: m, budget, repeat, warmupRounds, processes, maxRepeats, extraTimeMs, pin, pinByThreads, nodeFlags: base.nodeFlags ?? [], sources, measure, ...(testSlowdown ? { testSlowdown } : {}), ...(finishBy === undefined ? {} : { finishBy }) };
}
