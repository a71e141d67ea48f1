// Where a request carries its token, as headers: `Authorization: Bearer`, a header of its own,
// or a cookie. One definition for the load client, the control request and the Artillery export.
import type { TokenPlacement } from './results/names.js';

export interface Placement {
  kind: TokenPlacement;
  /** the header or cookie name; null for bearer */
  name: string | null;
}

export function authHeaders(placement: Placement, token: string): Record<string, string> {
  if (placement.kind === 'bearer') return { authorization: `Bearer ${token}` };
  if (placement.kind === 'header') return { [placement.name!.toLowerCase()]: token };
  return { cookie: `${placement.name!}=${token}` };
}

/** How summaries describe a placement. */
export function describePlacement(placement: Placement): string {
  return placement.kind === 'bearer' ? 'Authorization: Bearer' : placement.kind === 'header' ? `header ${placement.name}` : `cookie ${placement.name}`;
}
