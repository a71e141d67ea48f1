import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cpuList, cpusForThreads } from '../../bench/pin-plan.js';
import { childArgs } from '../../scripts/lib/micro-processes.js';

test('k threads run on the last k CPUs, all of them when there are more threads than CPUs', () => {
  assert.deepEqual(cpusForThreads(1, 2), [1]);
  assert.deepEqual(cpusForThreads(2, 2), [0, 1]);
  assert.deepEqual(cpusForThreads(2, 8), [6, 7]);
  assert.deepEqual(cpusForThreads(4, 2), [0, 1]);
  assert.deepEqual(cpusForThreads(1, 1), [0]);
  assert.equal(cpuList([6, 7]), '6,7');
});

test('a child gets the flags but not --pin: it is pinned from outside and sees only its CPUs', () => {
  const args = childArgs({ preset: 'quick', pin: '1', threads: '1', json: true, processes: '3' }, '/tmp/x');
  assert.deepEqual(args, ['micro', '--preset', 'quick', '--threads', '1', '--processes', '1', '--out', '/tmp/x']);
});
