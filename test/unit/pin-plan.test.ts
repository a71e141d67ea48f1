import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allowedCpus, cpuList, cpusForThreads, parseCpuList } from '../../bench/pin-plan.js';
import { childArgs } from '../../scripts/lib/micro-processes.js';

test('k threads run on the last k CPUs, all of them when there are more threads than CPUs', () => {
  assert.deepEqual(cpusForThreads(1, [0, 1]), [1]);
  assert.deepEqual(cpusForThreads(2, [0, 1]), [0, 1]);
  assert.deepEqual(cpusForThreads(2, [0, 1, 2, 3, 4, 5, 6, 7]), [6, 7]);
  assert.deepEqual(cpusForThreads(4, [0, 1]), [0, 1]);
  assert.deepEqual(cpusForThreads(1, [0]), [0]);
  assert.deepEqual(cpusForThreads(2, [2, 3, 5]), [3, 5], 'a cpuset without CPU 0: only CPUs it allows');
  assert.equal(cpuList([6, 7]), '6,7');
});

test('Linux CPU lists parse; anything else is refused', () => {
  assert.deepEqual(parseCpuList('0-1'), [0, 1]);
  assert.deepEqual(parseCpuList('2,3,5-7\n'), [2, 3, 5, 6, 7]);
  assert.deepEqual(parseCpuList('4'), [4]);
  for (const bad of ['', '3-1', 'a', '0-', '1,,2']) assert.equal(parseCpuList(bad), null, JSON.stringify(bad));
  const mine = allowedCpus();
  assert.ok(mine.length > 0 && mine.every((c) => Number.isInteger(c) && c >= 0));
});

test('a child gets the flags but not --pin: it is pinned from outside and sees only its CPUs', () => {
  const args = childArgs({ preset: 'quick', pin: '1', threads: '1', json: true, processes: '3' }, '/tmp/x');
  assert.deepEqual(args, ['micro', '--preset', 'quick', '--threads', '1', '--processes', '1', '--out', '/tmp/x']);
});
