// One request before any load, as the probe does: the target must answer 2xx to a valid token
// (and the --compare-url endpoint without one), or the figures would time refusals, not work.
import { JwtbenchError, errorMessage } from '../../core/errors.js';
import { authHeaders, describePlacement, type Placement } from '../../core/token-placement.js';
import { Sender } from '../probe/send.js';

export interface ControlRequest {
  url: URL;
  method: string;
  /** null: the unauthenticated --compare-url endpoint */
  token: string | null;
  placement: Placement;
  allowRemote: boolean;
  flag: string;
}

export async function controlRequest(c: ControlRequest, signal?: AbortSignal): Promise<number> {
  const sender = new Sender({ ratePerS: 10, maxRequests: 1, timeoutMs: 5_000, allowRemote: c.allowRemote }, signal);
  let status: number;
  try {
    ({ status } = await sender.send(c.url, { method: c.method, headers: c.token === null ? {} : authHeaders(c.placement, c.token) }));
  } catch (error) {
    signal?.throwIfAborted();
    throw new JwtbenchError('JWTBENCH_TARGET_SETUP', `${c.flag} ${c.url.href} cannot be reached (${errorMessage(error)}); is it running?`);
  }
  if (status < 200 || status > 299) {
    throw new JwtbenchError('JWTBENCH_TARGET_SETUP', c.token === null
      ? `${c.flag} ${c.url.href} answered ${status} to ${c.method} without a token; it should be an endpoint of the same service that needs none (a health check, say)`
      : `${c.flag} ${c.url.href} answered ${status} to ${c.method} with the first token of the pool (${describePlacement(c.placement)}): the load would time refusals, so check the URL, the token source and --header/--cookie`);
  }
  return status;
}
