// A server's start-up error keeps its code across IPC (structured clone, as fork's 'advanced'
// serialization does), so a bad --key file is still the user's input on the parent's side.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { JwtbenchError } from '../../core/errors.js';
import { failedMessage, startError } from '../../servers/ipc-error.js';

const across = (error: unknown) => startError(structuredClone(failedMessage(error)), 'issuer (es256)');

test('an IPC error keeps its JwtbenchError code and, for the user\'s input, its message', () => {
  const bad = across(new JwtbenchError('JWTBENCH_BAD_FLAG', '--key /x.pem: cannot read it (ENOENT)'));
  assert.equal(bad.code, 'JWTBENCH_BAD_FLAG');
  assert.equal(bad.exitCode, 2);
  assert.equal(bad.message, '--key /x.pem: cannot read it (ENOENT)');
  // The code decides, not the words: a message that happens to start with --key is not a flag error.
  const failed = across(new JwtbenchError('JWTBENCH_RUN_FAILED', '--key rotation broke'));
  assert.equal(failed.code, 'JWTBENCH_RUN_FAILED');
  assert.equal(failed.message, 'issuer (es256) did not start: --key rotation broke');
});

test('any other error fails the run, naming the server', () => {
  const e = across(new Error('listen EADDRINUSE 127.0.0.1:8080'));
  assert.equal(e.code, 'JWTBENCH_RUN_FAILED');
  assert.equal(e.exitCode, 1);
  assert.equal(e.message, 'issuer (es256) did not start: listen EADDRINUSE 127.0.0.1:8080');
  assert.equal(startError({ type: 'failed', message: 'x', code: 'NOT_A_CODE' as never }, 's').code, 'JWTBENCH_RUN_FAILED');
});
