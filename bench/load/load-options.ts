// `jwtbench load` presets and flags: a preset first, then each flag replaces one key of it.
import { SCHEME_NAMES } from '../../core/schemes.js';
import { SERVER_ENGINE_NAMES } from '../../core/engines.js';
import { badFlag } from '../../core/errors.js';
import { atMost, choice, choiceList, list, positiveInt, positiveNumber } from '../../core/flags.js';
import type { LoadPlan } from './run-load.js';
import { SCENARIO_NAMES } from '../../core/results/names.js';
import { existsSync } from 'node:fs';
import { allowedCpus, parseCpuList } from '../pin-plan.js';
import { TASKSET_PATH } from '../../core/taskset.js';

/** The scenarios run against the reference servers; `target` runs with --target instead. */
export const REFERENCE_SCENARIOS = SCENARIO_NAMES.filter((s) => s !== 'target');

export type LoadPresetName = 'smoke' | 'quick' | 'standard' | 'full';
export const LOAD_PRESET_NAMES: readonly LoadPresetName[] = ['smoke', 'quick', 'standard', 'full'];

export const LOAD_PRESETS: Readonly<Record<LoadPresetName, { description: string; plan: LoadPlan }>> = {
  smoke: {
    description: 'verify, baseline and hs256 on jose, 1 s: proves the pipeline',
    plan: { scenarios: ['verify'], schemes: ['baseline', 'hs256'], engines: ['jose'], connections: [4], durationS: 1, tokenPoolSize: 1000, repeat: 1 },
  },
  quick: {
    description: 'verify for baseline, hs256 and rs256 on jose and the node floor, 10 connections, 5 s each (what npm start runs)',
    plan: { scenarios: ['verify'], schemes: ['baseline', 'hs256', 'rs256'], engines: ['jose', 'node'], connections: [10], durationS: 5, tokenPoolSize: 1000, repeat: 1 },
  },
  standard: {
    description: 'every scenario, scheme and engine, 10 connections, 10 s each',
    plan: { scenarios: REFERENCE_SCENARIOS, schemes: SCHEME_NAMES, engines: SERVER_ENGINE_NAMES, connections: [10], durationS: 10, tokenPoolSize: 2000, repeat: 1 },
  },
  full: {
    description: 'every scenario, scheme and engine, 10 and 50 connections, 30 s each',
    plan: { scenarios: REFERENCE_SCENARIOS, schemes: SCHEME_NAMES, engines: SERVER_ENGINE_NAMES, connections: [10, 50], durationS: 30, tokenPoolSize: 5000, repeat: 1 },
  },
};

