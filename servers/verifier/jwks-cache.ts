// A verifier's copy of the issuer's public keys, shared by every engine: keys are fetched only
// from the configured JWKS URL, prepared once by the engine's importKey, and looked up by kid
// as a plain map key (never a path or URL).
// Every fetch attempt — successful or not — starts a cooldown, so tokens with unknown kids
// cannot make the verifier hammer its issuer, even while the issuer is down. A failed fetch is
// logged (once per cooldown at most, since attempts are) so an outage is seen, not only counted.
import type { JWK } from 'jose';
import type { AlgName } from '../../core/algorithms.js';

export interface JwksCacheOptions {
  jwksUrl: string;
  alg: AlgName;
  cooldownMs: number;
  /** background refresh period; 0 turns it off */
  refreshMs: number;
  timeoutMs: number;
  /** where failed fetches are reported: the Fastify (pino) logger fits */
  log?: JwksLog;
  /** the clock, in ms; tests pass their own */
  now?: () => number;
}

export interface JwksLog {
  warn(details: object, message: string): void;
}

export interface JwksCacheOptionsFor<K> extends JwksCacheOptions {
  /** the engine's preparation of one public JWK (called once per key, not per request) */
  importKey: (jwk: JWK) => Promise<K>;
}

export interface JwksStats {
  fetchAttempts: number;
  fetchFailures: number;
  keys: number;
}

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k', 'priv'];

export class UnknownKeyError extends Error {}

export class JwksCache<K = unknown> {
  readonly #opts: JwksCacheOptionsFor<K>;
  #keys = new Map<string, { json: string; key: K }>();
  #lastAttempt = -Infinity;
  #inflight: Promise<void> | null = null;
  #timer: NodeJS.Timeout | null = null;
  #lastLogged = -Infinity;
  #unlogged = 0;
  readonly stats: JwksStats = { fetchAttempts: 0, fetchFailures: 0, keys: 0 };

  constructor(opts: JwksCacheOptionsFor<K>) {
    this.#opts = opts;
  }

  /** First fetch, then the background refresh. A failed first fetch is retried after the cooldown. */
  async start(): Promise<void> {
    await this.refresh().catch(() => {});
    if (this.#opts.refreshMs > 0) {
      this.#timer = setInterval(() => { void this.refresh().catch(() => {}); }, this.#opts.refreshMs);
      this.#timer.unref();
    }
  }

  close(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  #now(): number {
    return this.#opts.now ? this.#opts.now() : performance.now();
  }

  coolingDown(now = this.#now()): boolean {
    return now - this.#lastAttempt < this.#opts.cooldownMs;
  }

  /** A known kid's key at once (no promise, so a synchronous engine stays synchronous); an unknown one after at most one fetch. */
  key(kid: string): K | Promise<K> {
    const known = this.#keys.get(kid);
    if (known) return known.key;
    return this.#fetchFor(kid);
  }

  async #fetchFor(kid: string): Promise<K> {
    // A fetch under way may bring the key: wait for it (refresh() returns it) rather than refuse while it runs.
    if (this.#inflight || !this.coolingDown()) await this.refresh().catch(() => {});
    const fetched = this.#keys.get(kid);
    if (fetched) return fetched.key;
    throw new UnknownKeyError('no key with that kid at the issuer');
  }

  /** One fetch at a time; respects the cooldown; keeps the old keys if the fetch fails. */
  refresh(): Promise<void> {
    if (this.#inflight) return this.#inflight;
    if (this.coolingDown()) return Promise.resolve();
    this.#lastAttempt = this.#now();
    this.stats.fetchAttempts += 1;
    this.#inflight = this.#fetch()
      .catch((error: unknown) => { this.stats.fetchFailures += 1; this.#logFailure(error); throw error; })
      .finally(() => { this.#inflight = null; });
    return this.#inflight;
  }

  /** One line per cooldown at most, however many fetches fail within it. */
  #logFailure(error: unknown): void {
    this.#unlogged += 1;
    const now = this.#now();
    if (!this.#opts.log || now - this.#lastLogged < this.#opts.cooldownMs) return;
    this.#opts.log.warn({ jwksUrl: this.#opts.jwksUrl, failures: this.#unlogged, error: error instanceof Error ? error.message : String(error) },
      'JWKS fetch failed; verifying with the keys already held');
    this.#lastLogged = now;
    this.#unlogged = 0;
  }

  async #fetch(): Promise<void> {
    const response = await fetch(this.#opts.jwksUrl, { signal: AbortSignal.timeout(this.#opts.timeoutMs), redirect: 'error' });
    if (!response.ok) throw new Error(`JWKS fetch answered ${response.status}`);
    const body = await response.json() as { keys?: unknown };
    if (!Array.isArray(body.keys)) throw new Error('JWKS has no keys array');
    const next = new Map<string, { json: string; key: K }>();
    for (const jwk of body.keys as JWK[]) {
      if (typeof jwk !== 'object' || jwk === null || typeof jwk.kid !== 'string') continue;
      if (PRIVATE_MEMBERS.some((m) => m in jwk)) continue; // a JWKS must never carry private parts; refuse such keys
      if (jwk.alg !== undefined && jwk.alg !== this.#opts.alg) continue;
      if (jwk.use !== undefined && jwk.use !== 'sig') continue;
      const json = JSON.stringify(jwk);
      const old = this.#keys.get(jwk.kid);
      next.set(jwk.kid, old && old.json === json ? old : { json, key: await this.#opts.importKey(jwk) });
    }
    this.#keys = next;
    this.stats.keys = next.size;
  }
}
