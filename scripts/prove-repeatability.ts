// Measures whether `npm start`'s micro figures hold from one run to the next, on this machine:
// two back-to-back `jwtbench micro --preset quick` runs (what `jwtbench run` measures), then
//   cases:    the 16 headline cases (HS256, RS256-2048, ES256, EdDSA x sign, verify x jose, node),
//             each run's figure (median of its repeats) against the other's: within ±5%?
//   ratios:   the 12 costs relative to HS256 (RS256, ES256, EdDSA x sign, verify x jose, node)
//   coverage: does each run's interval for a case hold the other run's figure?
// Usage: node dist/scripts/prove-repeatability.js [--preset quick] [--cpus 1|none] [--out dir]
//        node dist/scripts/prove-repeatability.js --from a/micro.json,b/micro.json  (no runs; judge two files)
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { scriptArgs } from './lib/script-args.js';
import type { CompletedCase, MicroDocument } from '../core/results/micro.js';
import { writeJsonAtomically } from '../core/atomic-write.js';
import { caseFigures, type CaseFigure } from '../core/repeats.js';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('./cli.js', import.meta.url));
const LIMIT = 0.05;
const HEADLINE = ['HS256', 'RS256-2048', 'ES256', 'EdDSA'];

const values = scriptArgs({ preset: { type: 'string', default: 'quick' }, cpus: { type: 'string', default: 'none' }, out: { type: 'string' }, from: { type: 'string' } },
  'Usage: node dist/scripts/prove-repeatability.js [--preset quick] [--cpus 1|none] [--out dir] | --from a/micro.json,b/micro.json\n\nTwo back-to-back micro runs (or two given files): are the 16 headline cases and 12 ratios to HS256 within ±5%, and does each interval hold the other run\'s figure? (see docs/measured.md)');
const out = values.out ?? join(process.cwd(), 'results', `repeatability-proof-${new Date().toISOString().replace(/[:.]/g, '')}`);

async function micro(dir: string): Promise<{ file: string; seconds: number }> {
  const pin = values.cpus === 'none' || !existsSync('/usr/bin/taskset') ? [] : ['/usr/bin/taskset', '-c', values.cpus!];
  const [cmd, ...args] = [...pin, process.execPath, CLI, 'micro', '--preset', values.preset!, '--out', dir];
  const started = Date.now();
  process.stderr.write(`${new Date().toISOString()} micro --preset ${values.preset} -> ${dir}\n`);
  await run(cmd!, args, { maxBuffer: 64 << 20 });
  return { file: join(dir, 'micro.json'), seconds: (Date.now() - started) / 1000 };
}

const files = values.from ? values.from.split(',').map((file) => ({ file, seconds: null as number | null })) : [await micro(join(out, 'a')), await micro(join(out, 'b'))];
if (files.length !== 2) throw new Error('--from takes two micro.json files, comma-separated');
const docs = await Promise.all(files.map(async (f) => JSON.parse(await readFile(f.file, 'utf8')) as MicroDocument));
// Figures from the cases, so files written before micro.json carried them are judged the same way.
const figures = docs.map((d) => new Map(caseFigures(d.cases.filter((c): c is CompletedCase => c.state === 'completed')).map((f) => [headlineKey(f), f])));

function headlineKey(f: CaseFigure): string {
  return `${f.keyBits === null ? f.alg : `${f.alg}-${f.keyBits}`}/${f.op}/${f.engine}`;
}

