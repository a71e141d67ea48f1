// `jwtbench undecided`: which cases a first look leaves inconclusive, so that the workflow knows
// whether to measure more processes for compare's second look (compare --first-look).
import { compareMicro } from '../../bench/compare/compare.js';
import { JwtbenchError, badFlag } from '../../core/errors.js';
import { checkComparable } from '../lib/comparable.js';
import { defineCommand } from '../lib/command.js';
import { readRun } from '../lib/read-side.js';
import { VERDICT_FLAGS, verdictOptions } from '../lib/verdict-flags.js';

const HELP = `Usage: jwtbench undecided --baseline <dir> --candidate <dir> [--alpha <p>] [--threshold <percent>]

Judges the micro processes measured so far as compare's first look does (compare
--first-look: 80% of each error rate) and prints the cases it leaves inconclusive, one per
line; nothing when every case is decided. If it prints any, measure as many processes again
for each side, in turns, with the same flags as before (the whole matrix: a process that
runs only some cases measures them at another level, 6% faster for the floor's HS256 sign
here), into new run directories; then run compare with --first-look set to the processes
each side had before. Why each case is undecided goes to stderr.

  --baseline <dir>         the base side's runs, as for compare
  --candidate <dir>        the candidate side's runs
  --alpha <p>              compare's significance level (default 0.01)
  --threshold <percent>    compare's threshold (default 5)
  --allow-env-mismatch     as for compare: judge sides measured on different machines or differently
  -h, --help               this help

Exit status: 0 (whether or not a case is undecided), 2 for bad input.`;

export const undecidedCommand = defineCommand({
  name: 'undecided',
  help: HELP,
  flags: { baseline: { type: 'string' }, candidate: { type: 'string' }, ...VERDICT_FLAGS, 'allow-env-mismatch': { type: 'boolean' } },
  async run({ values }, io) {
    if (values.baseline === undefined) throw badFlag('--baseline', 'is required');
    if (values.candidate === undefined) throw badFlag('--candidate', 'is required');
    const options = verdictOptions(values);
    const a = await readRun('--baseline', values.baseline);
    const b = await readRun('--candidate', values.candidate);
    if (!a.micro || !b.micro) throw badFlag(a.micro ? '--candidate' : '--baseline', 'holds no micro.json: only micro runs get a second look');
    checkComparable(a, b, values['allow-env-mismatch'] === true);
    // Every process measured so far is the first look's.
    const judged = compareMicro(a.micro, b.micro, { ...options, firstLook: Number.MAX_SAFE_INTEGER });
    if (judged.length === 0) throw new JwtbenchError('JWTBENCH_BAD_RESULTS', 'the two runs have no case in common');
    const undecided = judged.filter((c) => c.verdict === 'inconclusive');
    for (const c of undecided) {
      io.stderr.write(`${c.id}: ${c.reason}\n`);
      io.stdout.write(`${c.id}\n`);
    }
    return 0;
  },
});
