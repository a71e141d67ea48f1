// The ML-DSA interop gate for real: run from this Node, it runs itself on Node 24 from the
// runtimes cache (native ML-DSA in node:crypto and WebCrypto) and writes an all-green matrix.
// Skipped, saying why, when the cache has no Node 24 (.ci/run installs it).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { installedRuntimes, runtimesDir } from '../../core/runtimes/cache.js';
import type { InteropResult } from '../../bench/interop/ml-dsa.js';
import { tempDir } from '../support/helpers.js';

const SCRIPT = fileURLToPath(new URL('../../scripts/prove-ml-dsa-interop.js', import.meta.url));
const run = promisify(execFile);
const node24 = installedRuntimes().find((r) => r.name === 'node' && r.version.startsWith('24.'));
const skip = node24 === undefined ? `no node@24 in the runtimes cache (${runtimesDir()}): jwtbench runtimes install node@24` : false;

test('prove-ml-dsa-interop on node@24: node:crypto, jose and noble-pq agree on ML-DSA-44/65/87 tokens and AKP JWKs', { skip }, async (t) => {
  const dir = await tempDir(t);
  const { stdout, stderr } = await run(process.execPath, [SCRIPT, '--runtime', 'node@24', '--out', dir]);
  assert.match(stderr, /^ml-dsa-interop: running on node@24\./m);
  assert.doesNotMatch(stderr, /ExperimentalWarning/);
  assert.match(stdout, /^all 81 cells green$/m);
  const doc = JSON.parse(await readFile(join(dir, 'ml-dsa-interop.json'), 'utf8')) as InteropResult & { env: { runtime: { version: string }; libraries: Record<string, string | null> } };
  assert.equal(doc.allGreen, true, JSON.stringify(doc.failures).slice(0, 2000));
  assert.match(doc.env.runtime.version, /^24\./);
  assert.ok(doc.env.libraries.jose && doc.env.libraries['@noble/post-quantum'], 'the versions an upstream report needs');
  assert.deepEqual([...new Set(doc.matrices.map((m) => m.alg))], ['ML-DSA-44', 'ML-DSA-65', 'ML-DSA-87']);
});

test('prove-ml-dsa-interop refuses a runtime that is not Node in one line, exit 2', async () => {
  await assert.rejects(run(process.execPath, [SCRIPT, '--runtime', 'deno']), (e: { code: number; stderr: string }) => {
    assert.equal(e.code, 2);
    assert.equal(e.stderr.split('\n')[0], '--runtime deno: the interop gate runs node:crypto, so it runs on Node only');
    return true;
  });
});
