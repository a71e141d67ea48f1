// `jwtbench history add|changes|report`: a history of runs keyed by commit, branch, environment
// and label; change points over it (E-divisive means), and an offline trend page.
import { JwtbenchError, badFlag } from '../../core/errors.js';
import { atMost, positiveInt } from '../../core/flags.js';
import { defaultOutDir, defineCommand } from '../lib/command.js';
import { VERDICT_FLAGS, verdictOptions } from '../lib/verdict-flags.js';

const HELP = `Usage: jwtbench history add <results>... --history <store> [--commit <sha>] [--branch <name>] [--label <text>]
       jwtbench history changes --history <store> [--candidate <results>] [flags]
       jwtbench history report --history <store> [--out <file>] [--cases <regexp>]

add: appends each <results> (micro.json, load.json, a run directory, or a directory of run
directories pooled as one run, as compare reads a side) as one run: micro's per-case figures
(ops/s with their interval), load's requests/s per run, and instruction counts (micro
--measure instructions) as series of their own. A run is keyed by its commit (--commit, the
one its results recorded, or git HEAD here) with the commit's author time, its branch, its
environment (machine, runtime, measurement conditions: what compare refuses to mix) and
--label. The same run added twice is kept once.
  --history <store>       a folder (one JSON file per run: commit it to a branch, merges
                          never conflict) or a .jsonl file (one run a line: a CI artifact)
  --commit <sha>          the commit measured (default: the results' env.gitCommit, the git
                          HEAD jwtbench ran in; else git HEAD here)
  --branch <name>         its branch (default: the branch checked out here)
  --label <text>          anything else that tells runs apart, e.g. "jose 6.2.18"

changes: finds where each series' level moved (E-divisive means with a permutation test,
Matteson & James 2014, as MongoDB and Hunter use it) and prints each change point: the run
(commit and label), the cost change with its 95% interval, and the test's p. A series is one
case on one environment; time and instruction counts are separate series. A run where every
time series moved at once, unlike the runs on both sides, is set aside as the machine's and
named (docs/history.md).
  --candidate <results>   runs to judge as the newest points (a pull request's): a run
                          directory, or a directory of run directories, each one point
  --commit, --label       the candidate's commit and label (default: git HEAD here)
  --alpha <p>             the permutation test's significance level (default 0.01)
  --permutations <n>      permutations per test (default 199, at most 9999)
  --min-size <n>          fewest runs between change points (default 3)
  --window <n>            the newest runs in which a regression fails the check (default 5)
  --threshold <percent>   smallest slowdown that fails it (default 5)
  --cases <regexp>        only the series whose case matches
  --markdown              a Markdown table (for PR comments)
  --json                  every change point as JSON

report: writes an offline HTML trend page: a panel per series, a point per run with its
interval, change points marked with their commit, and a table of every change point.
  --out <file>            where (default results/<UTC time>/history.html)
  --cases <regexp>        only the series whose case matches (default all)
  --alpha, --permutations, --min-size  as for changes

A corrupt entry of the store is named on stderr and skipped.
Exit status: 0 on success (changes: no regression of at least the threshold in the newest
window), 1 when changes finds one, 2 for bad input.`;

export const historyCommand = defineCommand({
  name: 'history',
  help: HELP,
  positionals: true,
  flags: {
    history: { type: 'string' }, commit: { type: 'string' }, branch: { type: 'string' }, label: { type: 'string' },
    candidate: { type: 'string' }, ...VERDICT_FLAGS, permutations: { type: 'string' }, 'min-size': { type: 'string' }, window: { type: 'string' },
    cases: { type: 'string' }, markdown: { type: 'boolean' }, json: { type: 'boolean' }, out: { type: 'string' },
  },
  async run({ values, positionals }, io) {
    const [sub, ...rest] = positionals;
    if (sub !== 'add' && sub !== 'changes' && sub !== 'report') {
      throw new JwtbenchError('JWTBENCH_BAD_FLAG', `needs a subcommand: add, changes or report${sub === undefined ? '' : ` (got ${JSON.stringify(sub)})`}`);
    }
    if (values.history === undefined) throw badFlag('--history', 'is required: the history folder or .jsonl file');
    const only = (flags: readonly (keyof typeof values)[], subs: string) => {
      for (const f of flags) if (values[f] !== undefined) throw badFlag(`--${String(f)}`, `applies only to history ${subs}`);
    };
    const cases = values.cases === undefined ? null : caseFilter(values.cases);
    const analysis = () => {
      const { alpha, threshold } = verdictOptions(values);
      const permutations = values.permutations === undefined ? 199 : atMost('--permutations', positiveInt('--permutations', values.permutations), 9999);
      if ((permutations + 1) * alpha < 1) throw badFlag('--permutations', `${permutations} cannot give a p of ${alpha} or less: use at least ${Math.ceil(1 / alpha) - 1}`);
      const minSize = values['min-size'] === undefined ? 3 : atMost('--min-size', positiveInt('--min-size', values['min-size']), 1000);
      const window = values.window === undefined ? 5 : positiveInt('--window', values.window);
      return { alpha, threshold, permutations, minSize, window };
    };
    if (sub === 'add') {
      only(['candidate', 'alpha', 'threshold', 'permutations', 'min-size', 'window', 'cases', 'markdown', 'json', 'out'], 'changes or report');
      if (rest.length === 0) throw badFlag('add', 'needs at least one results file or directory');
      const { historyAdd } = await import('../lib/history-add.js');
      return historyAdd(values.history, rest, { commit: values.commit, branch: values.branch, label: values.label }, io);
    }
    if (rest.length > 0) throw badFlag(sub, `takes no file argument (got ${JSON.stringify(rest[0])}); name the store with --history`);
    if (sub === 'changes') {
      only(['branch', 'out'], 'add or report');
      if (values.candidate === undefined) only(['commit', 'label'], 'add, or changes with --candidate');
      if (values.json && values.markdown) throw badFlag('--markdown', 'cannot be combined with --json: choose one output');
      const { historyChangesCommand } = await import('../lib/history-changes.js');
      return historyChangesCommand(values.history, { ...analysis(), cases, candidate: values.candidate ?? null, keys: { commit: values.commit, label: values.label }, json: values.json === true, markdown: values.markdown === true }, io);
    }
    only(['commit', 'branch', 'label', 'candidate', 'markdown', 'json', 'window', 'threshold'], 'add or changes');
    const { historyReport } = await import('../lib/history-report.js');
    return historyReport(values.history, { ...analysis(), cases, out: values.out ?? `${defaultOutDir(io.cwd)}/history.html` }, io);
  },
});

function caseFilter(raw: string): RegExp {
  try {
    return new RegExp(raw);
  } catch (error) {
    throw badFlag('--cases', `is not a regular expression (${(error as Error).message})`);
  }
}
