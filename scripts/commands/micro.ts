// `jwtbench micro`: sign and verify microbenchmarks, written to <out>/micro.json.
import { join, relative } from 'node:path';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { CaseSpec } from '../../core/results/micro.js';
import type { SkippedSpec } from '../../bench/matrix.js';
import { MICRO_FLAGS, resolveMicroOptions, type MicroOptions } from '../../bench/micro-options.js';
import type { MicroDocument, MicroMatrix } from '../../core/results/micro.js';
import type { EngineSet } from '../../bench/engines/engine-set.js';
import type { CompletedCase } from '../../core/results/micro.js';
import type { MicroFlagValues } from '../../bench/micro-options.js';
import { PRESET_NAMES, PRESETS } from '../../bench/presets.js';
import { ALG_NAMES } from '../../core/algorithms.js';
import { ENGINE_NAMES } from '../../core/results/names.js';
import { defaultOutDir, defineCommand, type CommandIO } from '../lib/command.js';
import { badFlag, JwtbenchError } from '../../core/errors.js';
import { createRunProgress } from '../lib/progress.js';
import { PROCESS_ENV, TASKSET_PATH } from '../lib/process-env.js';
import { assertWritable } from '../../core/out-path.js';
import { microDocument } from '../lib/micro-document.js';

const presetLines = PRESET_NAMES.map((p) => `  ${p.padEnd(9)} ${PRESETS[p].description}`).join('\n');

const HELP = `Usage: jwtbench micro [flags]

Signs and verifies JWTs with every selected algorithm and engine in worker threads, timed by
tinybench, and writes <out>/micro.json (schema: core/results/micro.schema.json).

Flags (lists are comma-separated; "all" selects every value):
  --preset <name>       starting matrix and time budget (default quick)
${presetLines}
  --algs <list>         ${ALG_NAMES.join(', ')}
  --rsa-bits <list>     RSA key sizes for RS*/PS*: 2048, 3072, 4096
  --ops <list>          sign, verify
  --engines <list>      ${ENGINE_NAMES.join(', ')} (node = the node:crypto floor;
                        webcrypto = crypto.subtle with keys imported once, the WebCrypto
                        floor; noble-pq = @noble/post-quantum, ML-DSA only). An engine that cannot
                        run an algorithm on this runtime (ML-DSA in jose and node before
                        Node 24) has its cases recorded as skipped, with the reason
  --key-prep <list>     prepared, per-call (per-call applies to jose only)
  --payloads <list>     small, typical, large
  --threads <list>      worker threads per case, e.g. 1,2
  --time <ms>           measured time per case and thread
  --warmup <ms>         warm-up time per case and thread
  --min-samples <n>     minimum timed operations per thread
  --repeat <n>          run the whole matrix n times, cases interleaved (default 1)
  --warmup-rounds <n>   untimed passes over the matrix before the timed ones (default 1 when
                        repeating, 3 for ci, else 0): the first seconds of a process run slower
  --max-repeats <n>     repeat a case that is unstable (its interval reaches past ±5%, or floor
                        siblings disagree) again, interleaved, up to n repeats in all (default 13
                        for quick, standard and full, else --repeat: never)
  --extra-time <ms>     the most time those extra repeats may take (default 5000 for quick)
  --finish-by <time>    start no extra repeat after this UTC time (e.g. 2026-12-04T18:30:00Z;
                        the main repeats always run): how jwtbench run keeps to its --budget
  --pin <cpu|none>      run pinned to one CPU (Linux taskset), in a fresh process; 1-thread runs
                        only. Default for quick, standard and full: 1 thread on the last CPU,
                        and each other thread count in its own processes on as many CPUs, so
                        scaling is k threads on k CPUs against 1 on 1; none leaves it to the
                        OS. Unpinned, jose's hops to libuv's threadpool cost 20 or 90 µs by
                        where threads land
  --processes <n>       run the warm-up rounds and repeats in n fresh processes, one after
                        another (default 1, 5 for ci): two processes of the same code differ
                        by a few percent, and compare tests on processes when there are enough
  --out <dir>           where micro.json goes (default results/<UTC time>/)
  --json                print the results document on stdout (the summary goes to stderr)
  --engine-module <path>  an ES module whose default export is an engine of your own (see
                        docs/use-in-your-project.md); repeatable. It is timed on every
                        algorithm it lists, after the same correctness gate as the built-in
                        engines, and micro.json records its path, hash and imports' versions
  --runtime <spec>      run on another runtime, repeatable: node@<major or version>, bun[@v],
                        deno[@v] or a path to a binary (installed from npm into a cache once,
                        saying so: jwtbench runtimes). Each runs the same matrix in turn, after
                        a cross-runtime check (tokens signed there verify on this Node and the
                        other way round; a pair that fails is skipped as unsupported), into
                        <out>/<name@version>/micro.json; the WebCrypto floor (webcrypto) joins
                        the engines unless --engines is given. Off Node: 1-thread cases only,
                        node and fast-jwt through that runtime's Node compatibility layer
  --measure <what>      time (default): tinybench in worker threads; instructions: every
                        1-thread case counted under Valgrind (callgrind) as instructions per op,
                        each in a process of its own, with estimated cycles beside them; the
                        same on a busy machine (docs/instructions.md). Needs valgrind and a C
                        compiler; the time-only flags (--time, --repeat, --processes, --pin,
                        ...) are refused with it
  --keys <dir>          instructions: the key set (keys, a frozen clock, the tokens verified),
                        written there by the first run and reused by later ones; compare
                        matches counts only of the same inputs. Never commit it
  --no-cycles           instructions: skip the cache simulation behind estimated cycles
                        (about half the time)
  --no-realtime         instructions: count at normal priority even where each measured
                        process could run pinned at real-time priority (the default where
                        permitted, so that nothing else on the machine changes the order of its
                        threads; it leaves other work 5% of the CPUs while it runs)
  --tiers <all|no-opt>  instructions: all (default) counts what V8 runs once warm; no-opt
                        turns TurboFan off, as CodSpeed does
  --jobs <n>            instructions: measured processes at once (default: one per CPU)
  --resolve-from <dir>  load jose and fast-jwt from that project's node_modules instead of
                        jwtbench's own, to measure the versions you deploy (recorded in env)
  --test-slowdown <e:op:pct>  TEST-ONLY: add work worth pct% of the op's time to every timed
                        call of one engine's op (e.g. jose:verify:10), to check compare's
                        verdicts against a slowdown of known size; recorded in the results
  -h, --help            this help

Exit status: 0 when every case completed or was skipped, 1 when a case errored (an engine
module failing the correctness gate, too), 2 for bad flags, an engine module that is missing,
throws on load or exports no engine, and a --resolve-from folder without the package.`;

