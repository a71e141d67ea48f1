// Measures the history targets on synthetic series (scripts/lib/synthetic-history.ts: noise
// like this machine's, seeded): how often E-divisive finds a planted step of 2%, 5% and 10%
// within ±1 run, what else it reports, and change points in step-free series; then the time
// of `jwtbench history changes` on a store of --runs runs × --series series, twice.
// Usage: node dist/scripts/prove-history.js [--per-step 100] [--runs 1000] [--series 60] [--out dir]
import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { writeJsonAtomically } from '../core/atomic-write.js';
import { eDivisive, seededRandom } from '../core/e-divisive.js';
import { appendHistory } from '../core/history/store.js';
import { HISTORY_SCHEMA_VERSION, type HistoryEntry } from '../core/results/history.js';
import { scriptArgs, scriptFail } from './lib/script-args.js';
import { historyChanges, CHANGE_DEFAULTS } from '../core/history/changes.js';
import type { Series } from '../core/history/series.js';
import { syntheticEnv, syntheticHistory, syntheticRates } from './lib/synthetic-history.js';

const exec = promisify(execFile);
const CLI = fileURLToPath(new URL('./cli.js', import.meta.url));
const USAGE = `Usage: node dist/scripts/prove-history.js [--per-step 100] [--runs 1000] [--series 60] [--measure time|instructions] [--out dir]

Synthetic 60-run series with a step of 2%, 5% or 10% planted at a seeded run (15-45), --per-step
of each, in two noise models (1.5% scatter; and with 1 run in 20 slowed 3-12%), plus as many
step-free series: found within ±1 run, other change points, series with a false one. Then
jwtbench history changes on a folder store of --runs runs × --series series (two steps each),
timed twice. With --measure instructions: steps of 0.5%, 1%, 2%, 5% and 10% in the noise of instruction
counts (0.05% scatter; and 1 run in 20 moved 0.5-2.5% either way). Writes history-proof.json to --out.`;

const values = scriptArgs({ 'per-step': { type: 'string', default: '100' }, runs: { type: 'string', default: '1000' }, series: { type: 'string', default: '60' }, out: { type: 'string' }, measure: { type: 'string', default: 'time' } }, USAGE);
if (values.measure !== 'time' && values.measure !== 'instructions') scriptFail(`--measure must be time or instructions, not ${values.measure}`, USAGE);
const counts = values.measure === 'instructions';
/**
 * The noise of each measure. Time: this machine's wall clock. Instructions: from the A/A pairs of
 * docs/measured.md#instruction-counts: most cases within 0.1% (a scatter of 0.05%), and about 1
 * run in 20 moving one case by 0.5-2.5% either way (a collection falling into another region).
 */
const NOISE = counts
  ? { sd: 0.0005, shiftRange: [0.005, 0.025] as const, shiftTwoSided: true, name: (shift: number) => (shift > 0 ? '0.05% scatter + 1 run in 20 moved 0.5-2.5% either way' : '0.05% scatter'), steps: [0, 0.005, 0.01, 0.02, 0.05, 0.1] }
  : { sd: 0.015, shiftRange: [0.03, 0.12] as const, shiftTwoSided: false, name: (shift: number) => (shift > 0 ? '1.5% scatter + 1 run in 20 slowed 3-12%' : '1.5% scatter'), steps: [0, 0.02, 0.05, 0.1] };
const count = (flag: string) => {
  const n = Number(values[flag as keyof typeof values]);
  if (!Number.isInteger(n) || n < 1) scriptFail(`--${flag} must be a positive integer`, USAGE);
  return n;
};
const [perStep, runs, seriesCount] = [count('per-step'), count('runs'), count('series')];
const out = values.out ?? join(process.cwd(), 'results', `history-proof-${new Date().toISOString().replace(/[:.]/g, '')}`);

interface Rate { step: number; noise: string; series: number; foundWithin1: number; otherChangePoints: number; seriesWithOther: number }

