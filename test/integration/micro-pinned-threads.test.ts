// standard pins each thread count apart, end to end: each runs in its own process on as many
// CPUs, and the merged micro.json names them and still has a scaling efficiency per case.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { allowedCpus } from '../../bench/pin-plan.js';
import { join } from 'node:path';
import { test } from 'node:test';
import type { MicroDocument } from '../../core/results/micro.js';
import { TASKSET_PATH } from '../../scripts/lib/process-env.js';
import { runCli, tempDir } from '../support/helpers.js';

const canPin = existsSync(TASKSET_PATH) && allowedCpus().length > 1;

test('standard runs 1 and 2 threads in their own pinned processes and merges them', { skip: canPin ? false : 'needs taskset and 2 CPUs' }, async (t) => {
  const dir = await tempDir(t);
  const run = await runCli(['micro', '--preset', 'standard', '--algs', 'HS256', '--engines', 'node', '--key-prep', 'prepared',
    '--time', '10', '--warmup', '2', '--min-samples', '4', '--repeat', '2', '--max-repeats', '2', '--out', dir]);
  assert.equal(run.code, 0, run.stderr);
  const doc = JSON.parse(await readFile(join(dir, 'micro.json'), 'utf8')) as MicroDocument;
  const allowed = allowedCpus();
  assert.deepEqual(doc.config.pinnedByThreads, [{ threads: 1, cpus: allowed.slice(-1) }, { threads: 2, cpus: allowed.slice(-2) }]);
  assert.deepEqual(doc.config.matrix.threads, [1, 2]);
  assert.equal(doc.config.pinnedCpu, undefined);
  assert.equal(doc.env.usableCores, 2, 'the CPUs the whole run used, not the first child\'s one');
  const processesOf = (threads: number) => new Set(doc.cases.filter((c) => c.threads === threads).map((c) => c.process));
  assert.deepEqual([...processesOf(1)], [1]);
  assert.deepEqual([...processesOf(2)], [2]);
  const two = doc.figures!.filter((f) => f.threads === 2);
  assert.equal(two.length, 2);
  for (const f of two) assert.ok(f.scalingEfficiency !== null && f.scalingEfficiency.value > 0, f.id);
  assert.match(run.stdout + run.stderr, /Each thread count ran in its own process, pinned: 1 thread on CPU \d; 2 threads on CPU \d,\d/);
});
