// A validly signed token of a chosen size: the same claims padded with an extra one, so only a
// size limit can refuse it.
import { parts, signToken, type ForgeKey } from './forge.js';

/**
 * The longest token of at most `length` characters ('at-most'), or the shortest of at least
 * `length` ('at-least'). (Not every length exists: an unpadded base64url segment is never
 * 1 mod 4 characters long.)
 */
export function sizedToken(token: string, key: ForgeKey, length: number, fit: 'at-most' | 'at-least' = 'at-most'): string {
  const { payload, header } = parts(token);
  const make = (n: number) => signToken(header, { ...payload, pad: 'A'.repeat(n) }, key);
  const base = make(0).length;
  if (base > length) throw new Error(`the token is already ${base} characters`);
  // Each 3 padding characters add 4 base64url characters: start just below and step up.
  let n = Math.max(0, Math.floor(((length - base) * 3) / 4) - 3);
  let below = make(n);
  if (below.length > length) throw new Error('sizedToken started above the target');
  for (;;) {
    const next = make(n + 1);
    if (next.length > length) return fit === 'at-most' || below.length === length ? below : next;
    below = next;
    n += 1;
  }
}