/** The run's engines loaded (bad modules and --resolve-from fail here), its matrix with the custom engines, its cases and those skipped here. */
async function casesOf(options: MicroOptions): Promise<{ cases: CaseSpec[]; skipped: SkippedSpec[]; matrix: MicroMatrix; engines: EngineSet }> {
  const [{ expandMatrix, skippedCases }, { loadEngineSet }, { applyRuntimeLimits }] = await Promise.all([import('../../bench/matrix.js'), import('../../bench/engines/engine-set.js'), import('../../bench/runtime-limits.js')]);
  const engines = await loadEngineSet(options.sources);
  const matrix = { ...options.matrix, engines: [...options.matrix.engines, ...engines.custom.map((e) => e.name)] };
  const limited = applyRuntimeLimits(expandMatrix(matrix, engines.get));
  const cases = limited.cases;
  const skipped = [...skippedCases(matrix, engines.get), ...limited.skipped];
  if (cases.length + skipped.length === 0) {
    throw new JwtbenchError('JWTBENCH_BAD_FLAG', '--engines/--key-prep/--algs select no cases (per-call key preparation exists only for jose; noble-pq runs only ML-DSA; an engine module runs only the algorithms it lists)');
  }
  return { cases, skipped, matrix, engines };
}

export async function runMicroCommand(options: MicroOptions, outDir: string, io: CommandIO, json: boolean): Promise<{ doc: MicroDocument; file: string }> {
  const { cases, skipped, matrix, engines } = await casesOf(options);
  const [{ runMicro }, { captureEnv }, { publishResults }, { renderMicroSummary }, { recordEngineModule }, { caseFigures }] = await Promise.all([
    import('../../bench/run-micro.js'), import('../../core/env.js'),
    import('../lib/publish-results.js'), import('../../bench/summary.js'), import('../../bench/engines/engine-module-record.js'), import('../../core/repeats.js'),
  ]);
  const engineModules = await Promise.all(engines.custom.map((e) => recordEngineModule(e.name, e.source!)));
  const progress = createRunProgress(io.stderr, process.env[PROCESS_ENV] !== undefined);
  const startedAt = new Date();
  let results;
  try {
    results = await runMicro({
      cases, budget: options.budget, repeat: options.repeat, warmupRounds: options.warmupRounds, maxRepeats: options.maxRepeats, extraTimeMs: options.extraTimeMs, finishBy: options.finishBy, signal: io.signal, testSlowdown: options.testSlowdown, sources: options.sources,
      onCaseStart: (p) => progress.update(p.done, p.total, `${p.warmup ? 'warm-up ' : ''}${p.current.id}`, p.elapsedMs),
    });
  } finally {
    progress.done();
  }
  const env = captureEnv(startedAt, new Date());
  env.libraries = { ...env.libraries, ...engines.libraries }; // the versions the engines really loaded
  const { resolveFrom } = options.sources;
  const doc = microDocument(env, {
    preset: options.preset, matrix, budget: options.budget, repeat: options.repeat, warmupRounds: options.warmupRounds,
    maxRepeats: options.maxRepeats, extraTimeMs: options.extraTimeMs,
    ...(options.finishBy === undefined ? {} : { finishBy: new Date(options.finishBy).toISOString() }),
    ...(options.testSlowdown ? { testSlowdown: options.testSlowdown } : {}),
    ...(engineModules.length > 0 ? { engineModules } : {}), ...(resolveFrom ? { resolveFrom } : {}),
  }, results, skipped, caseFigures(results.filter((c): c is CompletedCase => c.state === 'completed')));

  const file = await publishResults(doc, outDir, renderMicroSummary(doc.cases, doc.config.pinnedByThreads, summaryCommandFor(outDir, io)), io, json);
  return { doc, file };
}

