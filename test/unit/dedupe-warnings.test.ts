// Another runtime's stderr (scripts/lib/dedupe-warnings.ts): each distinct warning once, its
// hint line with it, every other line as it came, and a count of the copies held back.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dedupeWarnings } from '../../scripts/lib/dedupe-warnings.js';

test('repeated worker warnings are shown once, other lines pass, the copies are counted', () => {
  let out = '';
  const f = dedupeWarnings((t) => { out += t; });
  const warn = (pid: number) => `(node:${pid}) ExperimentalWarning: The ML-DSA Web Cryptography algorithm is an experimental feature\n(Use \`node --trace-warnings ...\` to show where the warning was created)\n`;
  f.push(`micro: 1 of 8 cases\n${warn(11)}`);
  f.push(warn(12).slice(0, 20));
  f.push(`${warn(12).slice(20)}micro: 2 of 8 cases\n(node:13) [DEP0203] DeprecationWarning: something else\n${warn(14)}done`);
  f.end();
  assert.equal(out, `micro: 1 of 8 cases\n${warn(11)}micro: 2 of 8 cases\n(node:13) [DEP0203] DeprecationWarning: something else\ndone\n(2 more copies of the warnings above, from other workers, not shown)\n`);
});
