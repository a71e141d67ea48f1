// Times the pull-request workflow's benchmark and compare steps end to end, A/A (both sides this
// build), as action.yml runs them: `micro --preset ci` one process a side in turns, pinned;
// disturbed processes measured again (two passes of `outliers`, at most --remeasure-limit); when `undecided` names a case,
// as many processes again a side; then `compare --first-look`. The target: under 3 minutes a side.
// Usage: node dist/scripts/prove-workflow-time.js [--processes 5] [--cpu 1|none] [--second-look auto|always|never] [--remeasure-limit 4] [--out dir]
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { writeFileAtomically, writeJsonAtomically } from '../core/atomic-write.js';
import { scriptArgs, scriptFail } from './lib/script-args.js';
import { remeasureDisturbed, remeasureLimitOf } from './lib/remeasure.js';

const exec = promisify(execFile);
const CLI = fileURLToPath(new URL('./cli.js', import.meta.url));
const USAGE = `Usage: node dist/scripts/prove-workflow-time.js [--processes 5] [--cpu 1|none] [--second-look auto|always|never] [--remeasure-limit 4] [--out dir]

The pull-request workflow's benchmark and compare steps (action.yml), both sides this build,
timed end to end. --second-look always measures the second look even when the first leaves no
case undecided (the slowest path); auto does what the workflow does. Writes workflow-time.json.`;

const values = scriptArgs({
  processes: { type: 'string', default: '5' }, cpu: { type: 'string', default: '1' },
  'second-look': { type: 'string', default: 'auto' }, 'remeasure-limit': { type: 'string', default: '4' }, out: { type: 'string' },
}, USAGE);
const processes = Number(values.processes);
if (!Number.isInteger(processes) || processes < 1) scriptFail('--processes must be a positive integer', USAGE);
const secondLook = values['second-look']!;
const remeasureLimit = remeasureLimitOf(values['remeasure-limit'], USAGE);
if (!['auto', 'always', 'never'].includes(secondLook)) scriptFail('--second-look must be auto, always or never', USAGE);
if (values.cpu !== 'none' && !/^\d+$/.test(values.cpu!)) scriptFail('--cpu must be a CPU number or none', USAGE);
const out = values.out ?? join(process.cwd(), 'results', `workflow-time-${new Date().toISOString().replace(/[:.]/g, '')}`);
const pin = values.cpu === 'none' || !existsSync('/usr/bin/taskset') ? [] : ['/usr/bin/taskset', '-c', values.cpu!];

async function cli(args: string[], pinned = false): Promise<{ stdout: string; code: number }> {
  const [cmd, ...rest] = [...(pinned ? pin : []), process.execPath, CLI, ...args];
  try {
    const { stdout } = await exec(cmd!, rest, { maxBuffer: 64 << 20 });
    return { stdout, code: 0 };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    if (typeof e.code === 'number' && e.code <= 1) return { stdout: e.stdout ?? '', code: e.code };
    throw new Error(`jwtbench ${args[0]} failed (${e.code}): ${e.stderr?.trim().split('\n').at(-1) ?? ''}`);
  }
}
const side = (dir: string) => cli(['micro', '--preset', 'ci', '--processes', '1', '--out', dir], true);
const seconds = (since: number) => (Date.now() - since) / 1000;
const log = (line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);

const started = Date.now();
for (let i = 1; i <= processes; i++) {
  log(`process ${i} of ${processes}, both sides`);
  await side(join(out, 'baseline', String(i)));
  await side(join(out, 'candidate', String(i)));
}
const lines = (stdout: string) => stdout.split('\n').filter(Boolean);
const { remeasured, left: skipped } = await remeasureDisturbed(
  ['baseline', 'candidate'].map((s) => ({ dir: join(out, s), measure: async (run: string) => { log(`measuring again: ${run}`); await side(run); } })),
  remeasureLimit, async (dir) => lines((await cli(['outliers', dir])).stdout),
  (run) => log(`not measured again (--remeasure-limit ${remeasureLimit}): ${run}`));
const firstLookSeconds = seconds(started);
const sides = ['--baseline', join(out, 'baseline'), '--candidate', join(out, 'candidate')];
const undecided = (await cli(['undecided', ...sides])).stdout.split('\n').filter(Boolean);
const second = secondLook === 'always' || (secondLook === 'auto' && undecided.length > 0);
const secondStarted = Date.now();
if (second) {
  for (let i = processes + 1; i <= 2 * processes; i++) {
    log(`second look, process ${i} of ${2 * processes}, both sides`);
    await side(join(out, 'baseline', String(i)));
    await side(join(out, 'candidate', String(i)));
  }
}
const secondLookSeconds = second ? seconds(secondStarted) : 0;
const compareStarted = Date.now();
const looks = secondLook === 'never' ? [] : ['--first-look', String(processes)];
const comparison = await cli(['compare', ...sides, ...looks]);
const compareSeconds = seconds(compareStarted);
const totalSeconds = seconds(started);
await writeFileAtomically(join(out, 'comparison.txt'), comparison.stdout);
const result = {
  processes, cpu: values.cpu, secondLook, remeasureLimit, undecided, secondLookTaken: second, remeasured, disturbedNotRemeasured: skipped,
  firstLookSeconds, secondLookSeconds, compareSeconds, totalSeconds, perSideSeconds: totalSeconds / 2, compareExit: comparison.code,
};
await writeJsonAtomically(join(out, 'workflow-time.json'), result);
process.stdout.write(`${comparison.stdout.trim().split('\n').at(-1)}\n`);
process.stdout.write(`first look ready after ${firstLookSeconds.toFixed(1)} s (${remeasured} processes measured again${skipped > 0 ? `, ${skipped} more left as measured by --remeasure-limit` : ''}); undecided: ${undecided.length === 0 ? 'none' : undecided.join(', ')}\n`);
process.stdout.write(`second look: ${second ? `${secondLookSeconds.toFixed(1)} s` : 'not taken'}; compare ${compareSeconds.toFixed(1)} s\n`);
process.stdout.write(`total ${totalSeconds.toFixed(1)} s, ${result.perSideSeconds.toFixed(1)} s a side (target under 180 s a side); written to ${join(out, 'workflow-time.json')}\n`);
