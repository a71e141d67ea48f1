// How jwtbench runs a case under Valgrind: which binary, which tool and flags, which V8 flags and
// environment make the counts repeatable. One table of settings, recorded whole in micro.json.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { JwtbenchError } from '../../core/errors.js';

/**
 * V8 flags that make a process's work the same from run to run (measured: without them the counts
 * moved 10%). --no-incremental-marking: incremental marking paces its steps by elapsed time, so on
 * a busy machine major collections fell into other regions and jose's EdDSA sign moved 10% between
 * two runs under a CPU hog; marked atomically, a collection starts by allocation alone.
 */
// --expose-gc: each region starts with an empty new space (a scavenge, child.ts), so where its scavenges fall depends on its own allocation alone.
// --no-minor-gc-task: V8 otherwise posts a scavenge as a task once new space is 80% full, and an async case (jose, waiting on
// libuv's pool) runs it whenever its event loop idles: a point set by the clock, not by the code.
export const DETERMINISTIC_NODE_FLAGS = ['--predictable', '--predictable-gc-schedule', '--no-incremental-marking', '--no-minor-gc-task', '--hash-seed=1', '--random-seed=1', '--expose-gc'] as const;

/** CodSpeed's choice: the interpreter and baseline tiers only. Kept for the comparison in docs/instructions.md, not the default. */
export const NO_OPT_FLAG = '--no-opt';

/**
 * Fixed cache sizes for the advisory estimated cycles, so the estimate does not depend on the
 * machine that ran it: 32 KiB 8-way L1s and an 8 MiB 16-way last level, 64-byte lines.
 */
export const CACHE_SIM = { I1: '32768,8,64', D1: '32768,8,64', LL: '8388608,16,64' } as const;

/** iai-callgrind's public estimate: L1 hits + 5 × LL hits + 35 × RAM accesses. */
export const CYCLES_FORMULA = 'L1 hits + 5 × LL hits + 35 × RAM accesses (iai-callgrind; cache sizes fixed: I1 and D1 32 KiB 8-way, LL 8 MiB 16-way, 64-byte lines)';

/**
 * glibc's allocator keeps up to 65,535 freed chunks of each small size per thread (7 by default).
 * Past its per-thread cache a freed chunk goes back to the arena it came from, shared between
 * threads, and which state that arena is in then depended on how the threads interleaved: the
 * only source of run-to-run spread left that we found (callgrind's per-function diff of two runs:
 * all of it in _int_malloc, malloc_consolidate and unlink_chunk; jose's HS256 verify moved 0.25%
 * in one of four runs, the floor's synchronous ES256 sign in 3 modes). With it, those spreads fell
 * to 0.03% or less (docs/instructions.md). Allocation gets slightly cheaper (1–3% of a JWT call).
 */
export const MALLOC_TUNABLES = 'glibc.malloc.tcache_count=65535';

/** The environment of a measured process: nothing of the caller's but a fixed, small set. */
export function measuredEnv(): Record<string, string> {
  // jose's WebCrypto calls run on libuv's pool; one thread keeps their order fixed, and callgrind adds every thread's work together.
  return { TZ: 'UTC', LANG: 'C', UV_THREADPOOL_SIZE: '1', PATH: '/usr/bin:/bin', GLIBC_TUNABLES: MALLOC_TUNABLES };
}

function which(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return null;
}

export interface ValgrindTool {
  path: string;
  /** e.g. "valgrind-3.19.0" */
  version: string;
  /** setarch's path when it can turn address-space randomisation off here, else null */
  setarch: string | null;
  /** taskset's and chrt's paths when both may pin a process and run it at SCHED_FIFO here, else null */
  realtime: { taskset: string; chrt: string } | null;
}