function detection(step: number, shiftRate: number): Rate {
  const random = seededRandom(Math.round(step * 1000) + 17 + shiftRate * 1000);
  const rate: Rate = { step, noise: NOISE.name(shiftRate), series: perStep, foundWithin1: 0, otherChangePoints: 0, seriesWithOther: 0 };
  for (let i = 0; i < perStep; i++) {
    const at = 15 + Math.floor(random() * 31);
    const xs = syntheticRates({ runs: 60, stepAt: step > 0 ? at : null, step, seed: Math.floor(random() * 2 ** 31), shiftRate, sd: NOISE.sd, shiftRange: NOISE.shiftRange, shiftTwoSided: NOISE.shiftTwoSided });
    const cps = eDivisive(xs.map(Math.log));
    const near = (c: { index: number }) => step > 0 && Math.abs(c.index - at) <= 1;
    if (cps.some(near)) rate.foundWithin1 += 1;
    const other = cps.filter((c) => !near(c)).length;
    rate.otherChangePoints += other;
    if (other > 0) rate.seriesWithOther += 1;
  }
  return rate;
}

/**
 * The bound no detector beats: where the step is put by least squares knowing both levels (the
 * maximum-likelihood place in Gaussian scatter). Misses of it are the scatter's, not E-divisive's.
 */
function knownLevelsMisses(step: number, n: number): number {
  const random = seededRandom(4242 + Math.round(step * 1000));
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  let misses = 0;
  for (let h = 0; h < n; h++) {
    const at = 15 + Math.floor(random() * 31);
    const ys = Array.from({ length: 60 }, (_, i) => (i >= at ? Math.log1p(step) : 0) + NOISE.sd * gauss());
    let best = -1;
    let bestCost = Infinity;
    for (let t = 1; t < 60; t++) {
      let c = 0;
      for (let k = 0; k < 60; k++) c += (ys[k]! - (k < t ? 0 : Math.log1p(step))) ** 2;
      if (c < bestCost) [bestCost, best] = [c, t];
    }
    if (Math.abs(best - at) > 1) misses += 1;
  }
  return misses;
}

interface SharedRate { step: number; noise: string; histories: number; foundWithin1: number; foundWithin1Kept: number; otherChangePoints: number; stepFreeSeries: number; stepFreeWithChange: number; stepFreeWithChangeKept: number; runsShifted: number; runsSetAside: number }

/**
 * The machine's shifts as they happen: per run, on every case at once. Histories of 16 series,
 * the step in one; found with the shifted runs set aside (core/history/machine-runs.ts) and, to
 * compare, with every run kept. The other 15 series of each are step-free.
 */
function sharedDetection(step: number): SharedRate {
  const random = seededRandom(Math.round(step * 1000) + 31);
  const rate: SharedRate = { step, noise: `${NOISE.sd * 100}% scatter + 1 run in 20 slowed 3-12% on all 16 series at once`, histories: perStep, foundWithin1: 0, foundWithin1Kept: 0, otherChangePoints: 0, stepFreeSeries: 0, stepFreeWithChange: 0, stepFreeWithChangeKept: 0, runsShifted: 0, runsSetAside: 0 };
  for (let h = 0; h < perStep; h++) {
    const at = 15 + Math.floor(random() * 31);
    const seed = Math.floor(random() * 2 ** 31);
    const { rates, shifted } = syntheticHistory({ series: 16, runs: 60, stepAt: step > 0 ? at : null, step, seed, shiftRate: 0.05, sd: NOISE.sd });
    rate.runsShifted += shifted.length;
    const series: Series[] = rates.map((xs, s) => ({
      key: `micro/SYN${s}@env`, case: `micro/SYN${s}`, measure: 'time', unit: 'ops/s', better: 'higher', env: 'env', environment: null,
      runs: xs.map((value, i) => ({ entry: `r${String(i).padStart(2, '0')}`, commit: null, label: null, branch: null, time: '', value, interval: null })),
    }));
    const options = { ...CHANGE_DEFAULTS };
    const aside = historyChanges(series, options);
    const kept = series.map((s) => historyChanges([s], options, [s]).changes);
    rate.runsSetAside += aside.setAside.length;
    const near = (c: { index: number }) => step > 0 && Math.abs(c.index - at) <= 1;
    const first = aside.changes.filter((c) => c.series.key === series[0]!.key);
    if (first.some(near)) rate.foundWithin1 += 1;
    if (kept[0]!.some(near)) rate.foundWithin1Kept += 1;
    rate.otherChangePoints += first.filter((c) => !near(c)).length;
    for (let s = step > 0 ? 1 : 0; s < 16; s++) {
      rate.stepFreeSeries += 1;
      if (aside.changes.some((c) => c.series.key === series[s]!.key)) rate.stepFreeWithChange += 1;
      if (kept[s]!.length > 0) rate.stepFreeWithChangeKept += 1;
    }
  }
  return rate;
}

