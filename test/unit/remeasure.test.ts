// The proof scripts' re-measure step on stand-in sides: two passes, in side order, until the limit is spent.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { remeasureDisturbed } from '../../scripts/lib/remeasure.js';

test('disturbed runs are measured again in pass and side order until the limit, the rest counted as left', async () => {
  const measured: string[] = [];
  const left: string[] = [];
  const sides = ['a', 'b'].map((dir) => ({ dir, measure: async (run: string) => { measured.push(run); } }));
  const result = await remeasureDisturbed(sides, 3, async (dir) => [`${dir}/1`, `${dir}/2`], (run) => left.push(run));
  assert.deepEqual(measured, ['a/1', 'a/2', 'b/1']);
  assert.deepEqual(left, ['b/2', 'a/1', 'a/2', 'b/1', 'b/2']);
  assert.deepEqual(result, { remeasured: 3, left: 5 });
  assert.deepEqual(await remeasureDisturbed(sides, 0, async () => []), { remeasured: 0, left: 0 });
});
