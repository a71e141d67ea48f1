// The trust figures the report and the decision record state in words: replay with one audience
// against an audience per service, and how long a compromise stays useful. Read from the radii;
// every number is the model's.
import { formatMinutes, replayOf } from './terminal.js';
import type { SchemeRadius } from './types.js';

export interface ReplayFigures {
  /** replayable pairs with one audience for all services */
  shared: number;
  /** with an audience per service (a token per callee) */
  perService: number;
  /** pairs an audience per service removes */
  saved: number;
  /** the token lifetime, when anything replays */
  windowMinutes: number | null;
}

export function replayFigures(r: SchemeRadius): ReplayFigures {
  const shared = replayOf(r, 'shared-audience');
  const perService = replayOf(r, 'per-service-audience')?.replayablePairs ?? 0;
  return { shared: shared?.replayablePairs ?? 0, perService, saved: (shared?.replayablePairs ?? 0) - perService, windowMinutes: shared?.replayWindowMinutes ?? null };
}

/** One paragraph: replay under each key scheme and what an audience per service saves, then the windows. */
export function replayAndTimeLine(radii: SchemeRadius[]): string {
  const by = (scheme: string) => radii.find((r) => r.scheme === scheme);
  const shared = by('hs256-shared')!;
  const jwks = by('jwks')!;
  const rs = replayFigures(shared);
  const rj = replayFigures(jwks);
  const deployed = by('as-deployed');
  const asFound = deployed ? ` As deployed, ${deployed.figures.forgeablePairs} pairs are forgeable and ${replayFigures(deployed).shared} can replay, for up to ${formatMinutes(deployed.worstForgeWindowMinutes)} and ${formatMinutes(replayFigures(deployed).windowMinutes)}.` : '';
  return `Replay: a compromised service can reuse the tokens it receives. With one audience for all services, ${rj.shared} (compromised, victim) pairs can replay under a JWKS and ${rs.shared} under a shared secret (signing does not stop replay); with each service its own audience, ${rj.perService} and ${rs.perService}. `
    + `Time: a replayed token is good for ${formatMinutes(rj.windowMinutes ?? rs.windowMinutes)} (the token lifetime); leaked minting material until the last holder has rotated: ${formatMinutes(shared.worstForgeWindowMinutes)} with a shared secret, ${formatMinutes(jwks.worstForgeWindowMinutes)} with a JWKS.${asFound}`;
}
