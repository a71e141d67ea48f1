// Progress on stderr when it is not a terminal (a pipe, a CI log): a plain line at the first
// step, then at most one per interval, and a heartbeat while one step lasts longer.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { createProgress, PLAIN_EVERY_MS, progressLine } from '../../scripts/lib/progress.js';

function pipe(): { stream: NodeJS.WriteStream; lines: () => string[] } {
  let text = '';
  const stream = new Writable({ write(chunk: Buffer, _enc, done) { text += chunk.toString(); done(); } });
  Object.assign(stream, { isTTY: false });
  return { stream: stream as unknown as NodeJS.WriteStream, lines: () => text.split('\n').filter((l) => l !== '') };
}

test('not a terminal: a line at once, none for quick steps, then one per interval and a heartbeat in a long step', (t) => {
  t.mock.timers.enable({ apis: ['setInterval', 'Date'] });
  const out = pipe();
  const progress = createProgress(out.stream);
  progress.update(0, 100, 'case 1', 0);
  assert.deepEqual(out.lines(), ['[1/100] case 1 · 0s elapsed · estimating time left'], 'the first step is written at once');
  for (let i = 1; i < 10; i++) {
    t.mock.timers.tick(100);
    progress.update(i, 100, `case ${i + 1}`, i * 100);
  }
  assert.equal(out.lines().length, 1, 'quick steps are not each written');
  // A long step: nothing calls update, the heartbeat writes the latest step with the time since.
  t.mock.timers.tick(PLAIN_EVERY_MS);
  assert.equal(out.lines().length, 2);
  assert.match(out.lines()[1]!, /^\[10\/100\] case 10 · 6s elapsed · ~\d+s left$/);
  t.mock.timers.tick(PLAIN_EVERY_MS);
  assert.equal(out.lines().length, 3, 'and again an interval later');
  assert.ok(out.lines().every((l) => !l.includes('\r') && !l.includes('\x1b')), 'no terminal controls in a log');
  progress.done();
  t.mock.timers.tick(10 * PLAIN_EVERY_MS);
  assert.equal(out.lines().length, 3, 'nothing after done()');
});

test('a terminal: one rewritten line, cleared at the end', () => {
  let text = '';
  const stream = new Writable({ write(chunk: Buffer, _enc, done) { text += chunk.toString(); done(); } }) as unknown as NodeJS.WriteStream;
  const progress = createProgress(stream, true);
  progress.update(0, 2, 'a', 0);
  progress.update(1, 2, 'b', 1000);
  progress.done();
  assert.equal(text, `\r\x1b[K${progressLine(0, 2, 'a', 0)}\r\x1b[K${progressLine(1, 2, 'b', 1000)}\r\x1b[K`);
  assert.doesNotMatch(text, /\n/);
});

test('the line: step, total, elapsed and time left; a heartbeat takes its time off what is left', () => {
  assert.equal(progressLine(2, 4, 'x', 10_000), '[3/4] x · 10s elapsed · ~10s left');
  assert.equal(progressLine(2, 4, 'x', 10_000, 4_000), '[3/4] x · 14s elapsed · ~6s left');
  assert.equal(progressLine(4, 4, 'x', 10_000), '[4/4] x · 10s elapsed · ~0s left');
});
