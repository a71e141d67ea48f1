import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { test } from 'node:test';
import { CLI, tempDir } from './helpers.js';

test('Ctrl-C stops a run cleanly: exit 130, one line, no results file', async (t) => {
  const dir = await tempDir(t);
  const child = spawn(process.execPath, [CLI, 'micro', '--preset', 'quick', '--time', '2000', '--out', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
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
