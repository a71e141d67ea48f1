// Measures how often `jwtbench compare` cries wolf and how often it catches a real slowdown,
// on this machine, the way the pull-request workflow runs: the `ci` preset, one fresh process
// per run, sides taking turns, each process pinned to one CPU, compare testing on processes.
//   a chain per CPU in --cpus (they run side by side; one CPU = one chain, the workflow's case):
//   block 0 = P processes of A; then for each of its comparisons i, P times in turn:
//   A, S10 (TEST-ONLY 10% slowdown in one engine's op: micro --test-slowdown), S3 (3%);
//   then the processes `jwtbench outliers` calls disturbed are measured again (at most --remeasure-limit), as in the workflow;
//   false alarms: the previous block's A vs block i's A (same code, minutes apart): any case regressed;
//   with --kinds a,a2,...: also block i's A vs its A2, a second run of the same code taking
//   turns with A, as the workflow's two sides take turns (drift between blocks cancels out);
//   power: block i's A vs its S10 and vs its S3: comparisons where every slowed case regressed.
//   With --looks 2 (the workflow's default), each pair of block i taken in turns (A/A2, A/S10,
//   A/S3) is then judged as the workflow judges it: when `jwtbench undecided` names a case
//   its first look leaves inconclusive, P more processes a side are measured, in turns, and
//   compare --first-look P decides; the one-look verdicts are recorded beside.
// Usage: node dist/scripts/prove-verdicts.js [--comparisons 20] [--processes 5] [--slow jose:verify] [--kinds a,slow10,slow3] [--looks 2] [--cpus 1] [--out dir]
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { scriptArgs, scriptFail } from './lib/script-args.js';
import { remeasureDisturbed, remeasureLimitOf } from './lib/remeasure.js';
import type { Comparison } from '../bench/compare/compare.js';
import { writeJsonAtomically } from '../core/atomic-write.js';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('./cli.js', import.meta.url));

const USAGE = 'Usage: node dist/scripts/prove-verdicts.js [--comparisons 20] [--processes 5] [--slow jose:verify] [--kinds a,slow10,slow3] [--looks 2] [--remeasure-limit 4] [--cpus 1] [--out dir]';
const values = scriptArgs({ comparisons: { type: 'string', default: '20' }, processes: { type: 'string', default: '5' }, slow: { type: 'string', default: 'jose:verify' }, kinds: { type: 'string', default: 'a,slow10,slow3' }, looks: { type: 'string', default: '2' }, 'remeasure-limit': { type: 'string', default: '4' }, cpus: { type: 'string', default: '1' }, out: { type: 'string' } },
  `${USAGE}\n\nHow often compare raises a false alarm and catches a TEST-ONLY slowdown on this machine (see docs/proof-runs.md).\n--kinds: the runs of each block, in turn: a (always), a2 (the same code again: an A/A pair measured in turns), slow10, slow3.\n--looks: 2 (the workflow's default) measures the cases a pair's first look leaves undecided in as many processes again and judges them in a second look (compare --first-look); 1 judges once.\n--remeasure-limit: as the workflow's input, the most disturbed processes measured again per two kinds of a block (default 4).`);
const n = Number(values.comparisons);
const processes = Number(values.processes);
const cpus = values.cpus === 'none' || !existsSync('/usr/bin/taskset') ? [null] : values.cpus!.split(',');
const [slowEngine, slowOp] = values.slow!.split(':') as [string, string];
const out = values.out ?? join(process.cwd(), 'results', `verdict-proof-${new Date().toISOString().replace(/[:.]/g, '')}`);
const isSlowed = (id: string) => id.includes(`/${slowOp}/${slowEngine}/`);
const KIND_ARGS: Record<string, string[]> = { a: [], a2: [], slow10: ['--test-slowdown', `${slowEngine}:${slowOp}:10`], slow3: ['--test-slowdown', `${slowEngine}:${slowOp}:3`] };
const kinds = values.kinds!.split(',');
if (values.looks !== '1' && values.looks !== '2') scriptFail(`--looks must be 1 or 2 (got ${values.looks})`, USAGE);
const twoLooks = values.looks === '2';
const remeasureLimit = remeasureLimitOf(values['remeasure-limit'], USAGE);
if (!kinds.includes('a') || kinds.some((k) => !(k in KIND_ARGS)) || new Set(kinds).size !== kinds.length) {
  scriptFail(`--kinds must list a and any of a2, slow10, slow3, each once (got ${values.kinds})`, USAGE);
}

async function micro(cpu: string | null, dir: string, extra: string[]): Promise<void> {
  const pin = cpu === null ? [] : ['/usr/bin/taskset', '-c', cpu];
  const [cmd, ...args] = [...pin, process.execPath, CLI, 'micro', '--preset', 'ci', '--processes', '1', '--out', dir, ...extra];
  await run(cmd!, args, { maxBuffer: 64 << 20 });
}