export const LOAD_FLAGS = {
  preset: { type: 'string' },
  scenarios: { type: 'string' },
  schemes: { type: 'string' },
  engines: { type: 'string' },
  connections: { type: 'string' },
  duration: { type: 'string' },
  'token-pool': { type: 'string' },
  repeat: { type: 'string' },
  placement: { type: 'string' },
  'server-cpus': { type: 'string' },
  'client-cpus': { type: 'string' },
  out: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export type LoadFlagValues = { [K in keyof typeof LOAD_FLAGS]?: (typeof LOAD_FLAGS)[K]['type'] extends 'boolean' ? boolean : string };

/** split: the servers and the load generator on CPUs of their own; shared: both left to the OS (custom: --server-cpus/--client-cpus) */
export const PLACEMENTS = ['split', 'shared'] as const;
export type Placement = (typeof PLACEMENTS)[number] | 'custom';
/**
 * Where --placement is not given and the machine can pin (taskset, 2 CPUs). Shared, from the
 * runs in docs/load.md: on a busy machine split served less in every pair (a server pinned to
 * one CPU cannot move off it when others load it) and its ratios moved no less between runs.
 */
export const DEFAULT_PLACEMENT: (typeof PLACEMENTS)[number] = 'shared';

/** Load runs are bounded: no run longer than this, no more connections than this. */
export const LOAD_LIMITS = { maxDurationS: 600, maxConnections: 1000, minTokenPool: 1000, maxTokenPool: 100_000, maxRepeat: 100 } as const;

/** A CPU list for taskset ("1", "0,2", "2-3"), of CPUs this process may run on. */
function cpusFlag(name: string, value: string): number[] {
  const cpus = parseCpuList(value);
  if (cpus === null) throw badFlag(name, `must be a CPU list such as 1, 0,2 or 2-3 (got ${JSON.stringify(value)})`);
  const allowed = allowedCpus();
  const outside = cpus.filter((c) => !allowed.includes(c));
  if (outside.length > 0) throw badFlag(name, `must name CPUs this process may run on (${allowed.join(',')}) (got ${outside.join(',')})`);
  if (!existsSync(TASKSET_PATH)) throw badFlag(name, `needs ${TASKSET_PATH} (Linux's util-linux), which is missing`);
  return cpus;
}

export function resolveLoadOptions(flags: LoadFlagValues): { preset: LoadPresetName; plan: LoadPlan } {
  const preset = flags.preset === undefined ? 'quick' : choice('--preset', flags.preset, LOAD_PRESET_NAMES);
  const plan: LoadPlan = { ...LOAD_PRESETS[preset].plan };
  if (flags.scenarios !== undefined) {
    if (flags.scenarios.split(',').some((x) => x.trim() === 'target')) throw badFlag('--scenarios', 'target is not a reference scenario: give --target <url> to load a service you run');
    plan.scenarios = choiceList('--scenarios', flags.scenarios, REFERENCE_SCENARIOS, 'scenario');
  }
  if (flags.schemes !== undefined) plan.schemes = choiceList('--schemes', flags.schemes, SCHEME_NAMES, 'scheme');
  if (flags.engines !== undefined) plan.engines = choiceList('--engines', flags.engines, SERVER_ENGINE_NAMES, 'engine');
  if (flags.connections !== undefined) {
    plan.connections = list('--connections', flags.connections, (s) => {
      const n = positiveInt('--connections', s);
      atMost('--connections', n, LOAD_LIMITS.maxConnections);
      return n;
    });
  }
  if (flags.duration !== undefined) {
    plan.durationS = positiveNumber('--duration', flags.duration, 'seconds');
    atMost('--duration', plan.durationS, LOAD_LIMITS.maxDurationS, ' seconds');
  }
  if (flags['token-pool'] !== undefined) {
    plan.tokenPoolSize = positiveInt('--token-pool', flags['token-pool']);
    if (plan.tokenPoolSize < LOAD_LIMITS.minTokenPool || plan.tokenPoolSize > LOAD_LIMITS.maxTokenPool) {
      throw badFlag('--token-pool', `must be between ${LOAD_LIMITS.minTokenPool} and ${LOAD_LIMITS.maxTokenPool} distinct tokens, so no cache hides the verify cost (got ${plan.tokenPoolSize})`);
    }
  }
  if (flags.repeat !== undefined) {
    plan.repeat = positiveInt('--repeat', flags.repeat);
    // Load runs are bounded in time and count: 100 repeats of a 600 s run is already days.
    atMost('--repeat', plan.repeat, LOAD_LIMITS.maxRepeat);
  }
  return { preset, plan: { ...plan, ...resolvePlacement(flags) } };
}

/**
 * Where the servers and the load generator run. `split`: on CPUs of their own (the client on
 * the first half of the allowed CPUs, the servers on the rest), so the client does not take the
 * loaded server's CPU; `shared`: both left to the OS, the default (DEFAULT_PLACEMENT).
 */
export function resolvePlacement(flags: Pick<LoadFlagValues, 'placement' | 'server-cpus' | 'client-cpus'>): Pick<LoadPlan, 'placement' | 'serverCpus' | 'clientCpus'> {
  const given = flags['server-cpus'] !== undefined || flags['client-cpus'] !== undefined;
  if (given) {
    if (flags.placement !== undefined) throw badFlag('--placement', 'and --server-cpus/--client-cpus are alternatives: give one');
    return {
      placement: 'custom',
      ...(flags['server-cpus'] !== undefined ? { serverCpus: cpusFlag('--server-cpus', flags['server-cpus']) } : {}),
      ...(flags['client-cpus'] !== undefined ? { clientCpus: cpusFlag('--client-cpus', flags['client-cpus']) } : {}),
    };
  }
  const allowed = allowedCpus();
  const cannotSplit = !existsSync(TASKSET_PATH) ? `needs ${TASKSET_PATH} (Linux's util-linux), which is missing`
    : allowed.length < 2 ? `needs at least 2 CPUs, and this process may run on ${allowed.length}` : null;
  const placement = flags.placement === undefined ? (cannotSplit === null ? DEFAULT_PLACEMENT : 'shared') : choice('--placement', flags.placement, PLACEMENTS);
  if (placement === 'shared') return { placement };
  if (cannotSplit !== null) throw badFlag('--placement', `split ${cannotSplit}; give --placement shared`);
  const half = Math.floor(allowed.length / 2);
  return { placement, clientCpus: allowed.slice(0, half), serverCpus: allowed.slice(half) };
}
