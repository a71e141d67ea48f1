// load --placement, --server-cpus / --client-cpus: the processes are moved onto their CPUs, the
// run records where they ran, and a bad CPU list or placement is one clear line.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { allowedCpus } from '../../bench/pin-plan.js';
import { pinProcess, TASKSET_PATH } from '../../core/taskset.js';
import { readResults } from '../../core/results/results-file.js';
import { runCli, tempDir } from '../support/helpers.js';
import { stillRunning } from '../support/processes.js';

const allowed = allowedCpus();
const canPin = existsSync(TASKSET_PATH) && allowed.length > 1;
const skip = canPin ? false : 'needs taskset and 2 CPUs';

test('pinProcess moves every thread of a running process onto the CPUs', { skip }, async (t) => {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)'], { stdio: 'ignore' });
  t.after(() => child.kill('SIGKILL'));
  const last = allowed.at(-1)!;
  await pinProcess(child.pid!, [last]);
  const threads = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  assert.match(threads, new RegExp(`Cpus_allowed_list:\\s*${last}\\n`));
  await assert.rejects(pinProcess(2 ** 22 + 12345, [last]), /could not pin process \d+ to CPU \d+: no such process/);
});

test('load pins the servers and the client apart and records it', { skip }, async (t) => {
  const dir = await tempDir(t);
  const [client, server] = [allowed[0]!, allowed.at(-1)!];
  const r = await runCli(['load', '--preset', 'smoke', '--duration', '0.5', '--server-cpus', String(server), '--client-cpus', String(client), '--out', dir]);
  assert.equal(r.code, 0, r.stderr);
  const doc = await readResults('load', dir);
  assert.deepEqual(doc.config.serverCpus, [server]);
  assert.deepEqual(doc.config.clientCpus, [client]);
  assert.ok(doc.runs.every((x) => x.state === 'completed'));
  assert.deepEqual(stillRunning(r.descendants), []);
});

test('load --placement: split puts the client on the first half of the CPUs and the servers on the rest, shared pins nothing; both recorded', { skip }, async (t) => {
  const dir = await tempDir(t);
  const half = Math.floor(allowed.length / 2);
  for (const placement of ['split', 'shared'] as const) {
    const r = await runCli(['load', '--preset', 'smoke', '--duration', '0.5', '--placement', placement, '--out', join(dir, placement)]);
    assert.equal(r.code, 0, r.stderr);
    const doc = await readResults('load', join(dir, placement));
    assert.equal(doc.config.placement, placement);
    assert.deepEqual(doc.config.serverCpus, placement === 'split' ? allowed.slice(half) : undefined);
    assert.deepEqual(doc.config.clientCpus, placement === 'split' ? allowed.slice(0, half) : undefined);
    assert.deepEqual(stillRunning(r.descendants), []);
  }
  const custom = await runCli(['load', '--preset', 'smoke', '--duration', '0.5', '--server-cpus', String(allowed.at(-1)), '--out', join(dir, 'custom')]);
  assert.equal(custom.code, 0, custom.stderr);
  assert.equal((await readResults('load', join(dir, 'custom'))).config.placement, 'custom');
});

test('the default placement is the one docs/load.md decided, where the machine can pin', async () => {
  const { resolvePlacement, DEFAULT_PLACEMENT } = await import('../../bench/load/load-options.js');
  assert.equal(resolvePlacement({}).placement, canPin ? DEFAULT_PLACEMENT : 'shared');
});

test('bad CPU lists, and CPU flags with --target: one line naming the flag, exit 2', async () => {
  for (const [args, message] of [
    [['load', '--server-cpus', 'a'], /^jwtbench load: --server-cpus must be a CPU list such as 1, 0,2 or 2-3 \(got "a"\)$/],
    [['load', '--client-cpus', '4096'], /^jwtbench load: --client-cpus must name CPUs this process may run on \(.+\) \(got 4096\)$/],
    [['load', '--target', 'http://127.0.0.1:9/x', '--token-file', '/nonexistent', '--client-cpus', '0'], /^jwtbench load: --client-cpus does not apply with --target/],
    [['load', '--target', 'http://127.0.0.1:9/x', '--token-file', '/nonexistent', '--placement', 'split'], /^jwtbench load: --placement does not apply with --target/],
    [['load', '--placement', 'apart'], /^jwtbench load: --placement must be one of split, shared \(got "apart"\)$/],
    [['load', '--placement', 'shared', '--server-cpus', '0'], /^jwtbench load: --placement and --server-cpus\/--client-cpus are alternatives: give one$/],
  ] as const) {
    const r = await runCli([...args]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr.trim(), message);
  }
});
