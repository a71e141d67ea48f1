// "Reproduce this report": the micro command carries every recorded setting that decides the
// figures (repeats, extra repeats, pinning, where the libraries came from), not only the matrix.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MicroDocument } from '../../core/results/micro.js';
import { microCommand } from '../../reports/reproduce.js';

const doc = (config: Partial<MicroDocument['config']>) => ({
  cases: [],
  config: {
    preset: null, repeat: 9, budget: { timeMs: 40, warmupMs: 10, minSamples: 16 },
    matrix: { algs: ['HS256'], rsaBits: [2048], ops: ['verify'], engines: ['jose'], keyPreps: ['prepared'], payloads: ['small'], threads: [1] },
    ...config,
  },
}) as unknown as MicroDocument;

test('the micro command names the repeats design, the pin and the library sources it ran with', () => {
  const pinned = microCommand(doc({ warmupRounds: 1, maxRepeats: 13, extraTimeMs: 5000, pinnedCpu: 1, resolveFrom: '/srv/app' }), 'results/x/');
  assert.match(pinned, / --repeat 9 --warmup-rounds 1 --max-repeats 13 --extra-time 5000 --pin 1 --resolve-from \/srv\/app --out results\/x\/$/);
  assert.match(microCommand(doc({}), 'o/'), / --pin none --out o\/$/, 'unpinned is said, since some presets pin by default');
  assert.doesNotMatch(microCommand(doc({ pinnedByThreads: [{ threads: 1, cpus: [1] }] }), 'o/'), /--pin/, 'pinned apart: the preset default');
  assert.match(microCommand(doc({ engineModules: [{ name: 'mine', path: '/x/engine.mjs', sha256: '0'.repeat(64), imports: {} }] }), 'o/'), /--engine-module \/x\/engine\.mjs/);
});
