// A server process's start-up error, across IPC and back: the JwtbenchError code travels with the
// message, so the parent rebuilds the same error (a bad --key file stays the user's input, exit 2)
// instead of guessing the code from the message's words.
import { ERRORS, EXIT, JwtbenchError, errorMessage, type ErrorCode } from '../core/errors.js';
import type { ChildMessage } from './server-config.js';

export type FailedMessage = Extract<ChildMessage, { type: 'failed' }>;

/** What the server process sends when it cannot start. */
export function failedMessage(error: unknown): FailedMessage {
  return { type: 'failed', message: errorMessage(error), code: error instanceof JwtbenchError ? error.code : null };
}

function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(ERRORS, code);
}

/** The parent's error for a failed start: the child's code; the user's own input quoted as is. */
export function startError(reply: FailedMessage, server: string): JwtbenchError {
  const code = isErrorCode(reply.code) ? reply.code : 'JWTBENCH_RUN_FAILED';
  const usersInput = ERRORS[code].exitCode === EXIT.usage;
  return new JwtbenchError(code, usersInput ? reply.message : `${server} did not start: ${reply.message}`);
}
