// `jwtbench compare`: did the candidate run get slower than the baseline, beyond noise?
import { compareLoad, compareMicro, type Comparison } from '../../bench/compare/compare.js';
import { checkComparable } from '../lib/comparable.js';
import { FIRST_LOOK_SHARE } from '../../bench/compare/looks.js';
import { OUTLIER_MARGIN, slowOutliers } from '../../bench/compare/outliers.js';
import { toBencher, toGithubActionBenchmark } from '../../bench/compare/exports.js';
import { defineCommand } from '../lib/command.js';
import { JwtbenchError, badFlag } from '../../core/errors.js';
import { choice } from '../../core/flags.js';
import { readRun } from '../lib/read-side.js';
import { VERDICT_FLAGS, firstLook, verdictOptions } from '../lib/verdict-flags.js';
import { renderTable } from '../../core/table.js';
import { INSTRUCTION_THRESHOLD, assertInstructionsComparable, compareInstructions, isInstructionRun } from '../../bench/compare/instructions.js';

const HELP = `Usage: jwtbench compare --baseline <file-or-dir> --candidate <file-or-dir> [flags]

Matches cases by identity (alg, key size, op, engine, key preparation, payload, threads;
scenario, scheme, engine, policy and connections for load runs) and calls each change improved,
regressed, unchanged or inconclusive with the Mann-Whitney U test and the Hodges-Lehmann
shift with its interval. The unit it tests is, in order of preference:
  processes  a figure per fresh process (the fastest of its repeats), when both sides have at
             least 5 for alpha 0.01: micro --processes, or a directory of runs. Two
             processes of the same code differ by a few percent; only this basis sees it.
  repeats    per-repeat median latencies within one process each (micro --repeat).
  batch means  means of sample batches within each run.
Load runs are tested on per-repeat time per request. A change is a regression only if it
is significant (p < alpha) and at least the threshold; it is unchanged when the shift's 90%
interval lies within ±threshold (two one-sided tests at 0.05: a change of the threshold is
called unchanged at most 1 time in 20), significant or not. Changes are ratios (the test
runs on log figures), so the interval is a relative one with the test's coverage. The table's
header names the unit (ns per op for micro, µs per request for load) and shows that 90%
interval; --json gives the 1 - alpha interval too. Pin every run to one CPU
(taskset -c 1): jose's verify hops to libuv's threadpool, and where that thread lands
moves results by several percent. A run of a directory of runs that is over 5% slower
than its side's others on some case is named in a warning (see jwtbench outliers).

  --baseline <path>        micro.json, load.json, a directory holding them, or a directory
                           of such directories (runs of one side, e.g. interleaved with the
                           other side's, pooled as one run of several processes)
  --candidate <path>       the same for the run under test
  --alpha <p>              significance level (default 0.01)
  --first-look <n>         a two-look (sequential) design: the first n processes of each
                           side decide what they can at 80% of each error rate (alpha
                           0.008, equivalence 0.04: a 92% interval); a case they leave
                           inconclusive, and that both sides measured in more processes
                           (jwtbench undecided says which), is judged on all of them at
                           what the first look's exact test left unspent (5 against 5:
                           0.0020 and 0.022, a 95.6% interval). Both error rates hold for
                           the two looks together
  --threshold <percent>    smallest change that matters (default 5)
  --allow-env-mismatch     compare runs from different CPUs, core counts or architectures,
                           libuv threadpool sizes, node flags or CPU placements (versions of
                           Node, OpenSSL and libraries may differ: they are named on stderr)
  --markdown               print a Markdown table (for PR comments)
  --json                   print every comparison, with its figures, p and interval, as JSON
  --format <name>          table (default), github-action-benchmark (customSmallerIsBetter
                           JSON) or bencher (Bencher Metric Format): the candidate's time
                           per operation with its 95% interval, on stdout; the verdict
                           summary goes to stderr
  -h, --help               this help

Exit status: 0 when nothing regressed, 1 when something did, 2 for bad input.`;

const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;

