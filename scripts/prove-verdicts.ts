// Measures how often `jwtbench compare` cries wolf and how often it catches a real slowdown,
// on this machine, with the `ci` preset CI uses:
//   false alarms: N A/A comparisons (same code, two runs): comparisons with any case called regressed;
//   power: the same baseline runs against runs with a TEST-ONLY slowdown of 10% and 3% in one
//   engine's verify (micro --test-slowdown): comparisons where every slowed case was called regressed.
// Runs are interleaved (A, B, slowed 10%, slowed 3%, A, ...) so drift hits all alike.
// Usage: node dist/scripts/prove-verdicts.js [--comparisons 20] [--slow jose:verify] [--out dir]
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { writeJsonAtomically } from './lib/atomic-write.js';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('./cli.js', import.meta.url));

interface CompareRow { id: string; verdict: string }

async function micro(out: string, extra: string[] = []): Promise<void> {
  await run(process.execPath, [CLI, 'micro', '--preset', 'ci', '--out', out, ...extra], { maxBuffer: 64 << 20 });
}

async function compare(a: string, b: string): Promise<CompareRow[]> {
  // Exit status 1 means "regressed", which is an answer here, not a failure.
  const result = await run(process.execPath, [CLI, 'compare', '--baseline', a, '--candidate', b, '--format', 'github-action-benchmark'], { maxBuffer: 64 << 20 })
    .catch((error: { code?: number; stdout?: string }) => { if (error.code === 1 && error.stdout) return { stdout: error.stdout }; throw error; });
  const rows = JSON.parse(result.stdout) as { name: string; extra: string }[];
  return rows.map((r) => ({ id: r.name, verdict: r.extra.split(' ')[0]! }));
}

const { values } = parseArgs({ options: { comparisons: { type: 'string', default: '20' }, slow: { type: 'string', default: 'jose:verify' }, out: { type: 'string' } } });
const n = Number(values.comparisons);
const [slowEngine, slowOp] = values.slow!.split(':') as [string, string];
const out = values.out ?? join(process.cwd(), 'results', `verdict-proof-${new Date().toISOString().replace(/[:.]/g, '')}`);
const isSlowed = (id: string) => id.includes(`/${slowOp}/${slowEngine}/`);

const tally = { comparisons: 0, aaWithFalseRegression: 0, aaFalseRegressedCases: 0, aaCases: 0, power10Caught: 0, power3Caught: 0, power10SlowedCasesCaught: 0, power3SlowedCasesCaught: 0, slowedCases: 0 };
for (let i = 1; i <= n; i++) {
  const dir = (name: string) => join(out, `${i}`, name);
  await micro(dir('a'));
  await micro(dir('b'));
  await micro(dir('slow10'), ['--test-slowdown', `${slowEngine}:${slowOp}:10`]);
  await micro(dir('slow3'), ['--test-slowdown', `${slowEngine}:${slowOp}:3`]);
  const aa = await compare(dir('a'), dir('b'));
  const p10 = await compare(dir('a'), dir('slow10'));
  const p3 = await compare(dir('a'), dir('slow3'));
  const falseRegressions = aa.filter((r) => r.verdict === 'regressed').length;
  const caught = (rows: CompareRow[]) => rows.filter((r) => isSlowed(r.id) && r.verdict === 'regressed').length;
  const slowed = p10.filter((r) => isSlowed(r.id)).length;
  tally.comparisons = i;
  tally.aaCases += aa.length;
  tally.aaFalseRegressedCases += falseRegressions;
  if (falseRegressions > 0) tally.aaWithFalseRegression += 1;
  tally.slowedCases += slowed;
  tally.power10SlowedCasesCaught += caught(p10);
  tally.power3SlowedCasesCaught += caught(p3);
  if (slowed > 0 && caught(p10) === slowed) tally.power10Caught += 1;
  if (slowed > 0 && caught(p3) === slowed) tally.power3Caught += 1;
  await writeJsonAtomically(join(out, 'verdict-proof.json'), { preset: 'ci', slowed: values.slow, alpha: 0.01, threshold: 0.05, ...tally });
  process.stdout.write(`${i}/${n}: A/A false regressions ${falseRegressions}; 10% caught ${caught(p10)}/${slowed}; 3% caught ${caught(p3)}/${slowed}\n`);
}
process.stdout.write(`\n${JSON.stringify(tally, null, 2)}\nwritten to ${join(out, 'verdict-proof.json')}\n`);
