// `jwtbench run`: the embedded default scenario behind `npm start`.
import { LOAD_PRESETS, resolvePlacement } from '../../bench/load/load-options.js';
import { join } from 'node:path';
import { defaultOutDir, defineCommand } from '../lib/command.js';
import { assertWritable } from '../../core/out-path.js';

const HELP = `Usage: jwtbench run [--out <dir>]

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
  -h, --help     this help`;

export const runCommand = defineCommand({
  name: 'run',
  help: HELP,
  flags: { out: { type: 'string' } },
  async run({ values }, io) {
    const outDir = values.out ?? defaultOutDir(io.cwd);
    await assertWritable('--out', ['micro.json', 'load.json', 'report.html', 'summary.md', 'decision.md'].map((f) => join(outDir, f)));
    const [{ runMicroFlags }, { runLoadCommand }, { reportTo }] = await Promise.all([import('./micro.js'), import('./load.js'), import('./report.js')]);
    const micro = await runMicroFlags({ preset: 'quick' }, outDir, io);
    io.stdout.write('\n');
    const load = await runLoadCommand('quick', { ...LOAD_PRESETS.quick.plan, ...resolvePlacement({}) }, outDir, io, false);
    io.stdout.write('\n');
    await reportTo([outDir], join(outDir, 'report.html'), io);
    const failed = micro.cases.some((c) => c.state === 'errored') || load.runs.some((r) => r.state === 'errored');
    return failed ? 1 : 0;
  },
});