/** The runs of one kind that `jwtbench outliers` calls disturbed. */
async function outliers(dir: string): Promise<string[]> {
  const { stdout, stderr } = await run(process.execPath, [CLI, 'outliers', dir]);
  tally.rerunReasons.push(...stderr.split('\n').filter((l) => l !== ''));
  return stdout.split('\n').filter((l) => l !== '');
}

/**
 * One block: for each process slot, one fresh process of every kind in turn; a directory per
 * kind. Then, as the workflow does, disturbed processes are measured again (two passes at most).
 */
async function block(cpu: string | null, name: string, kinds: Record<string, string[]>): Promise<Record<string, string>> {
  for (let j = 1; j <= processes; j++) {
    for (const [kind, extra] of Object.entries(kinds)) await micro(cpu, join(out, name, kind, `${j}`), extra);
  }
  // The workflow's limit is for its two sides; a block of more kinds gets as much per two.
  const limit = Math.floor((remeasureLimit * Object.keys(kinds).length) / 2);
  const sides = Object.entries(kinds).map(([kind, extra]) => ({ dir: join(out, name, kind), measure: (run: string) => micro(cpu, run, extra) }));
  const { remeasured, left } = await remeasureDisturbed(sides, limit, outliers);
  tally.rerunProcesses += remeasured;
  tally.rerunsLeft += left;
  return Object.fromEntries(Object.keys(kinds).map((kind) => [kind, join(out, name, kind)]));
}

async function compare(a: string, b: string, extra: string[] = []): Promise<Comparison[]> {
  // Exit status 1 means "regressed", which is an answer here, not a failure.
  const result = await run(process.execPath, [CLI, 'compare', '--baseline', a, '--candidate', b, '--json', ...extra], { maxBuffer: 64 << 20 })
    .catch((error: { code?: number; stdout?: string }) => { if (error.code === 1 && error.stdout) return { stdout: error.stdout }; throw error; });
  return (JSON.parse(result.stdout) as { comparisons: Comparison[] }).comparisons;
}

/**
 * A pair of one block judged as the workflow judges it. With one look, compare's verdicts on
 * the P processes a side. With two, when a case is undecided: P more processes a side, in
 * turns (after copies of the block's processes, so other pairs sharing A stay as they were).
 */
async function judged(cpu: string | null, i: number, baseline: string, candidate: string, kind: string): Promise<Comparison[]> {
  const oneLook = await compare(baseline, candidate);
  if (!twoLooks) return oneLook;
  const firstLook = ['--first-look', `${processes}`];
  const { stdout } = await run(process.execPath, [CLI, 'undecided', '--baseline', baseline, '--candidate', candidate]);
  const undecided = stdout.split('\n').filter((l) => l !== '');
  const record = tally.looks[kind] ??= { oneLookUnchanged: [], firstLookUnchanged: [], secondLookComparisons: 0, secondLookProcesses: 0, secondLookSeconds: 0 };
  const first = await compare(baseline, candidate, firstLook);
  record.oneLookUnchanged.push(count(oneLook, 'unchanged'));
  record.firstLookUnchanged.push(count(first, 'unchanged'));
  if (undecided.length === 0) return first;
  const dir = join(out, `${i}`, `looks-${kind}`);
  for (const [side, from] of [['baseline', baseline], ['candidate', candidate]] as const) {
    for (let j = 1; j <= processes; j++) await cp(join(from, `${j}`), join(dir, side, `${j}`), { recursive: true });
  }
  const started = Date.now();
  for (let j = processes + 1; j <= 2 * processes; j++) {
    await micro(cpu, join(dir, 'baseline', `${j}`), []);
    await micro(cpu, join(dir, 'candidate', `${j}`), KIND_ARGS[kind]!);
  }
  record.secondLookComparisons += 1;
  record.secondLookProcesses += 2 * processes;
  record.secondLookSeconds += (Date.now() - started) / 1000;
  return compare(join(dir, 'baseline'), join(dir, 'candidate'), firstLook);
}

/** how many of the comparisons got this verdict */
const count = (cs: Comparison[], verdict: Comparison['verdict']) => cs.filter((c) => c.verdict === verdict).length;
const median = (xs: number[]) => { const s = [...xs].sort((x, y) => x - y); return s.length === 0 ? null : s[s.length >> 1]!; };
const tally = {
  preset: 'ci', processesPerSide: processes, slowed: values.slow, pinnedToCpus: cpus, alpha: 0.01, threshold: 0.05, looksPerPair: twoLooks ? 2 : 1,
  kinds, comparisons: 0, aaCases: 0, aaUnchangedCases: 0, aaWithFalseRegression: 0, aaFalseRegressedCases: 0, aaWithFalseImprovement: 0,
  /** per A/A comparison, in the order they finished: cases called unchanged */
  aaUnchangedPerComparison: [] as number[],
  /** the same for A against A2 measured in turns (--kinds with a2) */
  turnsAaUnchangedPerComparison: [] as number[], turnsAaWithFalseRegression: 0, turnsAaWithFalseImprovement: 0,
  slowedCasesPerComparison: 0, power10AllCaught: 0, power10CasesCaught: 0, power3AllCaught: 0, power3CasesCaught: 0,
  /** slowed cases called unchanged: the error the equivalence test (TOST at 0.05) bounds */
  power10CasesCalledUnchanged: 0, power3CasesCalledUnchanged: 0,
  /** what the injected slowdowns measured as: median Hodges-Lehmann change of the slowed cases */
  measured10: null as number | null, measured3: null as number | null,
  /** every slowed case's measured change, for checking the medians */
  changes10: [] as number[], changes3: [] as number[],
  /** disturbed processes left as measured by --remeasure-limit, and the limit */
  rerunsLeft: 0, remeasureLimit,
  /** processes measured again because `jwtbench outliers` called them disturbed, and why */
  rerunProcesses: 0, rerunReasons: [] as string[],
  /** with --looks 2, per pair kind (a2, slow10, slow3): unchanged per comparison with one look and at the first of two; second looks taken, their processes and wall time */
  looks: {} as Record<string, { oneLookUnchanged: number[]; firstLookUnchanged: number[]; secondLookComparisons: number; secondLookProcesses: number; secondLookSeconds: number }>,
};