/** Valgrind, or one line naming the package; and whether ASLR can be turned off (setarch -R) in this sandbox. */
export function findValgrind(): ValgrindTool {
  const path = process.env.JWTBENCH_VALGRIND ?? which('valgrind');
  if (path === null || !existsSync(path)) {
    throw new JwtbenchError('JWTBENCH_MISSING_TOOL', '--measure instructions needs Valgrind, which is not installed: apt-get install valgrind (Debian, Ubuntu), dnf install valgrind (Fedora), or set JWTBENCH_VALGRIND to its path');
  }
  let version: string;
  try {
    version = execFileSync(path, ['--version'], { encoding: 'utf8', timeout: 10_000 }).trim();
  } catch {
    throw new JwtbenchError('JWTBENCH_MISSING_TOOL', `--measure instructions: ${path} --version failed; reinstall Valgrind (apt-get install --reinstall valgrind)`);
  }
  return { path, version, setarch: aslrOffWorks(), realtime: realtimeWorks() };
}

/**
 * Whether a measured process can run pinned at SCHED_FIFO priority 1. Valgrind runs one thread
 * at a time and, when a thread's time slice ends, hands over to a thread that is waiting only if
 * the kernel has already woken it; how soon it does depends on what else the machine runs. So
 * jose's calls, which hand over to libuv's pool and back, counted about 0.2% more with a CPU hog
 * than without one (HS256 verify 124,181 against 123,938), the same under the hog from run to run.
 * Pinned to one CPU at real-time priority, the process's threads run in an order nothing else on
 * the machine can change. Needs root or CAP_SYS_NICE (or an RLIMIT_RTPRIO); elsewhere the counts
 * are taken at normal priority and config.instructions.scheduling says so. The kernel keeps 5% of
 * each second for other processes (sched_rt_runtime_us), so Ctrl-C still stops a run.
 */
function realtimeWorks(): { taskset: string; chrt: string } | null {
  const taskset = which('taskset');
  const chrt = which('chrt');
  if (taskset === null || chrt === null) return null;
  try {
    execFileSync(taskset, ['-c', '0', chrt, '-f', '1', 'true'], { stdio: 'ignore', timeout: 10_000 });
    return { taskset, chrt };
  } catch {
    return null; // not permitted here: normal scheduling
  }
}

function aslrOffWorks(): string | null {
  const setarch = which('setarch');
  if (setarch === null) return null;
  try {
    execFileSync(setarch, ['-R', 'true'], { stdio: 'ignore', timeout: 10_000 });
    return setarch;
  } catch {
    return null; // a sandbox that forbids personality(2)
  }
}

export interface CallgrindSettings {
  /** estimated cycles too: runs the cache simulation (about twice the time) */
  cacheSim: boolean;
}

/**
 * callgrind's own flags: counting only between the client requests, to a dump file per region.
 * --fair-sched=yes: Valgrind runs one thread at a time, and hands over in the order threads ask
 * (a ticket lock) instead of whichever the kernel wakes first; jose's hand-offs to libuv's pool
 * then take the same path more often (its ES256 sign spread 0.05% without it, 0.003% with it).
 */
export function callgrindArgs(outFile: string, logFile: string, settings: CallgrindSettings): string[] {
  return [
    '--tool=callgrind', '--instr-atstart=no', '--fair-sched=yes', `--callgrind-out-file=${outFile}`, `--log-file=${logFile}`,
    ...(settings.cacheSim ? ['--cache-sim=yes', `--I1=${CACHE_SIM.I1}`, `--D1=${CACHE_SIM.D1}`, `--LL=${CACHE_SIM.LL}`] : ['--cache-sim=no']),
  ];
}

/**
 * The whole command: [taskset -c <cpu> chrt -f 1] [setarch -R] valgrind <callgrind flags> node
 * <V8 flags> <script> <args>. cpu: the CPU of this measured process when scheduling is real-time.
 */
export function measuredCommand(tool: ValgrindTool, valgrindArgs: string[], nodeFlags: readonly string[], script: string, args: string[], cpu: number | null = null): { file: string; args: string[] } {
  const command = [
    ...(tool.realtime !== null && cpu !== null ? [tool.realtime.taskset, '-c', String(cpu), tool.realtime.chrt, '-f', '1'] : []),
    ...(tool.setarch === null ? [] : [tool.setarch, '-R']),
    tool.path, ...valgrindArgs, process.execPath, ...nodeFlags, script, ...args,
  ];
  return { file: command[0]!, args: command.slice(1) };
}
