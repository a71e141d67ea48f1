// `jwtbench run`: the embedded default scenario behind `npm start`, within a time budget.
import { LOAD_PRESETS, resolvePlacement } from '../../bench/load/load-options.js';
import { expandLoadPlan } from '../../bench/load/run-load.js';
import { join } from 'node:path';
import { defaultOutDir, defineCommand } from '../lib/command.js';
import { assertWritable } from '../../core/out-path.js';
import { atMost, positiveNumber } from '../../core/flags.js';
import { budgetLine, planBudget, RUN_BUDGET_S } from '../lib/run-budget.js';
import { serverRuntimeSpec } from '../lib/server-runtime-flag.js';

const HELP = `Usage: jwtbench run [--out <dir>] [--budget <s>] [--runtime node@<version>]

Runs the default scenario: the quick microbenchmark preset (every algorithm at its default
key size, sign and verify, jose with prepared keys and the node:crypto floor, typical
payload, 1 thread; a warm-up round, then 9 interleaved repeats, up to 13 for a case whose
repeats disagree; each figure the median with its interval, see docs/statistics.md; pinned
to the last CPU with taskset where there is one), then the quick load preset (the verify
scenario for baseline, hs256 and rs256, the servers on jose and on the node:crypto floor),
and writes the decision report for them. Writes <out>/micro.json, <out>/load.json,
<out>/report.html, <out>/summary.md (with its charts in <out>/charts/) and <out>/decision.md
(a decision record), and prints the summaries.

  --out <dir>    where results go (default results/<UTC time>/)
  --budget <s>   the time the whole run may take (default ${RUN_BUDGET_S}): on a busy machine the
                 extra repeats of unstable cases stop early and the load runs measure
                 shorter windows (down to 2 s) so that it still fits; every case and run
                 still happens. Recorded in micro.json and load.json (finishBy), and the
                 last line says whether it bound
  --runtime <spec>  the whole scenario on another Node: node@<major or version> (installed
                 from the npm registry into the runtimes cache when missing) or a path to
                 a node binary; e.g. node@24 measures ML-DSA on native crypto. Node only:
                 the reference servers are Fastify (micro --runtime takes Bun and Deno)
  -h, --help     this help`;

export const runCommand = defineCommand({
  name: 'run',
  help: HELP,
  flags: { out: { type: 'string' }, budget: { type: 'string' }, runtime: { type: 'string' } },
  async run({ values }, io) {
    const startedAt = Date.now();
    const budgetS = values.budget === undefined ? RUN_BUDGET_S : atMost('--budget', positiveNumber('--budget', values.budget, 'seconds'), 3600, ' seconds');
    const outDir = values.out ?? defaultOutDir(io.cwd);
    const runtime = serverRuntimeSpec(values.runtime === undefined ? undefined : [values.runtime]);
    await assertWritable('--out', ['micro.json', 'load.json', 'report.html', 'summary.md', 'decision.md'].map((f) => join(outDir, f)));
    if (runtime !== undefined) {
      const { runOnRuntime } = await import('../lib/run-on-runtime.js');
      return runOnRuntime(runtime, ['--out', outDir, '--budget', String(budgetS)], io);
    }
    const [{ runMicroFlags }, { runLoadCommand }, { reportTo }] = await Promise.all([import('./micro.js'), import('./load.js'), import('./report.js')]);
    const { plan } = LOAD_PRESETS.quick;
    const budget = planBudget(startedAt, budgetS, expandLoadPlan(plan).length, plan.durationS);
    // A line per phase on stderr, a terminal or a log: each phase adds its own progress.
    const phase = (n: number, what: string) => io.stderr.write(`run: ${n}/3 ${what} (${Math.round((Date.now() - startedAt) / 1000)} s of ${budgetS} s)\n`);
    phase(1, 'micro benchmarks, quick preset');
    const micro = await runMicroFlags({ preset: 'quick', 'finish-by': new Date(budget.microFinishBy).toISOString() }, outDir, io);
    const microDoneAt = Date.now();
    io.stdout.write('\n');
    phase(2, 'load runs, quick preset');
    const load = await runLoadCommand('quick', { ...plan, ...resolvePlacement({}), finishBy: budget.loadFinishBy }, outDir, io, false);
    const loadDoneAt = Date.now();
    io.stdout.write('\n');
    phase(3, 'the report');
    await reportTo([outDir], join(outDir, 'report.html'), io);
    io.stdout.write(`${budgetLine(budget, Date.now(), { doneAt: microDoneAt, maxRepeats: micro.config.maxRepeats ?? micro.config.repeat, figures: micro.figures ?? [] }, { ...load, doneAt: loadDoneAt })}\n`);
    const failed = micro.cases.some((c) => c.state === 'errored') || load.runs.some((r) => r.state === 'errored');
    return failed ? 1 : 0;
  },
});
