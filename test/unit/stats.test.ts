import assert from 'node:assert/strict';
import { test } from 'node:test';
import { batchMeans, mean, percentile, rme, summarize, tCritical, variance } from '../../core/stats.js';

const close = (actual: number, expected: number, eps = 1e-9) => assert.ok(Math.abs(actual - expected) <= eps, `${actual} != ${expected}`);

test('mean and sample variance', () => {
  close(mean([2, 4, 4, 4, 5, 5, 7, 9]), 5);
  close(variance([2, 4, 4, 4, 5, 5, 7, 9]), 32 / 7);
  close(variance([3]), 0);
});

test('percentiles interpolate linearly between order statistics', () => {
  const sorted = [10, 20, 30, 40];
  close(percentile(sorted, 0), 10);
  close(percentile(sorted, 0.5), 25);
  close(percentile(sorted, 0.75), 32.5);
  close(percentile(sorted, 1), 40);
  close(percentile([7], 0.99), 7);
});

test('Student t critical values match tables', () => {
  close(tCritical(1), 12.706, 1e-3);
  close(tCritical(10), 2.228, 1e-3);
  close(tCritical(1e6), 1.960, 1e-3);
});

test('rme is the 95% margin of the mean relative to it, in percent', () => {
  // mean 2.5, sd = sqrt(5/3), sem = sd/2, t(3) = 3.1824
  close(rme([1, 2, 3, 4]), (100 * (Math.sqrt(5 / 3) / 2) * 3.182446305284263) / 2.5, 1e-6);
  close(rme([5]), 0);
});

test('summary takes percentiles of the sorted samples without reordering the input', () => {
  const samples = Float64Array.from([40, 10, 30, 20]);
  const s = summarize(samples);
  close(s.p50, 25);
  close(s.mean, 25);
  assert.deepEqual([...samples], [40, 10, 30, 20]);
});

test('batch means keep run order and cover every sample', () => {
  assert.deepEqual(batchMeans([1, 1, 3, 3, 5, 5], 3), [1, 3, 5]);
  assert.deepEqual(batchMeans([1, 2, 3, 4, 5], 2), [1.5, 4]);
  assert.deepEqual(batchMeans([4, 8], 10), [4, 8]);
});
