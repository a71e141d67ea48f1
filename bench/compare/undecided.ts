// The cases a first look leaves inconclusive, as `jwtbench micro` flags that measure them in
// more processes for the second look. Micro filters are a cross product, so the flags may
// select a few decided cases too; compare's second look ignores their extra processes.
import { ENGINE_NAMES } from '../../core/results/names.js';
import type { CompletedCase } from '../../core/results/micro.js';

const unique = <T>(xs: readonly T[]): T[] => [...new Set(xs)];

/** micro flags selecting at least these cases; empty for none. */
export function undecidedFlags(cases: readonly CompletedCase[]): string[] {
  if (cases.length === 0) return [];
  const flags = ['--algs', unique(cases.map((c) => c.alg)).join(','), '--ops', unique(cases.map((c) => c.op)).join(',')];
  const bits = unique(cases.flatMap((c) => (c.keyBits === null ? [] : [c.keyBits])));
  if (bits.length > 0) flags.push('--rsa-bits', bits.join(','));
  // Your engines (--engine-module) always run; naming only them in --engines would be refused.
  const builtins = unique(cases.map((c) => c.engine)).filter((e) => (ENGINE_NAMES as readonly string[]).includes(e));
  if (builtins.length > 0) flags.push('--engines', builtins.join(','));
  flags.push('--key-prep', unique(cases.map((c) => c.keyPrep)).join(','), '--payloads', unique(cases.map((c) => c.payload)).join(','),
    '--threads', unique(cases.map((c) => c.threads)).join(','));
  return flags;
}
