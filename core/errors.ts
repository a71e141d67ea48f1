// One registry of jwtbench's error codes (after fastify's lib/errors.js). Every error a user
// can cause has a code, a one-line message and an exit status; the CLI prints the message
// (never a stack trace) and exits with the status.
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

interface ErrorDef {
  exitCode: number;
}

export const ERRORS = {
  /** a flag is unknown, missing its value, or its value is out of range */
  JWTBENCH_BAD_FLAG: { exitCode: EXIT.usage },
  /** a results file is missing, unreadable, corrupt or of an unsupported version */
  JWTBENCH_BAD_RESULTS: { exitCode: EXIT.usage },
  /** jwtbench built a results document its own schema refuses (a bug); nothing is written */
  JWTBENCH_INVALID_RESULTS: { exitCode: EXIT.failure },
  /** an output location cannot be written */
  JWTBENCH_BAD_OUTPUT: { exitCode: EXIT.usage },
  /** a topology file is missing, not JSON, or describes an impossible set of services */
  JWTBENCH_BAD_TOPOLOGY: { exitCode: EXIT.usage },
  /** an --engine-module is missing, throws on load, or does not export an engine */
  JWTBENCH_BAD_ENGINE_MODULE: { exitCode: EXIT.usage },
  /** a key is malformed, or of the wrong type or parameter set for its algorithm */
  JWTBENCH_BAD_KEY: { exitCode: EXIT.usage },
  /** the probe could not get a working token, key or control answer to start from */
  JWTBENCH_PROBE_SETUP: { exitCode: EXIT.usage },
  /** a target to load could not be reached, refused the token in the control request, or its tokens could not be had */
  JWTBENCH_TARGET_SETUP: { exitCode: EXIT.usage },
  /** an Artillery report is missing, unreadable or not of the shape `artillery run --output` writes */
  JWTBENCH_BAD_ARTILLERY_REPORT: { exitCode: EXIT.usage },
  /** a tool the chosen mode needs is not installed (Valgrind, a C compiler, Node's or Valgrind's headers) */
  JWTBENCH_MISSING_TOOL: { exitCode: EXIT.usage },
  /** the run was interrupted (Ctrl-C) */
  JWTBENCH_INTERRUPTED: { exitCode: 130 },
  /** the run itself failed */
  JWTBENCH_RUN_FAILED: { exitCode: EXIT.failure },
} as const satisfies Record<string, ErrorDef>;

export type ErrorCode = keyof typeof ERRORS;

export class JwtbenchError extends Error {
  readonly code: ErrorCode;
  readonly exitCode: number;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'JwtbenchError';
    this.code = code;
    this.exitCode = ERRORS[code].exitCode;
  }
}

export function badFlag(flag: string, message: string): JwtbenchError {
  return new JwtbenchError('JWTBENCH_BAD_FLAG', `${flag} ${message}`);
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
