// `jwtbench undecided`: which cases a first look leaves inconclusive, as micro flags that
// measure them in more processes for compare's second look (compare --first-look).
import { compareMicro, completedCases, microKey } from '../../bench/compare/compare.js';
import { undecidedFlags } from '../../bench/compare/undecided.js';
import { badFlag } from '../../core/errors.js';
import { defineCommand } from '../lib/command.js';
import { readRun } from '../lib/read-side.js';
import { VERDICT_FLAGS, verdictOptions } from '../lib/verdict-flags.js';

const HELP = `Usage: jwtbench undecided --baseline <dir> --candidate <dir> [--alpha <p>] [--threshold <percent>]

Judges the micro processes measured so far as compare's first look does (compare
--first-look: 80% of each error rate) and prints, on one line, the jwtbench micro flags
that select the cases it leaves inconclusive; nothing when every case is decided. Measure
that many processes again for each side with those flags (after your usual ones: the last
value of a flag wins), in turns, into new run directories, then run compare with
--first-look set to the processes each side had before. The flags are a cross product
(algorithms x ops x engines ...), so they may also select decided cases; compare ignores
those cases' extra processes. Which cases, and why, goes to stderr.

  --baseline <dir>         the base side's runs, as for compare
  --candidate <dir>        the candidate side's runs
  --alpha <p>              compare's significance level (default 0.01)
  --threshold <percent>    compare's threshold (default 5)
  -h, --help               this help

Exit status: 0 (whether or not a case is undecided), 2 for bad input.`;

export const undecidedCommand = defineCommand({
  name: 'undecided',
  help: HELP,
  flags: { baseline: { type: 'string' }, candidate: { type: 'string' }, ...VERDICT_FLAGS },
  async run({ values }, io) {
    if (values.baseline === undefined) throw badFlag('--baseline', 'is required');
    if (values.candidate === undefined) throw badFlag('--candidate', 'is required');
    const options = verdictOptions(values);
    const a = await readRun('--baseline', values.baseline);
    const b = await readRun('--candidate', values.candidate);
    if (!a.micro || !b.micro) throw badFlag(a.micro ? '--candidate' : '--baseline', 'holds no micro.json: only micro runs get a second look');
    // Every process measured so far is the first look's.
    const undecided = compareMicro(a.micro, b.micro, { ...options, firstLook: Number.MAX_SAFE_INTEGER }).filter((c) => c.verdict === 'inconclusive');
    const byId = new Map(completedCases(b.micro).map((c) => [microKey(c), c]));
    for (const c of undecided) io.stderr.write(`undecided: ${c.id} (${c.reason})\n`);
    const flags = undecidedFlags(undecided.map((c) => byId.get(c.id)!));
    if (flags.length > 0) io.stdout.write(`${flags.join(' ')}\n`);
    return 0;
  },
});
