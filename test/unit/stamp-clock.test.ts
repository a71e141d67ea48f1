// The clock tinybench reads: while recording, every start reading and every end reading is
// kept, in order, and each is the value the caller got.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StampClock } from '../../bench/stamp-clock.js';

test('the stamp clock keeps each start and end reading it handed out, in order', () => {
  const clock = new StampClock();
  clock.now(); // not recording: not kept
  clock.start();
  const handed: number[] = [];
  for (let i = 0; i < 2000; i++) handed.push(clock.now());
  clock.stop();
  clock.now();
  assert.equal(clock.starts.length, 1000);
  assert.equal(clock.ends.length, 1000);
  assert.deepEqual(clock.starts, handed.filter((_, i) => i % 2 === 0));
  assert.deepEqual(clock.ends, handed.filter((_, i) => i % 2 === 1));
  for (let i = 0; i < 1000; i++) assert.ok(clock.ends[i]! >= clock.starts[i]!);
});