/** The command that lists each unstable case of the run written to outDir. */
function summaryCommandFor(outDir: string, io: CommandIO): string {
  const shown = relative(io.cwd, outDir);
  return `jwtbench summary ${shown === '' ? '.' : shown.startsWith('..') ? outDir : shown}`;
}

export const microCommand = defineCommand({
  name: 'micro',
  help: HELP,
  flags: MICRO_FLAGS,
  async run({ values }, io) {
    const outDir = values.out ?? defaultOutDir(io.cwd);
    if (values.runtime !== undefined) {
      await assertWritable('--out', [join(outDir, 'runtimes.json')]);
      const options = resolveMicroOptions(values);
      if (options.measure === 'instructions') throw badFlag('--runtime', 'cannot be combined with --measure instructions (counts are taken on the running Node only)');
      await casesOf(options); // bad selections fail here, before any runtime is installed
      const { runMicroRuntimes } = await import('../lib/micro-runtimes.js');
      return runMicroRuntimes(values, options, outDir, io);
    }
    await assertWritable('--out', [join(outDir, 'micro.json')]);
    const doc = await runMicroFlags(values, outDir, io);
    return doc.cases.some((c) => c.state === 'errored') ? 1 : 0;
  },
});

/**
 * A micro run from its flags, as `micro` and `run` start it: in this process, or in fresh
 * child processes when there are several, the run is pinned to a CPU (a child is started
 * under taskset; this process's own threads stay where they are) or it needs node flags.
 */
export async function runMicroFlags(values: MicroFlagValues, outDir: string, io: CommandIO): Promise<MicroDocument> {
  const options = resolveMicroOptions(values);
  const selection = await casesOf(options); // bad selections fail here, not in a child
  if (options.measure === 'instructions') {
    const { runInstructionCommand } = await import('../lib/micro-instructions.js');
    return runInstructionCommand(options, { ...selection, libraries: selection.engines.libraries, custom: selection.engines.custom }, outDir, io, values.json === true);
  }
  const child = process.env[PROCESS_ENV] !== undefined;
  if (options.preset === 'ci' && availableParallelism() > 1 && !child) {
    io.stderr.write('note: runs meant for jwtbench compare vary least pinned to one CPU (taskset -c 1 jwtbench micro --preset ci); see the README\n');
  }
  // Pinning (one CPU, or each thread count apart) needs taskset; without it, say so once.
  const canPin = !child && existsSync(TASKSET_PATH);
  if (!child && !canPin && (options.pin !== null || options.pinByThreads)) {
    io.stderr.write(`note: ${TASKSET_PATH} is missing, so the run is not pinned to CPUs; jose's figures may vary more between runs (docs/statistics.md)\n`);
  }
  const pin = canPin ? options.pin : null;
  const byThreads = canPin && options.pinByThreads;
  // Node's own flags can only be given to a new process: a run that needs some is a child too.
  const nodeFlags = child ? [] : options.nodeFlags;
  if (byThreads || options.processes > 1 || pin !== null || nodeFlags.length > 0) {
    const [{ runPinnedByThreads }, { runMicroProcesses }, { publishResults }, { renderMicroSummary }] = await Promise.all([
      import('../lib/pinned-by-threads.js'), import('../lib/micro-processes.js'), import('../lib/publish-results.js'), import('../../bench/summary.js'),
    ]);
    const doc = byThreads ? await runPinnedByThreads(values, options, io)
      : await runMicroProcesses(values, options.processes, io, pin === null ? null : [pin], nodeFlags);
    await publishResults(doc, outDir, renderMicroSummary(doc.cases, doc.config.pinnedByThreads, summaryCommandFor(outDir, io)), io, values.json === true);
    return doc;
  }
  return (await runMicroCommand(options, outDir, io, values.json === true)).doc;
}
