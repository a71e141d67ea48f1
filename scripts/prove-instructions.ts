// Proves `compare` on instruction counts: a chain of `micro --preset ci --measure instructions`
// runs on one key set, R0, then for each pair i: Ri (the plain jsonwebtoken engine beside the 16
// headline cases) and Si (the same engine with a fixed loop of extra work in every verify). A/A pair i is
// R(i-1) against Ri: every case must be unchanged. Slowdown pair i is R(i-1) against Si: the
// engine's verify cases must regress and nothing else move. Runs are kept, so an interrupted
// proof resumes where it stopped.
// With --slowed, another slowed engine from scripts/proof-engines/: its runs are S<i>-<name>, the R runs shared.
// Usage: node dist/scripts/prove-instructions.js --keys <dir> [--pairs 20] [--slowed <module>] [--cycles] [--out dir]
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { writeJsonAtomically } from '../core/atomic-write.js';
import { scriptArgs, scriptFail } from './lib/script-args.js';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('./cli.js', import.meta.url));
const ENGINES = fileURLToPath(new URL('../../scripts/proof-engines/', import.meta.url));
const SLOWED = ['HS256/verify/jsonwebtoken', 'RS256-2048/verify/jsonwebtoken'];
const USAGE = 'Usage: node dist/scripts/prove-instructions.js --keys <dir> [--pairs 20] [--slowed jsonwebtoken-slowed.mjs] [--cycles] [--out dir]\n\nA chain of instruction-count runs: A/A pairs (every case unchanged?) and slowdown pairs (the slowed engine\'s verify cases regressed, nothing else?). See docs/measured.md#instruction-counts';

const values = scriptArgs({ keys: { type: 'string' }, pairs: { type: 'string', default: '20' }, slowed: { type: 'string', default: 'jsonwebtoken-slowed.mjs' }, cycles: { type: 'boolean', default: false }, out: { type: 'string' } }, USAGE);
if (!values.keys) scriptFail('--keys <dir> is required: every run of the proof counts the same keys and tokens', USAGE);
const pairs = Number(values.pairs);
if (!Number.isInteger(pairs) || pairs < 1) scriptFail(`--pairs must be a whole number of at least 1, not ${values.pairs}`, USAGE);
const slowedEngine = values.slowed!;
if (!/^[\w-]+\.mjs$/.test(slowedEngine) || !existsSync(join(ENGINES, slowedEngine))) scriptFail(`--slowed must name a module of scripts/proof-engines/, not ${slowedEngine}`, USAGE);
// The first slowed engine keeps the plain names (S<i>, instructions-proof.json) that earlier proofs wrote.
const tag = slowedEngine === 'jsonwebtoken-slowed.mjs' ? '' : `-${slowedEngine.replace(/\.mjs$/, '')}`;
const out = values.out ?? join(process.cwd(), 'results', `instructions-proof-${new Date().toISOString().replace(/[:.]/g, '')}`);

interface Comparison { id: string; change: number; verdict: string }

async function micro(name: string, engine: string): Promise<{ dir: string; seconds: number | null }> {
  const dir = join(out, name);
  if (existsSync(join(dir, 'micro.json'))) return { dir, seconds: null }; // resumed
  const started = Date.now();
  process.stderr.write(`${new Date().toISOString()} ${name}: micro --measure instructions with ${engine}\n`);
  await run(process.execPath, [CLI, 'micro', '--preset', 'ci', '--measure', 'instructions', '--keys', values.keys!, '--engine-module', join(ENGINES, engine), ...(values.cycles ? [] : ['--no-cycles']), '--out', dir], { maxBuffer: 64 << 20 });
  return { dir, seconds: (Date.now() - started) / 1000 };
}

async function compare(baseline: string, candidate: string): Promise<{ exit: number; comparisons: Comparison[] }> {
  const args = [CLI, 'compare', '--baseline', baseline, '--candidate', candidate, '--json'];
  const done = await run(process.execPath, args, { maxBuffer: 64 << 20 }).then((r) => ({ exit: 0, stdout: r.stdout }), (error: { code?: number; stdout?: string }) => ({ exit: error.code ?? -1, stdout: error.stdout ?? '' }));
  if (done.exit !== 0 && done.exit !== 1) throw new Error(`compare exited with ${done.exit}`);
  return { exit: done.exit, comparisons: (JSON.parse(done.stdout) as { comparisons: Comparison[] }).comparisons };
}

const short = (id: string) => id.split('/').slice(0, 3).join('/');
const moved = (cs: Comparison[]) => cs.filter((c) => c.verdict !== 'unchanged').map((c) => `${short(c.id)} ${c.verdict} ${(c.change * 100).toFixed(2)}%`);
const largest = (cs: Comparison[]) => cs.reduce((w, c) => (Math.abs(c.change) > Math.abs(w) ? c.change : w), 0);

const results = [];
let previous = await micro('R0', 'jsonwebtoken.mjs');
for (let i = 1; i <= pairs; i++) {
  const twin = await micro(`R${i}`, 'jsonwebtoken.mjs');
  const slowed = await micro(`S${i}${tag}`, slowedEngine);
  const aa = await compare(previous.dir, twin.dir);
  const slow = await compare(previous.dir, slowed.dir);
  const regressed = slow.comparisons.filter((c) => c.verdict === 'regressed').map((c) => short(c.id)).sort();
  const result = {
    pair: i, seconds: { twin: twin.seconds, slowed: slowed.seconds },
    aa: { exit: aa.exit, falseAlarms: moved(aa.comparisons), largestChange: largest(aa.comparisons), withinTenthOfPercent: aa.comparisons.filter((c) => Math.abs(c.change) <= 0.001).length, cases: aa.comparisons.length },
    slowdown: { exit: slow.exit, caught: slow.exit === 1 && regressed.join() === SLOWED.join(), called: moved(slow.comparisons), slowedChanges: slow.comparisons.filter((c) => SLOWED.includes(short(c.id))).map((c) => c.change) },
  };
  results.push(result);
  process.stdout.write(`pair ${i}: A/A exit ${aa.exit}, ${result.aa.falseAlarms.length} moved (largest ${(result.aa.largestChange * 100).toFixed(3)}%), ${result.aa.withinTenthOfPercent}/${result.aa.cases} within 0.1%; slowdown exit ${slow.exit}, ${result.slowdown.caught ? 'caught' : 'NOT caught'}: ${result.slowdown.called.join('; ')}\n`);
  await writeJsonAtomically(join(out, `instructions-proof${tag}.json`), { keys: values.keys, cycles: values.cycles, slowedEngine, slowed: SLOWED, pairs: results });
  previous = twin;
}
const falseAlarms = results.filter((r) => r.aa.exit !== 0 || r.aa.falseAlarms.length > 0).length;
const caught = results.filter((r) => r.slowdown.caught).length;
process.stdout.write(`A/A pairs with any case not unchanged: ${falseAlarms} of ${results.length} (target 0); slowdowns caught on exactly the slowed cases: ${caught} of ${results.length} (target all)\nwritten to ${join(out, `instructions-proof${tag}.json`)}\n`);