async function chain(cpu: string | null, indices: number[]): Promise<void> {
  let previous = (await block(cpu, `cpu${cpu ?? 'any'}-0`, { a: [] })).a!;
  for (const i of indices) {
    const { a, a2, slow10, slow3 } = await block(cpu, `${i}`, Object.fromEntries(kinds.map((k) => [k, KIND_ARGS[k]!]))) as Record<string, string | undefined>;
    const aa = await compare(previous, a!);
    const p10 = slow10 ? await judged(cpu, i, a!, slow10, 'slow10') : [];
    const p3 = slow3 ? await judged(cpu, i, a!, slow3, 'slow3') : [];
    const turns = a2 ? await judged(cpu, i, a!, a2, 'a2') : null;
    if (turns) {
      tally.turnsAaUnchangedPerComparison.push(count(turns, 'unchanged'));
      if (count(turns, 'regressed') > 0) tally.turnsAaWithFalseRegression += 1;
      if (count(turns, 'improved') > 0) tally.turnsAaWithFalseImprovement += 1;
    }
    previous = a!;
    const falseRegressions = count(aa, 'regressed');
    const slowed = (cs: Comparison[]) => cs.filter((c) => isSlowed(c.id));
    const caught = (cs: Comparison[]) => count(slowed(cs), 'regressed');
    tally.comparisons += 1;
    tally.aaCases += aa.length;
    tally.aaFalseRegressedCases += falseRegressions;
    tally.aaUnchangedCases += count(aa, 'unchanged');
    tally.aaUnchangedPerComparison.push(count(aa, 'unchanged'));
    tally.power10CasesCalledUnchanged += count(slowed(p10), 'unchanged');
    tally.power3CasesCalledUnchanged += count(slowed(p3), 'unchanged');
    if (falseRegressions > 0) tally.aaWithFalseRegression += 1;
    if (count(aa, 'improved') > 0) tally.aaWithFalseImprovement += 1;
    tally.slowedCasesPerComparison = slowed(p10).length;
    tally.power10CasesCaught += caught(p10);
    tally.power3CasesCaught += caught(p3);
    if (slowed(p10).length > 0 && caught(p10) === slowed(p10).length) tally.power10AllCaught += 1;
    if (slowed(p3).length > 0 && caught(p3) === slowed(p3).length) tally.power3AllCaught += 1;
    tally.changes10.push(...slowed(p10).flatMap((c) => (c.change === null ? [] : [c.change])));
    tally.changes3.push(...slowed(p3).flatMap((c) => (c.change === null ? [] : [c.change])));
    tally.measured10 = median(tally.changes10);
    tally.measured3 = median(tally.changes3);
    await writeJsonAtomically(join(out, 'verdict-proof.json'), tally);
    const worst = aa.reduce((w, c) => (c.change !== null && Math.abs(c.change) > Math.abs(w) ? c.change : w), 0);
    process.stdout.write(`${i}/${n} (cpu ${cpu ?? 'any'}): A/A false regressions ${falseRegressions}, unchanged ${count(aa, 'unchanged')}/${aa.length} (largest A/A change ${(worst * 100).toFixed(1)}%)${turns ? `; in turns unchanged ${count(turns, 'unchanged')}/${turns.length}, regressed ${count(turns, 'regressed')}` : ''}; 10% caught ${caught(p10)}/${slowed(p10).length}; 3% caught ${caught(p3)}/${slowed(p3).length}\n`);
  }
}

// Comparison i goes to chain (i - 1) mod chains, so the chains share the work evenly.
await Promise.all(cpus.map((cpu, k) => chain(cpu, Array.from({ length: n }, (_, i) => i + 1).filter((i) => (i - 1) % cpus.length === k))));
process.stdout.write(`\n${JSON.stringify({ ...tally, changes10: undefined, changes3: undefined, rerunReasons: undefined }, null, 2)}\nwritten to ${join(out, 'verdict-proof.json')}\n`);
