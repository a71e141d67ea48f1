// Every request the probe makes goes through one Sender: loopback only unless allowed, at most
// `ratePerS` a second and `maxRequests` in all, each bounded by a timeout.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { JwtbenchError, badFlag } from '../../core/errors.js';
import { isLoopback } from '../../core/loopback.js';

export interface SendLimits {
  ratePerS: number;
  maxRequests: number;
  timeoutMs: number;
  allowRemote: boolean;
}

export interface Answer {
  status: number;
  durationMs: number;
  body: string;
}

/** Parses a URL flag and applies the loopback rule to it. */
export function checkedUrl(flag: string, raw: string, allowRemote: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw badFlag(flag, `must be an http(s) URL (got ${JSON.stringify(raw)})`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw badFlag(flag, `must be an http(s) URL (got ${JSON.stringify(raw)})`);
  if (!allowRemote && !isLoopback(url)) {
    throw badFlag(flag, `${url.host} is not a loopback address; testing other hosts needs --allow-remote, and you must own the target or have written permission to test it`);
  }
  return url;
}

/**
 * One request on a connection of its own (no keep-alive): a verifier that drops the connection
 * over one token (a 431 for an oversized header, say) must not make the next attack fail.
 */
function request(url: URL, init: { method?: string; headers?: Record<string, string>; body?: string }, timeoutMs: number, signal?: AbortSignal): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, { method: init.method ?? 'GET', headers: init.headers, agent: false, timeout: timeoutMs, signal }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode ?? 0, durationMs: performance.now() - started, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(init.body);
  });
}

export class Sender {
  requests = 0;
  private nextAt = 0;

  constructor(private readonly limits: SendLimits, private readonly signal?: AbortSignal) {}

  get remaining(): number {
    return this.limits.maxRequests - this.requests;
  }

  async send(url: URL, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
    if (this.requests >= this.limits.maxRequests) {
      throw new JwtbenchError('JWTBENCH_PROBE_SETUP', `the probe reached --max-requests ${this.limits.maxRequests}`);
    }
    if (!this.limits.allowRemote && !isLoopback(url)) throw new JwtbenchError('JWTBENCH_PROBE_SETUP', `${url.host} is not a loopback address`);
    const wait = this.nextAt - performance.now();
    if (wait > 0) await sleep(wait, undefined, { signal: this.signal });
    this.nextAt = performance.now() + 1000 / this.limits.ratePerS;
    this.requests += 1;
    return request(url, init, this.limits.timeoutMs, this.signal);
  }
}
