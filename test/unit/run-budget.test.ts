// jwtbench run's time budget: how it is shared (the load phase and the report kept, the micro
// phase's extra repeats get the rest), how a load run's window is sized from the time left,
// and the line that says whether the budget bound. Made-up times, nothing is run.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { durationWithin, MIN_RUN_S, plannedLoadMs, RUN_OVERHEAD_MS } from '../../bench/load/budget.js';
import { budgetLine, planBudget, REPORT_RESERVE_MS } from '../../scripts/lib/run-budget.js';
import { resolveMicroOptions } from '../../bench/micro-options.js';
import type { LoadDocument } from '../../core/results/load.js';
import type { CaseFigure } from '../../core/results/micro.js';
import { JwtbenchError } from '../../core/errors.js';

test('the budget keeps the report and the planned load phase; the extra repeats stop where those begin', () => {
  const plan = planBudget(1_000_000, 84, 5, 5);
  assert.equal(plan.loadFinishBy, 1_000_000 + 84_000 - REPORT_RESERVE_MS);
  assert.equal(plannedLoadMs(5, 5), 5 * (RUN_OVERHEAD_MS + 6_000), 'each run: overhead, a 1 s warm-up and its window');
  assert.equal(plan.microFinishBy, plan.loadFinishBy - plannedLoadMs(5, 5));
});

test('a load run gets its full window when there is time, a shorter one when not, never under the floor', () => {
  assert.equal(durationWithin(60_000, 5, 2_000, 5), 5, 'time to spare: the plan\'s window');
  assert.equal(durationWithin(50_000, 5, 3_000, 5), 5, '10 s a run: the window would be 6 s, the plan says 5');
  assert.equal(durationWithin(40_000, 5, 3_000, 5), 4, '8 s a run: 3 s overhead, 1 s warm-up, a 4 s window');
  assert.equal(durationWithin(33_000, 5, 3_000, 5), 2.8, '6.6 s a run: 3.6 s for a window d and its warm-up d/4');
  assert.equal(durationWithin(25_000, 5, 3_000, 5), MIN_RUN_S, '5 s a run: 2 s would leave a 1.6 s window, under the floor');
  assert.equal(durationWithin(-10_000, 2, 3_000, 5), MIN_RUN_S, 'past the end: the floor, the run still happens');
  assert.equal(durationWithin(40_000, 0, 3_000, 5), 5, 'no runs left counts as one');
});

const run = (durationS: number) => ({ state: 'completed', durationS }) as unknown as LoadDocument['runs'][number];
const load = (doneAt: number, ...d: number[]) => ({ config: { durationS: 5 }, runs: d.map(run), doneAt }) as unknown as LoadDocument & { doneAt: number };
const figure = (unstable: string | null, repeats: number) => ({ unstable, repeats }) as CaseFigure;

test('the last line: the time used, and what the budget cut when it bound', () => {
  const plan = planBudget(0, 84, 5, 5);
  assert.equal(budgetLine(plan, 70_000, { doneAt: 38_000, maxRepeats: 13, figures: [figure(null, 9)] }, load(65_000, 5.02, 5.2, 5.1)),
    'time budget: 70.0 s of 84.0 s (micro 38.0 s, load 27.0 s, report 5.0 s); it did not bind (the extra repeats and the load runs had all their time)');
  const bound = budgetLine(plan, 86_500, { doneAt: plan.microFinishBy + 9_000, maxRepeats: 13, figures: [figure('x', 9), figure('y', 13), figure(null, 9)] }, load(80_000, 5.1, 3.2, 2.1));
  assert.match(bound, /^time budget: 86\.5 s of 84\.0 s, over it \(micro 48\.0 s, load 32\.0 s, report 6\.5 s\); the machine was slower than the budget allows, so it bound: /);
  assert.match(bound, /no extra micro repeat started after 39\.0 s \(1 unstable case kept fewer than 13 repeats\)/);
  assert.match(bound, /2 of 3 load runs measured 2\.1–3\.2 s instead of 5 s/);
});

test('micro --finish-by takes a UTC time, and refuses anything else in one line naming the flag', () => {
  assert.equal(resolveMicroOptions({ 'finish-by': '2026-12-04T18:30:00.000Z' }).finishBy, Date.UTC(2026, 11, 4, 18, 30));
  assert.equal(resolveMicroOptions({}).finishBy, undefined);
  for (const bad of ['tomorrow', '2026-12-04 18:30', '2026-12-04T18:30:00+01:00', '2026-13-40T99:00:00Z']) {
    assert.throws(() => resolveMicroOptions({ 'finish-by': bad }), (e: unknown) => e instanceof JwtbenchError && /^--finish-by must be a UTC time/.test(e.message), bad);
  }
});

test('run --budget: a positive number of seconds, at most an hour; anything else is one line naming it, exit 2', async () => {
  const { runMain } = await import('../support/helpers.js');
  for (const bad of ['0', '-5', 'soon', '4000']) {
    const r = await runMain(['run', '--budget', bad, '--out', '/nonexistent-never-written']);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /--budget must be/);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  }
});

test('run --runtime: Node only, a spec it can read; anything else is one line naming it, exit 2, before anything runs', async () => {
  const { runMain } = await import('../support/helpers.js');
  for (const [bad, why] of [['bun', /--runtime bun: the reference servers \(Fastify\) run on Node only/], ['deno@2', /Node only/], ['node@soon', /--runtime "node@soon" is not node@/]] as const) {
    const r = await runMain(['run', '--runtime', bad, '--out', '/nonexistent-never-written']);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, why);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  }
});
