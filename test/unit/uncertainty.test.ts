// The note on wide intervals reads whatever interval field a micro case carries (its name is
// not fixed yet) and an `unstable` mark; a case with neither is not noted.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MicroDocument } from '../../core/results/micro.js';
import { wideIntervalNotes } from '../../reports/uncertainty.js';

test('wide-interval notes: any interval-like field, the unstable mark, nothing without either', () => {
  const doc = { cases: [
    { state: 'completed', id: 'HS256/a', repeat: 0, opsPerSec: 1000, interval: { lowOpsPerSec: 800, highOpsPerSec: 1050 } },
    { state: 'completed', id: 'ES256/b', repeat: 1, opsPerSec: 1000, opsInterval: { lower: 990, upper: 1010 } },
    { state: 'completed', id: 'EdDSA/c', repeat: 0, opsPerSec: 5, unstable: true },
    { state: 'completed', id: 'RS256/d', repeat: 0, opsPerSec: 5 },
    { state: 'errored', id: 'PS256/e', repeat: 0 },
  ] } as unknown as MicroDocument;
  assert.deepEqual(wideIntervalNotes(doc), ['HS256/a: 800 to 1,050 ops/s around 1,000 (±20%)', 'EdDSA/c: marked unstable']);
  assert.deepEqual(wideIntervalNotes(doc, (c) => (c.id === 'ES256/b' ? { lowOpsPerSec: 500, highOpsPerSec: 1000 } : null)), ['ES256/b (repeat 1): 500 to 1,000 ops/s around 1,000 (±50%)', 'EdDSA/c: marked unstable']);
});
