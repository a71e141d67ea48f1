// The figures' uncertainty, once micro cases carry an interval: a note on every figure whose
// interval is wide. The interval's field names are not fixed yet, so it is read through an
// accessor that accepts any `interval`-like object with a low and a high ops/s bound, and a
// case marked `unstable` is noted too. Cases without either are not noted (nothing to say).
import type { CompletedCase, MicroDocument } from '../core/results/micro.js';

export interface OpsInterval {
  lowOpsPerSec: number;
  highOpsPerSec: number;
}

/** Wider than this share of the figure on either side, and the figure is called uncertain. */
export const WIDE_INTERVAL = 0.1;

/** The first field named like "interval" holding two numbers named like low/high (or lower/upper). */
export function defaultInterval(c: CompletedCase): OpsInterval | null {
  for (const [key, value] of Object.entries(c as unknown as Record<string, unknown>)) {
    if (!/interval/i.test(key) || value === null || typeof value !== 'object') continue;
    const nums = Object.entries(value as Record<string, unknown>).filter((e): e is [string, number] => typeof e[1] === 'number');
    const low = nums.find(([k]) => /low|lower|min/i.test(k))?.[1];
    const high = nums.find(([k]) => /high|upper|max/i.test(k))?.[1];
    if (low !== undefined && high !== undefined) return { lowOpsPerSec: low, highOpsPerSec: high };
  }
  return null;
}

export function wideIntervalNotes(doc: MicroDocument, intervalOf: (c: CompletedCase) => OpsInterval | null = defaultInterval): string[] {
  return doc.cases.flatMap((c) => {
    if (c.state !== 'completed') return [];
    const i = intervalOf(c);
    const unstable = (c as { unstable?: unknown }).unstable === true;
    const width = i ? Math.max(c.opsPerSec - i.lowOpsPerSec, i.highOpsPerSec - c.opsPerSec) / c.opsPerSec : null;
    if (!unstable && (width === null || width <= WIDE_INTERVAL)) return [];
    const range = i ? `${Math.round(i.lowOpsPerSec).toLocaleString('en-US')} to ${Math.round(i.highOpsPerSec).toLocaleString('en-US')} ops/s around ${Math.round(c.opsPerSec).toLocaleString('en-US')}` : 'marked unstable';
    return [`${c.id}${c.repeat > 0 ? ` (repeat ${c.repeat})` : ''}: ${range}${width !== null ? ` (±${Math.round(width * 100)}%)` : ''}`];
  });
}
