// `jwtbench outliers <dir>`: which runs of one side were disturbed and should be measured again.
import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { OUTLIER_MARGIN, slowOutliers } from '../../bench/compare/outliers.js';
import { defineCommand } from '../lib/command.js';
import { badFlag } from '../../core/errors.js';
import { positiveNumber } from '../../core/flags.js';
import { readResults } from '../../core/results/results-file.js';
import { runFiles } from '../lib/run-files.js';

const HELP = `Usage: jwtbench outliers <dir> [--margin <percent>]

<dir> holds the runs of one side, one directory each (dir/1/micro.json, dir/2/micro.json,
...), as the pull-request workflow writes them. Prints, one per line, the run directories
whose figure on some case (the fastest of its repeats, as compare takes it) lies more than
--margin above the median of the side's other runs: a process that other work on the machine
disturbed through all its repeats. Measure those again into the same directories, then ask
again. With 5 processes a side, one such run hides a real slowdown from compare's test.

Judged within the side only, so a real change, which moves every run of a side alike, is
never flagged; only slower runs count, since interference only adds time. Needs 3 runs or
more. Why each run is flagged goes to stderr.

  --margin <percent>   how far above the others' median a run must lie (default 5, the
                       margin compare calls a change within "unchanged")
  -h, --help           this help

Exit status: 0 (whether or not any run is printed), 2 for bad input.`;

const pct = (x: number) => `${(x * 100).toFixed(0)}%`;

export const outliersCommand = defineCommand({
  name: 'outliers',
  help: HELP,
  flags: { margin: { type: 'string' } },
  positionals: true,
  async run({ values, positionals }, io) {
    if (positionals.length !== 1) throw badFlag('<dir>', `expects exactly one directory of runs (got ${positionals.length})`);
    const margin = values.margin === undefined ? OUTLIER_MARGIN : positiveNumber('--margin', values.margin, 'percent') / 100;
    const dir = positionals[0]!;
    const isDir = await stat(dir).then((s) => s.isDirectory(), (error: NodeJS.ErrnoException) => { throw badFlag('<dir>', `${dir}: cannot read it (${error.code ?? String(error)})`); });
    if (!isDir) throw badFlag('<dir>', `${dir} is a file; give the directory that holds a side's run directories`);
    const files = await runFiles(dir);
    const micro = files.filter((f) => f.endsWith('micro.json'));
    if (micro.some((f) => resolve(dirname(f)) === resolve(dir))) throw badFlag('<dir>', `${dir} is one run; give the directory that holds a side's run directories`);
    if (micro.length === 0) throw badFlag('<dir>', `${dir} holds no run directory with a micro.json`);
    const runs = await Promise.all(micro.map(async (f) => ({ label: dirname(f), doc: await readResults('micro', f) })));
    if (runs.length < 3) {
      io.stderr.write(`${dir}: ${runs.length} run(s); an outlier needs at least 3 to stand out from\n`);
      return 0;
    }
    for (const run of slowOutliers(runs, margin)) {
      const worst = run.cases.reduce((w, c) => (c.excess > w.excess ? c : w));
      io.stderr.write(`${run.label}: ${run.cases.length} case(s) over ${pct(margin)} above the side's other runs (most: ${worst.id} +${(worst.excess * 100).toFixed(1)}%)\n`);
      io.stdout.write(`${run.label}\n`);
    }
    return 0;
  },
});
