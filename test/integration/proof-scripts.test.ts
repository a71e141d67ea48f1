// The proof scripts measure on the user's machine; here only their front doors: --help, and
// one line with exit status 2 for a flag they do not know. No measurement runs.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const SCRIPTS = ['prove-verdicts', 'prove-repeatability', 'prove-server-work', 'resample-coverage', 'prove-workflow-time', 'prove-history', 'prove-ml-dsa-interop', 'prove-instructions'];

for (const name of SCRIPTS) {
  test(`${name}: --help prints its usage; an unknown flag is one line and exit status 2`, () => {
    const path = fileURLToPath(new URL(`../../scripts/${name}.js`, import.meta.url));
    const help = spawnSync(process.execPath, [path, '--help'], { encoding: 'utf8' });
    assert.equal(help.status, 0, help.stderr);
    assert.match(help.stdout, new RegExp(`^Usage: node dist/scripts/${name}\\.js`));
    const bad = spawnSync(process.execPath, [path, '--no-such-flag'], { encoding: 'utf8' });
    assert.equal(bad.status, 2);
    assert.doesNotMatch(bad.stderr, /\n\s+at /, 'no stack trace');
    assert.match(bad.stderr, /no-such-flag/);
  });
}

test('a reader that closes the pipe early (jwtbench ... | head -1) gets no stack trace, and the command still ends normally', async () => {
  const { spawn } = await import('node:child_process');
  const cli = fileURLToPath(new URL('../../scripts/cli.js', import.meta.url));
  for (const args of [[cli, '--help'], [fileURLToPath(new URL('../../scripts/prove-verdicts.js', import.meta.url)), '--help']]) {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // the read end is gone before the first write
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8'); });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 0, stderr);
    assert.doesNotMatch(stderr, /EPIPE|\n\s+at /);
  }
});

test('prove-verdicts refuses kinds it does not know, a list without a, or looks other than 1 and 2, before measuring anything', () => {
  const path = fileURLToPath(new URL('../../scripts/prove-verdicts.js', import.meta.url));
  for (const kinds of ['a,slow7', 'a2,slow10', 'a,a']) {
    const bad = spawnSync(process.execPath, [path, '--kinds', kinds, '--out', '/nonexistent/never-written'], { encoding: 'utf8' });
    assert.equal(bad.status, 2, kinds);
    assert.match(bad.stderr, /^--kinds must list a and any of a2, slow10, slow3, each once/, kinds);
  }
  const looks = spawnSync(process.execPath, [path, '--looks', '3', '--out', '/nonexistent/never-written'], { encoding: 'utf8' });
  assert.equal(looks.status, 2);
  assert.match(looks.stderr, /^--looks must be 1 or 2 \(got 3\)/);
});