/** The header names the unit when every row shares it; otherwise each row names its own. */
function table(cs: Comparison[]): { header: string[]; rows: string[][] } {
  const units = [...new Set(cs.map((c) => c.metric))];
  const one = units.length === 1 ? ` (${units[0]})` : '';
  // Two looks test at two levels; the header names the level only when every row shares it.
  const levels = [...new Set(cs.map((c) => c.equivalenceLevel))];
  const level = levels.length === 1 ? `${percentLevel(levels[0]!)} ` : '';
  const header = ['case', 'basis', ...(one ? [] : ['unit']), `baseline${one}`, `candidate${one}`, `change [${level}CI]`, 'p', 'verdict'];
  return { header, rows: rows(cs, one === '', level === '') };
}

const percentLevel = (level: number) => `${Number((level * 100).toPrecision(10))}%`;
const basis = (c: Comparison) => (c.basis === 'processes' ? `processes ${c.figures[0]}/${c.figures[1]}${c.look === 2 ? ', 2nd look' : ''}` : c.basis);

function rows(cs: Comparison[], unitColumn: boolean, levelInCell: boolean): string[][] {
  return cs.map((c) => [
    c.id, basis(c), ...(unitColumn ? [c.metric] : []),
    c.baseline === null ? '-' : c.baseline.toFixed(0), c.candidate === null ? '-' : c.candidate.toFixed(0),
    c.change === null ? '-' : c.equivalenceCi === null ? `${c.change >= 0 ? '+' : ''}${(c.change * 100).toFixed(3)}%`
      : `${pct(c.change)} [${levelInCell ? `${percentLevel(c.equivalenceLevel)}: ` : ''}${pct(c.equivalenceCi[0])}, ${pct(c.equivalenceCi[1])}]`,
    c.p === null ? '-' : c.p < 0.001 ? c.p.toExponential(1) : c.p.toFixed(3),
    c.verdict,
  ]);
}

/** For PR readers who meet the verdicts without the README. */
const legend = (alpha: number, threshold: number, looks: number | undefined) => `_regressed_ / _improved_: p < ${alpha} and a change of at least ${threshold * 100}%; `
  + `_unchanged_: the 90% interval lies within ±${threshold * 100}% (two one-sided tests at 0.05), whether or not the change is significant; `
  + '_inconclusive_: neither; the runs cannot tell, and the interval shows how large a change they cannot rule out (it does not fail the check).'
  + (looks === undefined ? '' : ` In two looks: the first ${looks} processes a side at ${FIRST_LOOK_SHARE * 100}% of each error rate; then, for the cases that look left inconclusive, every process, `
    + 'at what the first look left unspent. A verdict of the first look stands; the error rates above hold for both looks together.');

const countsLegend = (threshold: number) => `Instruction counts (callgrind, not time): _regressed_ / _improved_: at least ${threshold * 100}% more / fewer instructions per op; `
  + `_unchanged_: within ±${threshold * 100}%; _inconclusive_: a count whose last regions disagreed (not steady). Counts of the same code repeat to hundredths of a percent, so no test of significance is needed.`;

