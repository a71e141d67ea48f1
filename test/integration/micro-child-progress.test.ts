// A run in a child process (micro --processes, a pinned run) cannot draw its progress line on
// a pipe: it sends its progress to the parent over IPC, and the parent draws it.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { isProgressMessage, type ProgressMessage } from '../../scripts/lib/progress.js';
import { PROCESS_ENV } from '../../scripts/lib/process-env.js';
import { CLI, tempDir } from '../support/helpers.js';

test('a child micro run reports each case to its parent over IPC, then exits', async (t) => {
  const dir = await tempDir(t);
  const child = spawn(process.execPath, [CLI, 'micro', '--preset', 'smoke', '--algs', 'HS256', '--engines', 'node', '--out', dir], {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'], env: { ...process.env, [PROCESS_ENV]: '1/1' },
  });
  const messages: ProgressMessage[] = [];
  child.on('message', (m) => { if (isProgressMessage(m)) messages.push(m); });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => { stderr += c.toString(); });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(code, 0, stderr);
  assert.deepEqual(messages.map((m) => [m.done, m.total]), [[0, 2], [1, 2]]);
  assert.match(messages[0]!.label, /^HS256\/sign\/node/);
  assert.doesNotMatch(stderr, /\[1\/2\]/, 'no progress line of its own');
});

test('only well-formed progress messages are taken', () => {
  assert.ok(isProgressMessage({ type: 'jwtbench-progress', done: 1, total: 2, label: 'x' }));
  for (const m of [null, 'x', { type: 'other', done: 1, total: 2, label: 'x' }, { type: 'jwtbench-progress', done: '1', total: 2, label: 'x' }]) assert.equal(isProgressMessage(m), false);
});
