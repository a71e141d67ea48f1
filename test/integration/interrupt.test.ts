// Ctrl-C in the middle of a measurement. Node's own worker debug log (NODE_DEBUG=worker) says
// when a measuring worker thread has started: the signal is sent on that line, not after a guess.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdir } from 'node:fs/promises';
import { test, type TestContext } from 'node:test';
import { CLI, tempDir } from '../support/helpers.js';
import { descendants, stillRunning } from '../support/processes.js';

const WORKER_STARTED = /starts worker script/;

/** The CLI with the worker debug log on; resolves once a measuring worker runs (or fails after boundMs). */
async function startMeasuring(t: TestContext, args: string[], boundMs = 60_000) {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_DEBUG: 'worker' } });
  t.after(() => { child.kill('SIGKILL'); });
  let stderr = '';
  const closed = once(child, 'close') as Promise<[number | null]>;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no worker started within ${boundMs} ms: ${stderr.slice(-500)}`)), boundMs);
    child.stderr.on('data', (d: Buffer) => {
      stderr += d;
      if (WORKER_STARTED.test(stderr)) { clearTimeout(timer); resolve(); }
    });
    void closed.then(([code]) => { clearTimeout(timer); reject(new Error(`exited with ${code} before a worker started`)); });
  });
  return { child, stderr: () => stderr, closed: closed.then(([code]) => code) };
}

test('Ctrl-C stops a run cleanly: exit 130, one line, no results file', async (t) => {
  const dir = await tempDir(t);
  // --pin none --processes 1: one process, unpinned (quick's node flags still make the run a child process).
  const run = await startMeasuring(t, ['micro', '--preset', 'quick', '--pin', 'none', '--processes', '1', '--time', '2000', '--out', dir]);
  run.child.kill('SIGINT');
  assert.equal(await run.closed, 130);
  assert.match(run.stderr(), /interrupted; workers stopped, no results written/);
  assert.deepEqual(await readdir(dir), []);
});

test('Ctrl-C during micro --processes stops the child process too, and writes nothing', async (t) => {
  const dir = await tempDir(t);
  const run = await startMeasuring(t, ['micro', '--preset', 'quick', '--time', '2000', '--processes', '3', '--out', dir]);
  const grandchildren = descendants(run.child.pid!);
  assert.equal(grandchildren.length, 1, 'one measuring process at a time');
  run.child.kill('SIGINT');
  assert.equal(await run.closed, 130);
  assert.equal(run.stderr().match(/interrupted; workers stopped, no results written/g)?.length, 1, run.stderr());
  assert.deepEqual(await readdir(dir), []);
  assert.deepEqual(stillRunning(grandchildren), [], 'the measuring process was stopped');
});