export const compareCommand = defineCommand({
  name: 'compare',
  help: HELP,
  flags: { baseline: { type: 'string' }, candidate: { type: 'string' }, ...VERDICT_FLAGS, 'first-look': { type: 'string' }, 'allow-env-mismatch': { type: 'boolean' }, markdown: { type: 'boolean' }, json: { type: 'boolean' }, format: { type: 'string' } },
  async run({ values }, io) {
    if (values.baseline === undefined) throw badFlag('--baseline', 'is required');
    if (values.candidate === undefined) throw badFlag('--candidate', 'is required');
    const verdict = verdictOptions(values);
    const { alpha } = verdict;
    const looks = firstLook(values['first-look']);
    const format = values.format === undefined ? 'table' : choice('--format', values.format, ['table', 'github-action-benchmark', 'bencher'] as const);
    // One output shape: two would have one silently win.
    const shapes = [values.json ? '--json' : null, values.markdown ? '--markdown' : null, format !== 'table' ? `--format ${format}` : null].filter((x) => x !== null);
    if (shapes.length > 1) throw badFlag(shapes[1]!.split(' ')[0]!, `cannot be combined with ${shapes[0]}: choose one output`);
    const a = await readRun('--baseline', values.baseline);
    const b = await readRun('--candidate', values.candidate);
    // Counts of different inputs, flags or tools are other quantities: refused whatever --allow-env-mismatch says.
    if (a.micro && b.micro) assertInstructionsComparable(a.micro, b.micro);
    const counts = a.micro !== null && b.micro !== null && isInstructionRun(a.micro);
    if (counts && (looks !== undefined || values.alpha !== undefined)) throw badFlag(looks !== undefined ? '--first-look' : '--alpha', 'tests timings; instruction counts are called against --threshold alone');
    const threshold = counts && values.threshold === undefined ? INSTRUCTION_THRESHOLD : verdict.threshold;
    const { mismatch, versions } = checkComparable(a, b, values['allow-env-mismatch'] === true);
    if (versions.length > 0) io.stderr.write(`versions differ (what this comparison measures, if intended): ${versions.join(', ')}\n`);
    const options = { alpha, threshold, ...(looks === undefined ? {} : { firstLook: looks }) };
    if (looks !== undefined && a.micro && b.micro) {
      const processes = (d: typeof a.micro) => new Set(d.cases.map((c) => c.process ?? 1)).size;
      const [pa, pb] = [processes(a.micro), processes(b.micro)];
      // Fewer processes than the first look itself: the design the flag names was not run.
      if (Math.min(pa, pb) < looks) io.stderr.write(`warning: --first-look ${looks}: the sides have ${pa} and ${pb} processes, fewer than the first look; every case is judged in one look on the processes there are\n`);
    }
    const results = [
      ...(a.micro && b.micro ? (counts ? compareInstructions(a.micro, b.micro, threshold) : compareMicro(a.micro, b.micro, options)) : []),
      ...(a.load && b.load ? compareLoad(a.load, b.load, options) : []),
    ];
    if (results.length === 0) throw new JwtbenchError('JWTBENCH_BAD_RESULTS', 'the two runs have no case in common');
    const count = (v: string) => results.filter((r) => r.verdict === v).length;
    const summary = `${count('regressed')} regressed, ${count('improved')} improved, ${count('unchanged')} unchanged, ${count('inconclusive')} inconclusive `
      + (counts ? `(instruction counts, threshold ${threshold * 100}%)` : `(Mann-Whitney U, alpha ${alpha}, threshold ${threshold * 100}%)`);
    if (values.json) {
      io.stdout.write(`${JSON.stringify({ alpha, threshold, summary, comparisons: results }, null, 2)}\n`);
    } else if (format !== 'table') {
      const exported = format === 'bencher' ? toBencher(results) : toGithubActionBenchmark(results);
      io.stdout.write(`${JSON.stringify(exported, null, 2)}\n`);
      io.stderr.write(`${summary}\n`);
    } else if (values.markdown) {
      const t = table(results);
      io.stdout.write(`| ${t.header.join(' | ')} |\n| ${t.header.map(() => '---').join(' | ')} |\n${t.rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}\n\n${summary}\n\n${counts ? countsLegend(threshold) : legend(alpha, threshold, looks)}\n`);
    } else {
      const t = table(results);
      io.stdout.write(`${renderTable(t.header, t.rows)}\n\n${summary}\n`);
    }
    // The workflow measures such runs again before comparing; anyone else is told why a change may hide.
    for (const [flag, side] of [['--baseline', a], ['--candidate', b]] as const) {
      for (const run of slowOutliers(side.microRuns, OUTLIER_MARGIN)) {
        io.stderr.write(`warning: ${flag} run ${run.label} is over ${OUTLIER_MARGIN * 100}% slower than that side's other runs on ${run.cases.length} case(s): `
          + 'a disturbed process can hide a change; measure it again (jwtbench outliers --help)\n');
      }
    }
    if (mismatch.length > 0) io.stderr.write(`warning: compared across machines: ${mismatch.join(', ')}\n`);
    return count('regressed') > 0 ? 1 : 0;
  },
});
