import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { test } from 'node:test';
import { CLI, tempDir } from './helpers.js';

test('Ctrl-C stops a run cleanly: exit 130, one line, no results file', async (t) => {
  const dir = await tempDir(t);
  // --pin none: this process runs the workers itself (a pinned run is a child, as below).
  const child = spawn(process.execPath, [CLI, 'micro', '--preset', 'quick', '--pin', 'none', '--time', '2000', '--out', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => { stderr += d; });
  t.after(() => { child.kill('SIGKILL'); });
  await new Promise((resolve) => setTimeout(resolve, 1500));
  child.kill('SIGINT');
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(code, 130);
  assert.match(stderr, /interrupted; workers stopped, no results written/);
  assert.deepEqual(await readdir(dir), []);
});

test('Ctrl-C during micro --processes stops the child process too, and writes nothing', async (t) => {
  const dir = await tempDir(t);
  const child = spawn(process.execPath, [CLI, 'micro', '--preset', 'quick', '--time', '2000', '--processes', '3', '--out', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => { stderr += d; });
  t.after(() => { child.kill('SIGKILL'); });
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const grandchildren = execFileSync('ps', ['-o', 'pid=', '--ppid', String(child.pid)], { encoding: 'utf8' }).split('\n').map(Number).filter((p) => p > 0);
  assert.equal(grandchildren.length, 1, 'one measuring process at a time');
  child.kill('SIGINT');
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(code, 130);
  assert.equal(stderr.match(/interrupted; workers stopped, no results written/g)?.length, 1, stderr);
  assert.deepEqual(await readdir(dir), []);
  for (const pid of grandchildren) assert.throws(() => process.kill(pid, 0), /ESRCH/, `process ${pid} is still running`);
});
