// `micro --processes K`: K fresh processes, one after another, each a whole `micro` run with
// its own warm-up rounds and repeats; their cases are merged and tagged by process. Two
// processes of the same code differ by a few percent (where the OS puts libuv's threadpool,
// JIT luck), which repeats within one process never show: with the process as the unit,
// compare's test sees that variance instead of calling it a change.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mergeMicroRuns } from '../../bench/merge-micro.js';
import type { MicroFlagValues } from '../../bench/micro-options.js';
import type { MicroDocument } from '../../core/results/micro.js';
import type { CommandIO } from './command.js';
import { JwtbenchError } from '../../core/errors.js';
import { createProgress, isProgressMessage, type ProgressMessage } from './progress.js';
import { cpuList } from '../../bench/pin-plan.js';
import { readResults } from '../../core/results/results-file.js';
import { selfCommand } from '../../core/runtimes/info.js';

const CLI = fileURLToPath(new URL('../cli.js', import.meta.url));
/** set in each child: which process of how many it is (it then prints no advice of its own) */
import { PROCESS_ENV, TASKSET_PATH } from './process-env.js';
export { PROCESS_ENV };

/**
 * The flags a child gets: the parent's own, one process, its own output directory. Not --pin:
 * the parent pins the child, which sees only its CPUs and so cannot check a CPU number.
 */
export function childArgs(values: MicroFlagValues, outDir: string): string[] {
  return ['micro', ...flagArgs(values, ['out', 'json', 'processes', 'pin', 'runtime']), '--processes', '1', '--out', outDir];
}

/** The flags given, as arguments again, but for those named. */
export function flagArgs(values: MicroFlagValues, omit: readonly string[]): string[] {
  const args: string[] = [];
  for (const [name, value] of Object.entries(values)) {
    if (omit.includes(name) || value === undefined || value === false) continue;
    for (const one of Array.isArray(value) ? value : [value]) args.push(`--${name}`, ...(one === true ? [] : [String(one)]));
  }
  return args;
}

function runChild(args: string[], label: string, io: CommandIO, cpus: readonly number[] | null, nodeFlags: readonly string[], onProgress: (m: ProgressMessage) => void): Promise<number> {
  const node = [...selfCommand(nodeFlags), CLI, ...args];
  const [command, ...rest] = cpus === null ? node : [TASKSET_PATH, '-c', cpuList(cpus), ...node];
  return new Promise((resolve, reject) => {
    // taskset execs node in its place, so the IPC channel reaches node: the child's progress.
    const child = spawn(command!, rest, {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'], env: { ...process.env, [PROCESS_ENV]: label }, signal: io.signal, killSignal: 'SIGTERM',
    });
    child.on('message', (m) => { if (isProgressMessage(m)) onProgress(m); });
    // After Ctrl-C the child's own "interrupted" line would repeat the parent's.
    child.stderr?.on('data', (chunk: Buffer) => { if (!io.signal.aborted) io.stderr.write(chunk); });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/**
 * Runs the processes, pinned to `cpus` when given, and returns their merged document; a child
 * that fails ends the run. `what` names them in the progress line (a part of a larger run).
 */
export async function runMicroProcesses(values: MicroFlagValues, processes: number, io: CommandIO, cpus: readonly number[] | null = null, nodeFlags: readonly string[] = [], what = ''): Promise<MicroDocument> {
  const work = await mkdtemp(join(tmpdir(), 'jwtbench-processes-'));
  const progress = createProgress(io.stderr);
  const started = Date.now();
  try {
    const docs: MicroDocument[] = [];
    for (let i = 1; i <= processes; i++) {
      progress.update(i - 1, processes, `${what}process ${i} of ${processes}`, Date.now() - started);
      const dir = join(work, String(i));
      // The whole run's progress from the child's: processes before it count as done.
      const onProgress = (m: ProgressMessage) => progress.update((i - 1) * m.total + m.done, processes * m.total, `${what}process ${i} of ${processes}: ${m.label}`, Date.now() - started);
      const code = await runChild(childArgs(values, dir), `${i}/${processes}`, io, cpus, nodeFlags, onProgress);
      io.signal.throwIfAborted();
      // 1 means a case errored: its results are still written and count as such.
      if (code !== 0 && code !== 1) throw new JwtbenchError('JWTBENCH_RUN_FAILED', `process ${i} of ${processes} failed with exit status ${code}`);
      docs.push(await readResults('micro', join(dir, 'micro.json')));
    }
    const merged = mergeMicroRuns(docs);
    return cpus?.length === 1 ? { ...merged, config: { ...merged.config, pinnedCpu: cpus[0]! } } : merged;
  } finally {
    progress.done();
    await rm(work, { recursive: true, force: true });
  }
}
