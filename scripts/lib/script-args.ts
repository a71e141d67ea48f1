// Flags of the proof scripts (prove-verdicts, prove-repeatability): --help prints the usage,
// and a flag they do not know is one line and exit status 2, never a stack trace.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ignoreClosedStdout } from './closed-pipe.js';

type Options = NonNullable<ParseArgsConfig['options']>;

export function scriptArgs<O extends Options>(options: O, usage: string): ReturnType<typeof parseArgs<{ options: O & { help: { type: 'boolean' } } }>>['values'] {
  ignoreClosedStdout();
  try {
    const { values } = parseArgs({ options: { ...options, help: { type: 'boolean' } } });
    if ((values as { help?: boolean }).help) {
      process.stdout.write(`${usage}\n`);
      process.exit(0);
    }
    return values as never;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${usage.split('\n')[0]}\n`);
    process.exit(2);
  }
}
