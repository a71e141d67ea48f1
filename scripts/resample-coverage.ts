// How often a run's interval holds another run's figure, when a run pools the repeats of P
// fresh processes: from measured processes (micro.json files run with --processes), every
// way of drawing two disjoint groups of P processes, one group's pooled repeats giving the
// interval (core/repeats.ts, as a run computes it) and the other's the figure (scripts/lib/resample.ts). No new runs.
// Usage: node dist/scripts/resample-coverage.js [--processes 1,2,3] a/micro.json b/micro.json ...
import { readFile } from 'node:fs/promises';
import type { CompletedCase, MicroDocument } from '../core/results/micro.js';
import { resampledCoverage } from './lib/resample.js';
import { scriptArgsAndFiles, scriptFail } from './lib/script-args.js';

const USAGE = 'Usage: node dist/scripts/resample-coverage.js [--processes 1,2,3] <micro.json> [<micro.json> ...]\n\nFrom measured processes, how often the interval of P pooled processes holds the figure of P others (see docs/statistics.md).';
const parsed = scriptArgsAndFiles({ processes: { type: 'string', default: '1,2,3' } }, USAGE);
const sizes = parsed.values.processes!.split(',').map(Number);
if (parsed.positionals.length === 0 || sizes.some((p) => !Number.isInteger(p) || p < 1)) {
  scriptFail('give micro.json files, and --processes as positive integers', USAGE);
}

/** Every process of every file, as its completed repeats. */
const processes: CompletedCase[][] = [];
for (const file of parsed.positionals) {
  const doc = JSON.parse(await readFile(file, 'utf8')) as MicroDocument;
  const byProcess = new Map<number, CompletedCase[]>();
  for (const c of doc.cases) if (c.state === 'completed') byProcess.set(c.process ?? 1, [...(byProcess.get(c.process ?? 1) ?? []), c]);
  processes.push(...byProcess.values());
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
for (const size of sizes) {
  const r = resampledCoverage(processes, size);
  if (r === null) { process.stdout.write(`P = ${size}: needs at least ${2 * size} processes (have ${processes.length})\n`); continue; }
  process.stdout.write(`P = ${size}: the interval held the other group's figure for ${pct(r.covered / r.casePairs)} of ${r.casePairs} case pairs; median half-width ±${pct(r.medianHalfWidth)}\n`);
}
