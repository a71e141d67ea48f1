// What every jwtbench command is: a name, a one-line summary, its --help text and a runner.
export interface CommandIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream;
  signal: AbortSignal;
  cwd: string;
}

export interface Command {
  name: string;
  summary: string;
  help: string;
  run(argv: string[], io: CommandIO): Promise<number>;
}

/** Default place for a run's output: results/<UTC time>/ under the working directory. */
export function defaultOutDir(cwd: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z').replace('T', '-');
  return `${cwd.replace(/\/$/, '')}/results/${stamp}`;
}
