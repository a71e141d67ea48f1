// The issuer's keys: one that signs, and the set its JWKS publishes. Rotation is a sequence of
// publish / activate / retire steps, so both policies are written with the same three moves.
import type { JWK } from 'jose';
import type { RotationPolicy } from '../../core/results/names.js';
import type { SigningKey } from '../keys.js';

export class KeyRing {
  #active: SigningKey;
  readonly #published = new Map<string, SigningKey>();

  constructor(initial: SigningKey) {
    this.#active = initial;
    this.#published.set(initial.kid, initial);
  }

  get active(): SigningKey {
    return this.#active;
  }

  /** The JWKS document: public members only. */
  jwks(): { keys: JWK[] } {
    return { keys: [...this.#published.values()].map((k) => k.publicJwk) };
  }

  publish(key: SigningKey): void {
    this.#published.set(key.kid, key);
  }

  activate(kid: string): void {
    const key = this.#published.get(kid);
    if (!key) throw new Error(`cannot sign with unpublished key ${kid}`);
    this.#active = key;
  }

  retire(kid: string): void {
    if (kid === this.#active.kid) throw new Error('cannot retire the signing key');
    this.#published.delete(kid);
  }
}

export interface RotationPlan {
  policy: RotationPolicy;
  /** time between rotations */
  everyMs: number;
  /** staged: how long a new key is published before it signs (longer than verifiers' JWKS refresh) */
  stageMs: number;
  /** staged: how long an old key stays published after it stops signing (its tokens' lifetime) */
  retireAfterMs: number;
}

/** Starts rotating on a timer; returns a function that stops it and clears every pending step. */
export function scheduleRotation(ring: KeyRing, plan: RotationPlan, nextKey: () => Promise<SigningKey>, onRotate?: (kid: string) => void): () => void {
  const timers = new Set<NodeJS.Timeout>();
  // A rotation may be half done (a key still being generated) when stop is called: it must not finish.
  let stopped = false;
  const later = (ms: number, fn: () => void) => {
    if (stopped) return;
    const t = setTimeout(() => { timers.delete(t); if (!stopped) fn(); }, ms);
    timers.add(t);
  };
  const rotate = async () => {
    const next = await nextKey();
    if (stopped) return;
    const old = ring.active.kid;
    ring.publish(next);
    if (plan.policy === 'immediate') {
      // The naive rotation: sign with the new key now and drop the old one from the JWKS.
      ring.activate(next.kid);
      ring.retire(old);
      onRotate?.(next.kid);
      return;
    }
    later(plan.stageMs, () => {
      ring.activate(next.kid);
      onRotate?.(next.kid);
      later(plan.retireAfterMs, () => { if (ring.active.kid !== old) ring.retire(old); });
    });
  };
  const interval = setInterval(() => { void rotate(); }, plan.everyMs);
  return () => {
    stopped = true;
    clearInterval(interval);
    for (const t of timers) clearTimeout(t);
    timers.clear();
  };
}
