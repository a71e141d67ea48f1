// jwtbench <command> as a function: dispatches to a command and turns every error into one line
// and an exit status. No side effect at import, so tests call it in process; scripts/cli.ts is the
// bin that wires it to the process (argv, streams, Ctrl-C).
import { COMMANDS } from './commands/index.js';
import type { CommandIO } from './lib/command.js';
import { EXIT, JwtbenchError, errorMessage } from '../core/errors.js';

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length), 'help'.length);
  const lines = [...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`), `  ${'help'.padEnd(width)}  help for a command (jwtbench help micro)`];
  return `Usage: jwtbench <command> [flags]

What a JWT signing choice costs in speed, measured on this machine, and whether a verifier
can be forged.

Commands:
${lines.join('\n')}

Run "jwtbench <command> --help" for its flags.`;
}

export async function main(argv: string[], io: CommandIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    (name === undefined ? io.stderr : io.stdout).write(`${usage()}\n`);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const unknown = (command: string) => {
    io.stderr.write(`jwtbench: unknown command ${JSON.stringify(command)} (commands: ${COMMANDS.map((c) => c.name).join(', ')})\n`);
    return EXIT.usage;
  };
  if (name === 'help') {
    if (rest[0] === undefined) {
      io.stdout.write(`${usage()}\n`);
      return EXIT.ok;
    }
    const target = COMMANDS.find((c) => c.name === rest[0]);
    if (!target) return unknown(rest[0]);
    io.stdout.write(`${(await target.load()).help}\n`);
    return EXIT.ok;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) return unknown(name);
  try {
    return await (await entry.load()).run(rest, io);
  } catch (error) {
    if (io.signal.aborted) {
      io.stderr.write('jwtbench: interrupted; workers stopped, no results written\n');
      return 130;
    }
    if (error instanceof JwtbenchError) {
      io.stderr.write(`jwtbench ${entry.name}: ${error.message}\n`);
      return error.exitCode;
    }
    io.stderr.write(`jwtbench ${entry.name}: failed: ${errorMessage(error)}\n`);
    if (process.env.JWTBENCH_DEBUG) io.stderr.write(`${(error as Error)?.stack ?? ''}\n`);
    return EXIT.failure;
  }
}
