// `micro --measure instructions`: every single-thread case of the matrix counted under callgrind,
// each in a process of its own, a few at a time (Valgrind runs a process's threads one at a
// time, so a process uses one CPU). Gates and tokens are done here first, without Valgrind.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALGORITHMS } from '../../core/algorithms.js';
import { spawnTracked, stopChild } from '../../core/children.js';
import { errorMessage } from '../../core/errors.js';
import type { CaseSpec, CountedCase, InstructionsConfig, MicroCase } from '../../core/results/micro.js';
import { loadEngineSet, type EngineSources } from '../engines/engine-set.js';
import { runGate } from '../gate.js';
import { allowedCpus } from '../pin-plan.js';
import { buildPayload } from '../payloads.js';
import { buildAddon } from './addon.js';
import type { ChildResult, ChildTask } from './child-task.js';
import { deriveInstructionRatios } from './derive.js';
import { KeySet, toStored } from './key-set.js';
import { PROTOCOL } from './protocol.js';
import { CACHE_SIM, CYCLES_FORMULA, DETERMINISTIC_NODE_FLAGS, NO_OPT_FLAG, callgrindArgs, findValgrind, measuredCommand, measuredEnv } from './valgrind.js';

/** A case that takes longer than this under Valgrind is stopped and recorded as errored. */
const CASE_TIMEOUT_MS = 15 * 60_000;

export interface InstructionRunOptions {
  cases: CaseSpec[];
  sources: EngineSources;
  /** --keys <dir>: read the key set there, or write a new one there; null: one for this run alone */
  keysDir: string | null;
  /** estimated cycles too (cache simulation) */
  cacheSim: boolean;
  /** count with TurboFan off (CodSpeed's choice), for comparison; default keeps every tier */
  noOpt: boolean;
  /** each measured process pinned at SCHED_FIFO where permitted (default true) */
  realtime?: boolean;
  /** measured processes at once (default: one per CPU) */
  jobs?: number;
  signal?: AbortSignal;
  onCase?: (p: { done: number; total: number; id: string; elapsedMs: number }) => void;
}

export interface InstructionRun { cases: MicroCase[]; config: InstructionsConfig }

/**
 * What a case's process loads: its own engine alone. Loading the run's other engines (an
 * --engine-module and its imports) changed the heap, and with it when collections fell: the
 * floor's RS256 verify counted 6.8% more in a run without a module than in one with it.
 */
function ownSources(sources: EngineSources, engine: string, module: string | undefined): EngineSources {
  return module === undefined ? { ...sources, selected: sources.selected.filter((e) => e === engine), modules: [] } : { ...sources, selected: [], modules: [module] };
}

const TIERS_ALL = 'every tier V8 reaches under --predictable (Ignition, Sparkplug, Maglev, TurboFan, compiled on the main thread): what production runs once warm';
const TIERS_NO_OPT = '--no-opt: Ignition and Sparkplug only (CodSpeed\'s choice): unoptimised JavaScript, not what production runs';

