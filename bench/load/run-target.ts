// `jwtbench load --target`: a service the user runs, loaded with its tokens, and, when given, an
// unauthenticated endpoint of the same service (--compare-url) loaded the same way right before
// it, so the auth overhead on that service is a ratio as it is against the reference baseline.
// Client-side figures only: jwtbench cannot see inside that server.
import type { LoadRun, RunIdentity } from '../../core/results/load.js';
import { SCHEMES, SCHEME_NAMES, type SchemeName } from '../../core/schemes.js';
import type { TargetRequests } from './client-job.js';
import { runEach } from './run-load.js';
import { PROCESS_DEPS, SCENARIOS, type LoadDeps } from './scenarios.js';

export interface TargetService {
  url: URL;
  compareUrl: URL | null;
  method: string;
  tokens: string[];
  token: NonNullable<NonNullable<RunIdentity['target']>['token']>;
  placement: TargetRequests['placement'];
  ratePerS: number | null;
  workers: number;
  allowRemote: boolean;
}

export interface TargetPlan {
  connections: readonly number[];
  durationS: number;
  repeat: number;
}

/** The reference scheme whose algorithm the token uses; null when none does (a PS256 token, say). */
export function schemeForAlg(alg: string): SchemeName | null {
  return SCHEME_NAMES.find((s) => SCHEMES[s].alg === alg) ?? null;
}

interface PlannedTargetRun {
  id: RunIdentity;
  url: URL;
  tokens: string[];
}

export function expandTargetPlan(service: TargetService, plan: TargetPlan): PlannedTargetRun[] {
  const target = (url: URL, token: TargetService['token'] | null): NonNullable<RunIdentity['target']> => ({
    origin: url.origin, path: url.pathname, method: service.method, token, rateCapPerS: service.ratePerS, clientWorkers: service.workers,
  });
  const runs: PlannedTargetRun[] = [];
  for (let repeat = 0; repeat < plan.repeat; repeat++) {
    for (const connections of plan.connections) {
      const id = (scheme: SchemeName | null, url: URL, token: TargetService['token'] | null): RunIdentity => (
        { scenario: 'target', scheme, engine: null, policy: null, connections, repeat, client: 'autocannon', target: target(url, token) });
      if (service.compareUrl) runs.push({ id: id('baseline', service.compareUrl, null), url: service.compareUrl, tokens: [] });
      runs.push({ id: id(schemeForAlg(service.token.header.alg), service.url, service.token), url: service.url, tokens: service.tokens });
    }
  }
  return runs;
}

export interface RunTargetOptions {
  service: TargetService;
  plan: TargetPlan;
  signal?: AbortSignal;
  onRunStart?: (done: number, total: number, label: string, elapsedMs: number) => void;
  deps?: LoadDeps;
}

export async function runTargetLoad({ service, plan, signal, onRunStart, deps = PROCESS_DEPS }: RunTargetOptions): Promise<LoadRun[]> {
  return runEach(expandTargetPlan(service, plan), (p) => p.id,
    ({ id, url, tokens }) => SCENARIOS.target.run({
      deps, scheme: 'baseline', policy: null, connections: id.connections, durationS: plan.durationS, tokenPoolSize: Math.max(1, tokens.length), signal,
      service: { url: url.href, method: service.method, tokens, placement: service.placement, ratePerS: service.ratePerS, workers: service.workers, allowRemote: service.allowRemote },
    }),
    signal,
    onRunStart && ((done, total, { id, url, tokens }, elapsedMs) => onRunStart(done, total, `target ${url.pathname}${tokens.length > 0 ? '' : ' (no token)'} c${id.connections}`, elapsedMs)));
}