const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
const keys = HEADLINE.flatMap((alg) => ['sign', 'verify'].flatMap((op) => ['jose', 'node'].map((engine) => `${alg}/${op}/${engine}`)));
const lines: string[] = [];
const cases = keys.map((key) => {
  const [a, b] = [figures[0]!.get(key), figures[1]!.get(key)];
  if (!a || !b) return { key, measured: false as const };
  const change = b.opsPerSec / a.opsPerSec - 1;
  const aCoversB = a.opsPerSecInterval[0] <= b.opsPerSec && b.opsPerSec <= a.opsPerSecInterval[1];
  const bCoversA = b.opsPerSecInterval[0] <= a.opsPerSec && a.opsPerSec <= b.opsPerSecInterval[1];
  const costChange = key.startsWith('HS256/') || !a.costVsHs256 || !b.costVsHs256 ? null : b.costVsHs256.value / a.costVsHs256.value - 1;
  lines.push(`${key.padEnd(24)} ${Math.round(a.opsPerSec).toString().padStart(8)} ${Math.round(b.opsPerSec).toString().padStart(8)} ${pct(change).padStart(7)}`
    + `  covers: ${aCoversB ? 'yes' : 'no '}/${bCoversA ? 'yes' : 'no '}  ratio to HS256: ${costChange === null ? '-' : pct(costChange)}`
    + `${a.unstable || b.unstable ? '  (unstable)' : ''}`);
  return { key, measured: true as const, a: a.opsPerSec, b: b.opsPerSec, change, aCoversB, bCoversA, costA: a.costVsHs256?.value ?? null, costB: b.costVsHs256?.value ?? null, costChange, unstable: [a.unstable, b.unstable] };
});
const measured = cases.filter((c) => c.measured);
function median(xs: number[]): number | null {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? null : n % 2 ? s[n >> 1]! : (s[(n >> 1) - 1]! + s[n >> 1]!) / 2;
}
const ratios = measured.filter((c) => c.costChange !== null);
const result = {
  preset: values.preset, pinnedToCpus: values.cpus, files: files.map((f) => f.file), seconds: files.map((f) => f.seconds),
  commit: docs[0]!.env.gitCommit, limit: LIMIT,
  casesMeasured: measured.length,
  casesWithin: measured.filter((c) => Math.abs(c.change) <= LIMIT).length,
  ratiosMeasured: ratios.length,
  ratiosWithin: ratios.filter((c) => Math.abs(c.costChange!) <= LIMIT).length,
  firstIntervalCoversSecond: measured.filter((c) => c.aCoversB).length,
  secondIntervalCoversFirst: measured.filter((c) => c.bCoversA).length,
  largestCaseChange: measured.reduce((w, c) => (Math.abs(c.change) > Math.abs(w) ? c.change : w), 0),
  largestRatioChange: ratios.reduce((w, c) => (Math.abs(c.costChange!) > Math.abs(w) ? c.costChange! : w), 0),
  // Every case moving together by about as much is the machine, not any one case.
  medianCaseChange: median(measured.map((c) => c.change)),
  casesSameDirection: Math.max(measured.filter((c) => c.change > 0).length, measured.filter((c) => c.change < 0).length),
  cases,
};
if (!values.from) await writeJsonAtomically(join(out, 'repeatability-proof.json'), result);
process.stdout.write(`${'case'.padEnd(24)} ${'run 1'.padStart(8)} ${'run 2'.padStart(8)} ${'change'.padStart(7)}  (ops/s; covers: run 1's interval holds run 2's figure / the reverse)\n${lines.join('\n')}\n\n`);
process.stdout.write(`cases within ±${LIMIT * 100}%: ${result.casesWithin} of ${result.casesMeasured} (target 16 of 16; largest ${pct(result.largestCaseChange)})\n`);
process.stdout.write(`ratios to HS256 within ±${LIMIT * 100}%: ${result.ratiosWithin} of ${result.ratiosMeasured} (target 12 of 12; largest ${pct(result.largestRatioChange)})\n`);
process.stdout.write(`intervals covering the other run's figure: run 1's ${result.firstIntervalCoversSecond} of ${result.casesMeasured}, run 2's ${result.secondIntervalCoversFirst} of ${result.casesMeasured} (target at least 15 of 16)\n`);
if (result.medianCaseChange !== null) {
  const together = result.casesSameDirection === result.casesMeasured ? ': every case moved the same way, as when the machine itself changes speed between the runs' : '';
  process.stdout.write(`the cases' median change ${pct(result.medianCaseChange)}, ${result.casesSameDirection} of ${result.casesMeasured} the same way${together}\n`);
}
if (result.seconds[0] !== null) process.stdout.write(`run times: ${result.seconds.map((s) => `${s!.toFixed(0)} s`).join(', ')}; commit ${result.commit ?? 'unknown'}; ${values.out || !values.from ? `written to ${join(out, 'repeatability-proof.json')}` : ''}\n`);
