// Flags of the proof scripts (prove-verdicts, prove-repeatability, ...): --help prints the usage,
// and a flag they do not know is one line and exit status 2, never a stack trace.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ignoreClosedStdout } from './closed-pipe.js';

type Options = NonNullable<ParseArgsConfig['options']>;

export function scriptArgs<O extends Options>(options: O, usage: string): ReturnType<typeof parseArgs<{ options: O & { help: { type: 'boolean' } } }>>['values'] {
  return parse(options, usage, false).values as never;
}

/** The same, for a script that also takes file names after its flags. */
export function scriptArgsAndFiles<O extends Options>(options: O, usage: string): { values: ReturnType<typeof parseArgs<{ options: O & { help: { type: 'boolean' } } }>>['values']; positionals: string[] } {
  return parse(options, usage, true) as never;
}

function parse(options: Options, usage: string, allowPositionals: boolean): { values: Record<string, unknown>; positionals: string[] } {
  ignoreClosedStdout();
  try {
    const { values, positionals } = parseArgs({ options: { ...options, help: { type: 'boolean' } }, allowPositionals });
    if ((values as { help?: boolean }).help) {
      process.stdout.write(`${usage}\n`);
      process.exit(0);
    }
    return { values, positionals };
  } catch (error) {
    scriptFail((error as Error).message, usage);
  }
}

/** A bad flag value: one line saying what is wrong, the usage line, exit status 2. */
export function scriptFail(message: string, usage: string): never {
  process.stderr.write(`${message}\n${usage.split('\n')[0]}\n`);
  process.exit(2);
}
