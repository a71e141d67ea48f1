// The flags that set compare's error rates, shared by compare and undecided so both judge alike.
import { badFlag } from '../../core/errors.js';
import { positiveInt, positiveNumber } from '../../core/flags.js';

export const VERDICT_FLAGS = { alpha: { type: 'string' }, threshold: { type: 'string' } } as const;

export function verdictOptions(values: { alpha?: string; threshold?: string }): { alpha: number; threshold: number } {
  const alpha = values.alpha === undefined ? 0.01 : positiveNumber('--alpha', values.alpha, 'probability');
  if (alpha >= 0.5) throw badFlag('--alpha', `must be below 0.5 (got ${alpha})`);
  const threshold = (values.threshold === undefined ? 5 : positiveNumber('--threshold', values.threshold, 'percent')) / 100;
  return { alpha, threshold };
}

/** --first-look: processes per side that the first look saw (at least 2). */
export function firstLook(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = positiveInt('--first-look', value);
  if (n < 2) throw badFlag('--first-look', `must be at least 2 processes (got ${n})`);
  return n;
}
