// What every jwtbench command is: a name, a one-line summary, its --help text and a runner.
// defineCommand does the parts every command shares: parse flags strictly, answer --help.
import { parseArgs } from 'node:util';
import { parseFlags, type FlagSpec } from '../../core/flags.js';

export interface CommandIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream;
  signal: AbortSignal;
  cwd: string;
}

export interface Command {
  name: string;
  help: string;
  run(argv: string[], io: CommandIO): Promise<number>;
}

const HELP_FLAG = { help: { type: 'boolean', short: 'h' } } as const;

type Parsed<F extends FlagSpec> = ReturnType<typeof parseArgs<{ args: string[]; options: F & typeof HELP_FLAG; strict: true; allowPositionals: true }>>;

export interface CommandDef<F extends FlagSpec> {
  name: string;
  help: string;
  flags: F;
  /** whether the command takes positional arguments (a file, say) */
  positionals?: boolean;
  run(args: { values: Parsed<F>['values']; positionals: string[] }, io: CommandIO): Promise<number>;
}

export function defineCommand<F extends FlagSpec>(def: CommandDef<F>): Command {
  return {
    name: def.name,
    help: def.help,
    async run(argv, io) {
      const parsed = parseFlags(argv, { ...def.flags, ...HELP_FLAG }, def.positionals === true) as unknown as Parsed<F>;
      if ((parsed.values as { help?: boolean }).help) {
        io.stdout.write(`${def.help}\n`);
        return 0;
      }
      return def.run({ values: parsed.values, positionals: parsed.positionals }, io);
    },
  };
}

/** Default place for a run's output: results/<UTC time>/ under the working directory. */
export function defaultOutDir(cwd: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z').replace('T', '-');
  return `${cwd.replace(/\/$/, '')}/results/${stamp}`;
}