export async function runInstructions(opts: InstructionRunOptions): Promise<InstructionRun> {
  const found = findValgrind();
  const tool = opts.realtime === false ? { ...found, realtime: null } : found;
  const addon = buildAddon(tool);
  const nodeFlags = [...DETERMINISTIC_NODE_FLAGS, ...(opts.noOpt ? [NO_OPT_FLAG] : [])];
  const keySet = KeySet.open(opts.keysDir);
  const engines = await loadEngineSet(opts.sources);
  const env = measuredEnv();
  const work = await mkdtemp(join(tmpdir(), 'jwtbench-instructions-'));
  const results = new Map<string, MicroCase>();
  const tasks: { spec: CaseSpec; task: ChildTask; inputSha256: string; fromKeySet: boolean }[] = [];
  try {
    for (const spec of opts.cases) {
      // callgrind runs one thread at a time and adds their work together: a k-thread count says nothing a 1-thread one does not.
      if (spec.threads > 1) { results.set(spec.id, { ...spec, state: 'skipped', repeat: 0, reason: 'instruction counts are measured single-threaded (Valgrind serialises threads)' }); continue; }
      const alg = ALGORITHMS[spec.alg];
      const keys = await keySet.key(alg, spec.keyBits);
      const ctx = { alg, keys, payload: buildPayload(spec.payload, keySet.clockS), keyPrep: spec.keyPrep, clockS: keySet.clockS };
      const subject = engines.get(spec.engine);
      const gate = subject ? await runGate(subject, engines.builtins, ctx).catch((e: unknown) => ({ ok: false as const, reason: errorMessage(e) })) : { ok: false as const, reason: `no engine named ${spec.engine}` };
      if (!gate.ok) { results.set(spec.id, { ...spec, state: 'errored', stage: 'gate', error: gate.reason, repeat: 0 }); continue; }
      let token: string | undefined;
      let fromKeySet = false;
      if (spec.op === 'verify') {
        const prepared = await subject!.prepare(ctx);
        const stored = keySet.token(spec.id);
        // A stored token this engine no longer accepts (its header changed, say) is replaced, and the case says so.
        if (stored !== undefined && await Promise.resolve(prepared.verify(stored)).then(() => true, () => false)) { token = stored; fromKeySet = true; }
        else { token = await prepared.sign(); keySet.setToken(spec.id, token); }
      }
      const dir = join(work, String(tasks.length));
      tasks.push({
        spec, fromKeySet, inputSha256: keySet.inputSha256(alg, spec.keyBits, token),
        task: { spec, key: toStored(keys), clockS: keySet.clockS, ...(token === undefined ? {} : { token }), sources: ownSources(opts.sources, spec.engine, subject!.source), addon, dumpFile: join(dir, 'callgrind.out'), resultFile: join(dir, 'result.json'), protocol: { ...PROTOCOL } },
      });
    }
    await keySet.save();
    const started = Date.now();
    let done = 0;
    const script = fileURLToPath(new URL('./child.js', import.meta.url));
    const runTask = async (t: (typeof tasks)[number], cpu: number | null): Promise<void> => {
      opts.signal?.throwIfAborted();
      opts.onCase?.({ done, total: tasks.length, id: t.spec.id, elapsedMs: Date.now() - started });
      const dir = join(work, String(tasks.indexOf(t)));
      await mkdir(dir, { recursive: true });
      const taskFile = join(dir, 'task.json');
      await writeFile(taskFile, JSON.stringify(t.task), { mode: 0o600 });
      const cmd = measuredCommand(tool, callgrindArgs(t.task.dumpFile, join(dir, 'valgrind.log'), { cacheSim: opts.cacheSim }), nodeFlags, script, [taskFile], cpu);
      const child = spawnTracked(cmd.file, cmd.args, { env, cwd: dir });
      const timer = setTimeout(() => void stopChild(child), CASE_TIMEOUT_MS);
      const onAbort = () => void stopChild(child, 500);
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      const code = await child.exited;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      done += 1;
      opts.signal?.throwIfAborted();
      const result = await readFile(t.task.resultFile, 'utf8').then((s) => JSON.parse(s) as ChildResult, () => null);
      if (result === null || result.state === 'errored') {
        const log = await readFile(join(dir, 'valgrind.log'), 'utf8').catch(() => '');
        const why = result?.error ?? `the measured process exited with ${code} and no result${child.stderrTail() ? `: ${child.stderrTail().split('\n').slice(-2).join(' | ')}` : ''}${log.includes('error') ? ` (valgrind: ${log.split('\n').filter((l) => /error|fatal/i.test(l)).slice(0, 1).join('')})` : ''}`;
        results.set(t.spec.id, { ...t.spec, state: 'errored', stage: 'run', error: why, repeat: 0 });
        return;
      }
      const { state: _s, ...counted } = result;
      const c: CountedCase = { ...t.spec, state: 'counted', repeat: 0, ...counted, inputSha256: t.inputSha256, ...(t.spec.op === 'verify' ? { tokenFromKeySet: t.fromKeySet } : {}), derivedInstructions: { instructionsVsHs256: null, instructionsVsNodeFloor: null } };
      results.set(t.spec.id, c);
    };
    const cpus = allowedCpus();
    // Real-time scheduling pins each job to a CPU of its own: never more jobs than CPUs then.
    const jobs = Math.max(1, Math.min(opts.jobs ?? cpus.length, tool.realtime === null ? Infinity : cpus.length));
    const queue = [...tasks];
    await Promise.all(Array.from({ length: Math.min(jobs, queue.length) }, async (_, slot) => {
      for (let t = queue.shift(); t !== undefined; t = queue.shift()) await runTask(t, cpus[slot]!);
    }));
  } finally {
    // JWTBENCH_KEEP_CALLGRIND=1 keeps each region's dump, to see with callgrind_annotate where a count moved.
    if (process.env.JWTBENCH_KEEP_CALLGRIND === '1') process.stderr.write(`callgrind dumps kept in ${work}\n`);
    else await rm(work, { recursive: true, force: true });
  }
  const cases = deriveInstructionRatios(opts.cases.map((s) => results.get(s.id)!));
  return {
    cases,
    config: {
      valgrind: tool.version,
      valgrindArgs: callgrindArgs('<out>', '<log>', { cacheSim: opts.cacheSim }).filter((a) => !a.includes('<')),
      nodeFlags,
      tiers: opts.noOpt ? TIERS_NO_OPT : TIERS_ALL,
      env,
      aslr: tool.setarch === null ? 'on' : 'off',
      scheduling: tool.realtime === null ? 'normal' : 'realtime',
      keySetSha256: keySet.sha256(),
      keySetReused: keySet.reused,
      clockS: keySet.clockS,
      cacheSim: opts.cacheSim ? { ...CACHE_SIM } : null,
      cyclesFormula: opts.cacheSim ? CYCLES_FORMULA : null,
      protocol: { ...PROTOCOL },
      processPerCase: true,
    },
  };
}
