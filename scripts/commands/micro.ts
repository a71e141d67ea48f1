// `jwtbench micro`: sign and verify microbenchmarks, written to <out>/micro.json.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { expandMatrix } from '../../bench/matrix.js';
import { MICRO_FLAGS, resolveMicroOptions, type MicroFlagValues, type MicroOptions } from '../../bench/micro-options.js';
import type { CompletedCase, MicroDocument } from '../../bench/micro-results.js';
import { PRESET_NAMES, PRESETS } from '../../bench/presets.js';
import { ALG_NAMES } from '../../core/algorithms.js';
import { ENGINE_NAMES } from '../../bench/engines/names.js';
import { defaultOutDir, defineCommand, type CommandIO } from '../lib/command.js';
import { JwtbenchError } from '../../core/errors.js';
import { createProgress } from '../lib/progress.js';
import { PROCESS_ENV, TASKSET_PATH } from '../lib/process-env.js';

const presetLines = PRESET_NAMES.map((p) => `  ${p.padEnd(9)} ${PRESETS[p].description}`).join('\n');

const HELP = `Usage: jwtbench micro [flags]

Signs and verifies JWTs with every selected algorithm and engine in worker threads, timed by
tinybench, and writes <out>/micro.json (schema: bench/micro.schema.json).

Flags (lists are comma-separated; "all" selects every value):
  --preset <name>       starting matrix and time budget (default quick)
${presetLines}
  --algs <list>         ${ALG_NAMES.join(', ')}
  --rsa-bits <list>     RSA key sizes for RS*/PS*: 2048, 3072, 4096
  --ops <list>          sign, verify
  --engines <list>      ${ENGINE_NAMES.join(', ')} (node = the node:crypto floor)
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
  --extra-time <ms>     the most time those extra repeats may take (default 8000 for quick)
  --pin <cpu|none>      run pinned to one CPU (Linux taskset), in a fresh process (default: the
                        last CPU for quick, none otherwise; 1-thread runs only): unpinned,
                        jose's hops to libuv's threadpool cost 20 or 90 µs by where threads land
  --processes <n>       run the warm-up rounds and repeats in n fresh processes, one after
                        another (default 1, 5 for ci): two processes of the same code differ
                        by a few percent, and compare tests on processes when there are enough
  --out <dir>           where micro.json goes (default results/<UTC time>/)
  --json                print the results document on stdout (the summary goes to stderr)
  --test-slowdown <e:op:pct>  TEST-ONLY: add work worth pct% of the op's time to every timed
                        call of one engine's op (e.g. jose:verify:10), to check compare's
                        verdicts against a slowdown of known size; recorded in the results
  -h, --help            this help

Exit status: 0 when every case completed, 1 when a case errored, 2 for bad flags.`;

async function casesOf(options: MicroOptions): Promise<ReturnType<typeof expandMatrix>> {
  const { expandMatrix } = await import('../../bench/matrix.js');
  const cases = expandMatrix(options.matrix);
  if (cases.length === 0) {
    throw new JwtbenchError('JWTBENCH_BAD_FLAG', '--engines/--key-prep select no cases (per-call key preparation exists only for jose)');
  }
  return cases;
}

export async function runMicroCommand(options: MicroOptions, outDir: string, io: CommandIO, json: boolean): Promise<{ doc: MicroDocument; file: string }> {
  const cases = await casesOf(options);
  const [{ runMicro }, { MICRO_SCHEMA_VERSION }, { captureEnv }, { publishResults }, { renderMicroSummary }, { caseFigures }] = await Promise.all([
    import('../../bench/run-micro.js'), import('../../bench/micro-results.js'), import('../../core/env.js'),
    import('../lib/publish-results.js'), import('../../bench/summary.js'), import('../../core/repeats.js'),
  ]);
  const progress = createProgress(io.stderr);
  const startedAt = new Date();
  let results;
  try {
    results = await runMicro({
      cases, budget: options.budget, repeat: options.repeat, warmupRounds: options.warmupRounds, maxRepeats: options.maxRepeats, extraTimeMs: options.extraTimeMs, signal: io.signal, testSlowdown: options.testSlowdown,
      onCaseStart: (p) => progress.update(p.done, p.total, `${p.warmup ? 'warm-up ' : ''}${p.current.id}`, p.elapsedMs),
    });
  } finally {
    progress.done();
  }
  const doc: MicroDocument = {
    schemaVersion: MICRO_SCHEMA_VERSION,
    kind: 'micro',
    env: captureEnv(startedAt, new Date()),
    config: {
      preset: options.preset, matrix: options.matrix, budget: options.budget, repeat: options.repeat, warmupRounds: options.warmupRounds,
      maxRepeats: options.maxRepeats, extraTimeMs: options.extraTimeMs, ...(options.testSlowdown ? { testSlowdown: options.testSlowdown } : {}),
    },
    cases: results,
    figures: caseFigures(results.filter((c): c is CompletedCase => c.state === 'completed')),
  };
  const file = await publishResults(doc, outDir, renderMicroSummary(results), io, json);
  return { doc, file };
}

export const microCommand = defineCommand({
  name: 'micro',
  help: HELP,
  flags: MICRO_FLAGS,
  async run({ values }, io) {
    const outDir = values.out ?? defaultOutDir(io.cwd);
    const doc = await runMicroFlags(values, outDir, io);
    return doc.cases.some((c) => c.state === 'errored') ? 1 : 0;
  },
});

/**
 * A micro run from its flags, as `micro` and `run` start it: in this process, or in fresh
 * child processes when there are several or the run is pinned to a CPU (a child is started
 * under taskset; this process's own threads stay where they are).
 */
export async function runMicroFlags(values: MicroFlagValues, outDir: string, io: CommandIO): Promise<MicroDocument> {
  const options = resolveMicroOptions(values);
  await casesOf(options); // bad selections fail here, not in a child
  const child = process.env[PROCESS_ENV] !== undefined;
  if (options.preset === 'ci' && availableParallelism() > 1 && !child) {
    io.stderr.write('note: runs meant for jwtbench compare vary least pinned to one CPU (taskset -c 1 jwtbench micro --preset ci); see the README\n');
  }
  let pin = child ? null : options.pin;
  if (pin !== null && !existsSync(TASKSET_PATH)) {
    io.stderr.write(`note: ${TASKSET_PATH} is missing, so the run is not pinned to a CPU; jose's figures may vary more between runs (docs/statistics.md)\n`);
    pin = null;
  }
  if (options.processes > 1 || pin !== null) {
    const [{ runMicroProcesses }, { publishResults }, { renderMicroSummary }] = await Promise.all([
      import('../lib/micro-processes.js'), import('../lib/publish-results.js'), import('../../bench/summary.js'),
    ]);
    const doc = await runMicroProcesses(values, options.processes, io, pin);
    await publishResults(doc, outDir, renderMicroSummary(doc.cases), io, values.json === true);
    return doc;
  }
  return (await runMicroCommand(options, outDir, io, values.json === true)).doc;
}
