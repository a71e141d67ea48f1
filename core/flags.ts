// Flag parsing on node:util parseArgs, with errors that name the flag (`--threads must be ...`)
// and exit with status 2.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { badFlag, JwtbenchError } from './errors.js';

export type FlagSpec = NonNullable<ParseArgsConfig['options']>;

/**
 * `--time -5` as `--time=-5`: parseArgs takes a value that starts with a dash for another
 * option and calls it ambiguous; a negative number is a value, and the flag's own check then
 * says what is wrong with it ("--time must be a positive number ...").
 */
function negativeValuesJoined(argv: string[], options: FlagSpec): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const name = arg.startsWith('--') ? arg.slice(2) : null;
    const next = argv[i + 1];
    if (name !== null && options[name]?.type === 'string' && next !== undefined && /^-\d*\.?\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i += 1;
    } else {
      out.push(arg);
    }
  }
  return out;
}

export function parseFlags<T extends FlagSpec>(argv: string[], options: T, allowPositionals = false): ReturnType<typeof parseArgs<{ args: string[]; options: T; strict: true; allowPositionals: boolean }>> {
  try {
    return parseArgs({ args: negativeValuesJoined(argv, options), options, strict: true, allowPositionals });
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    // parseArgs's own messages already name the option; keep them on one line, without its hint
    // about positionals (which it may put on the same line, and whose quotes do not balance).
    const text = e.message.split('\n').filter((l) => !l.startsWith('To specify a positional')).join(' ').replace(/\s*To specify a positional.*$/, '');
    throw new JwtbenchError('JWTBENCH_BAD_FLAG', text);
  }
}

/** A decimal number as people type it (12, 1.5, .5, 1e3); not 0x10, 0b1 or Infinity, which Number() would take. */
const DECIMAL = /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i;

/** `value`, or the one-line refusal naming the flag: "--time must be at most 60000 ms (got 1e15)". */
export function atMost(flag: string, value: number, max: number, unit = ''): number {
  if (value > max) throw badFlag(flag, `must be at most ${max}${unit} (got ${value})`);
  return value;
}

export function positiveInt(flag: string, raw: string): number {
  const n = Number(raw);
  if (!/^\s*\d+\s*$/.test(raw) || !Number.isSafeInteger(n) || n < 1) throw badFlag(flag, `must be a positive integer (got ${JSON.stringify(raw)})`);
  return n;
}

export function nonNegativeInt(flag: string, raw: string): number {
  const n = Number(raw);
  if (!/^\s*\d+\s*$/.test(raw) || !Number.isSafeInteger(n)) throw badFlag(flag, `must be zero or a positive integer (got ${JSON.stringify(raw)})`);
  return n;
}

export function positiveNumber(flag: string, raw: string, unit: string): number {
  const n = Number(raw);
  if (!DECIMAL.test(raw) || !Number.isFinite(n) || n <= 0) throw badFlag(flag, `must be a positive number of ${unit} (got ${JSON.stringify(raw)})`);
  return n;
}

export function nonNegativeNumber(flag: string, raw: string, unit: string): number {
  const n = Number(raw);
  if (!DECIMAL.test(raw) || !Number.isFinite(n) || n < 0) throw badFlag(flag, `must be zero or a positive number of ${unit} (got ${JSON.stringify(raw)})`);
  return n;
}

/** A comma-separated list, each item checked; duplicates dropped, order kept. */
export function list<T>(flag: string, raw: string, parse: (item: string) => T): T[] {
  const items = raw.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) throw badFlag(flag, `must be a comma-separated list without empty items (got ${JSON.stringify(raw)})`);
  return [...new Set(items.map(parse))];
}

/** A list whose items come from a known set; `all` means the whole set. */
export function choiceList<T extends string>(flag: string, raw: string, known: readonly T[], what: string): T[] {
  if (raw.trim() === 'all') return [...known];
  return list(flag, raw, (item) => {
    const match = known.find((k) => k.toLowerCase() === item.toLowerCase());
    if (!match) throw badFlag(flag, `has unknown ${what} ${JSON.stringify(item)} (known: ${known.join(', ')})`);
    return match;
  });
}

export function choice<T extends string>(flag: string, raw: string, known: readonly T[]): T {
  const match = known.find((k) => k === raw);
  if (!match) throw badFlag(flag, `must be one of ${known.join(', ')} (got ${JSON.stringify(raw)})`);
  return match;
}