const rates = NOISE.steps.flatMap((step) => [0, 0.05].map((shift) => detection(step, shift)));
for (const r of rates) {
  process.stdout.write(`step ${(r.step * 100).toFixed(1)}%, ${r.noise}: ${r.step > 0 ? `found within ±1 run in ${r.foundWithin1} of ${r.series}; ` : ''}`
    + `${r.otherChangePoints} other change points in ${r.seriesWithOther} of ${r.series} series\n`);
}

const bound = NOISE.steps.filter((step) => step > 0).map((step) => ({ step, series: 2000, misses: knownLevelsMisses(step, 2000) }));
for (const b of bound) process.stdout.write(`step ${(b.step * 100).toFixed(1)}%, ${NOISE.sd * 100}% scatter: least squares knowing both levels misses ±1 run in ${b.misses} of ${b.series} (the scatter's limit)\n`);
const shared = counts ? [] : NOISE.steps.map(sharedDetection);
for (const r of shared) {
  process.stdout.write(`step ${(r.step * 100).toFixed(1)}%, ${r.noise}: ${r.step > 0 ? `found within ±1 run in ${r.foundWithin1} of ${r.histories} (every run kept: ${r.foundWithin1Kept}); ${r.otherChangePoints} other change points; ` : ''}`
    + `step-free series with a change point ${r.stepFreeWithChange} of ${r.stepFreeSeries} (every run kept: ${r.stepFreeWithChangeKept}); runs set aside ${r.runsSetAside}, shifted ${r.runsShifted}\n`);
}

// The speed target: a folder store of `runs` entries × `seriesCount` cases, two steps per series.
const store = join(out, 'store');
await rm(store, { recursive: true, force: true });
const random = seededRandom(99);
const series = Array.from({ length: seriesCount }, (_, s) => syntheticRates({ runs, stepAt: null, step: 0, seed: 1000 + s })
  .map((v, i) => v / ((i >= runs / 3 ? 1.05 : 1) * (i >= (2 * runs) / 3 ? 1.1 : 1))));
const env = syntheticEnv();
const entries: HistoryEntry[] = Array.from({ length: runs }, (_, i) => {
  const at = new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString();
  return {
    schemaVersion: HISTORY_SCHEMA_VERSION, kind: 'history-entry', id: `synthetic-${String(i).padStart(5, '0')}`, commit: Math.floor(random() * 2 ** 48).toString(16).padStart(12, '0'),
    authorTime: at, branch: 'main', label: null, startedAt: at, addedAt: at, sources: ['synthetic'], environments: { 'env-synthetic': env },
    points: series.map((xs, s) => ({ case: `micro/SYN${s}/verify/jose/prepared/small/t1`, measure: 'time' as const, unit: 'ops/s', better: 'higher' as const, value: xs[i]!, interval: null, env: 'env-synthetic' })),
  };
});
await appendHistory(store, entries);
const timings: { seconds: number; summary: string }[] = [];
for (let run = 0; run < 2; run++) {
  const start = process.hrtime.bigint();
  let stdout = '';
  try {
    ({ stdout } = await exec(process.execPath, [CLI, 'history', 'changes', '--history', store], { maxBuffer: 64 << 20 }));
  } catch (error) {
    stdout = (error as { stdout?: string }).stdout ?? '';
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const summary = stdout.trim().split('\n').at(-1) ?? '';
  timings.push({ seconds, summary });
  process.stdout.write(`history changes on ${runs} runs × ${seriesCount} series: ${seconds.toFixed(2)} s (${summary})\n`);
}
await writeJsonAtomically(join(out, 'history-proof.json'), { measure: values.measure, perStep, rates, knownLevels: bound, shared, speed: { runs, series: seriesCount, timings } });
process.stdout.write(`wrote ${join(out, 'history-proof.json')}\n`);
