// From what a deployment's files show (which service holds what, who calls whom) to a topology:
// holders of the secret or of a JWKS URL verify, the holder of a private key issues (else the
// secret holder whose name says it issues), and edges lead only to services that verify. What
// this cannot decide goes into `undecided`, one line each.
import type { Finding } from '../../../core/results/radius.js';
import type { Edge, HeldMaterial, Service, Topology } from '../types.js';
import { looksLikeIssuer } from './names.js';

export interface Derivation {
  topology: Topology;
  findings: Finding[];
  undecided: string[];
}

export interface Found {
  /** service names, in file order */
  services: string[];
  findings: Finding[];
  undecided: string[];
}

export function derive(name: string, description: string, found: Found): Derivation {
  const undecided = [...found.undecided];
  const holds = new Map<string, Set<HeldMaterial>>(found.services.map((s) => [s, new Set()]));
  for (const f of found.findings) if (f.material !== 'edge') holds.get(f.service)?.add(f.material);
  const holding = (m: HeldMaterial): string[] => found.services.filter((s) => holds.get(s)!.has(m));

  let issuers = holding('private-key');
  if (issuers.length === 0) {
    const secretHolders = holding('secret');
    const named = secretHolders.filter(looksLikeIssuer);
    issuers = named.length > 0 ? named.slice(0, 1) : secretHolders.slice(0, 1);
    if (issuers.length > 0 && named.length !== 1) undecided.push(`which service issues tokens: no private key found; took "${issuers[0]}" (${named.length === 0 ? 'the first holder of the secret' : `of ${named.join(', ')}, the first`}); set "issues" in the topology if another does`);
  }
  if (issuers.length === 0) {
    undecided.push('which service issues tokens: no service holds the secret or a private key; took the first service so the topology is valid');
    issuers = found.services.slice(0, 1);
  }
  const services: Service[] = found.services.map((s) => {
    const held = [...holds.get(s)!];
    const issues = issuers.includes(s);
    const verifies = !issues && (held.includes('secret') || held.includes('jwks'));
    return { name: s, ...(issues ? { issues: true } : {}), ...(verifies ? { verifies: true } : {}), ...(held.length > 0 ? { holds: held } : { holds: [] }) };
  });
  if (services.some((s) => s.issues && s.holds?.includes('secret')) || services.some((s) => s.issues && s.holds?.includes('jwks'))) {
    undecided.push('whether the issuer also verifies tokens: taken as not (set "verifies": true on it if it does)');
  }
  const secretVerifiers = services.filter((s) => s.verifies && s.holds?.includes('secret')).map((s) => s.name);
  if (secretVerifiers.length > 0) undecided.push(`whether each holder of the secret checks tokens: taken as yes for ${secretVerifiers.join(', ')} (set "verifies": false on one that only mints)`);
  const verifiers = new Set(services.filter((s) => s.verifies).map((s) => s.name));
  const seen = new Set<string>();
  const edges: Edge[] = [];
  let dropped = 0;
  for (const f of found.findings.filter((x) => x.material === 'edge')) {
    const to = f.how.replace(/^calls /, '').split(' ')[0]!;
    const key = `${f.service}>${to}`;
    if (f.service === to || seen.has(key)) continue;
    seen.add(key);
    if (verifiers.has(to)) edges.push({ from: f.service, to });
    else dropped += 1;
  }
  if (dropped > 0) undecided.push(`${dropped} call(s) lead to services that hold no key material (databases, caches, a service that checks no token): left out, since no token is checked there`);
  undecided.push('which token each call presents: taken as the caller forwarding the token it received (set "token": "own" on an edge that gets its own)');
  return { topology: { name, description, services, edges }, findings: found.findings, undecided };
}
