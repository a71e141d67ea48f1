// micro's extra repeats, end to end: a case with one repeat has no interval, so it is
// repeated up to --max-repeats and its figure written (the statistics are unit-tested in test/unit/repeats.test.ts).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import type { MicroDocument } from '../../core/results/micro.js';
import { runCli, tempDir } from '../support/helpers.js';

test('micro repeats unstable cases (a single repeat has no interval) up to --max-repeats and writes their figures', async (t) => {
        const dir = await tempDir(t);
  const run = await runCli(['micro', '--preset', 'smoke', '--algs', 'HS256', '--engines', 'node', '--repeat', '1', '--max-repeats', '3', '--extra-time', '60000', '--out', dir]);
  assert.equal(run.code, 0, run.stderr);
  const doc = JSON.parse(await readFile(join(dir, 'micro.json'), 'utf8')) as MicroDocument;
  assert.equal(doc.config.maxRepeats, 3);
  assert.equal(doc.figures!.length, 2);
  for (const f of doc.figures!) {
    const repeatsOf = doc.cases.filter((c) => c.id === f.id && c.state === 'completed').length;
    assert.equal(f.repeats, repeatsOf);
    assert.ok(repeatsOf >= 2 && repeatsOf <= 3, `${f.id}: ${repeatsOf} repeats`);
    assert.ok(f.opsPerSecInterval[0] <= f.opsPerSec && f.opsPerSec <= f.opsPerSecInterval[1]);
  }
  assert.match(run.stdout + run.stderr, /±/);
});
