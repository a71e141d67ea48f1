// A micro run with several thread counts, each measured in its own processes pinned to as many
// CPUs as it has threads (bench/pin-plan.ts), merged into one document. Their processes keep
// apart numbers, so a scaling efficiency is never paired round by round across processes that
// ran minutes apart: it is the ratio of the two medians (core/repeats.ts).
import { mergeMicroRuns } from '../../bench/merge-micro.js';
import type { MicroFlagValues, MicroOptions } from '../../bench/micro-options.js';
import { allowedCpus, cpusForThreads } from '../../bench/pin-plan.js';
import type { MicroDocument } from '../../core/results/micro.js';
import type { CommandIO } from './command.js';
import { runMicroProcesses } from './micro-processes.js';

export async function runPinnedByThreads(values: MicroFlagValues, options: MicroOptions, io: CommandIO): Promise<MicroDocument> {
  const cpus = allowedCpus();
  const groups = options.matrix.threads.map((threads) => ({ threads, cpus: cpusForThreads(threads, cpus) }));
  // The extra repeats' time cap is the whole run's: each thread count gets its share.
  const extraTimeMs = Math.floor(options.extraTimeMs / groups.length);
  const docs: MicroDocument[] = [];
  for (const [i, g] of groups.entries()) {
    const part = { ...values, threads: String(g.threads), 'extra-time': String(extraTimeMs) };
    const what = `${g.threads} thread${g.threads === 1 ? '' : 's'} on CPU ${g.cpus.join(',')} (${i + 1} of ${groups.length}), `;
    docs.push(await runMicroProcesses(part, options.processes, io, g.cpus, options.nodeFlags, what));
  }
  const merged = mergeMicroRuns(docs);
  const { pinnedCpu: _one, ...config } = merged.config;
  // The run used every group's CPUs (each child saw only its own).
  const usableCores = new Set(groups.flatMap((g) => g.cpus)).size;
  return {
    ...merged,
    env: { ...merged.env, usableCores },
    config: { ...config, matrix: { ...config.matrix, threads: options.matrix.threads }, extraTimeMs: options.extraTimeMs, pinnedByThreads: groups },
  };
}
