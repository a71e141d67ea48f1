// What `jwtbench radius` prints: one line of figures per scheme, then per scheme its forge and
// replay matrices (row: compromised service; column: service that would accept the token).
import { renderTable } from '../../core/table.js';
import type { RadiusDocument } from '../../core/results/radius.js';
import type { AudiencePolicy, SchemeRadius } from './types.js';

const CELL = { yes: 'x', no: '.', self: '-' } as const;

/** Minutes in days, hours and minutes: "1 h 10 min", "1 d", "7 d". */
export function formatMinutes(minutes: number | null): string {
  if (minutes === null) return '-';
  const parts = [[Math.floor(minutes / 1440), 'd'], [Math.floor((minutes % 1440) / 60), 'h'], [Math.round((minutes % 60) * 100) / 100, 'min']] as const;
  return parts.filter(([n]) => n > 0).map(([n, unit]) => `${n} ${unit}`).join(' ') || '0 min';
}

export const replayOf = (r: SchemeRadius, policy: AudiencePolicy) => r.replay.find((x) => x.policy === policy) ?? null;

function matrix(title: string, services: string[], cells: boolean[][]): string {
  const header = [title, ...services.map((_, i) => String(i + 1))];
  const rows = services.map((name, a) => [`${i1(a)} ${name}`, ...services.map((__, b) => (a === b ? CELL.self : cells[a]![b] ? CELL.yes : CELL.no))]);
  return renderTable(header, rows);
}
const i1 = (i: number): string => `${i + 1}`.padStart(2);

/** The figures table: one row per scheme. */
export function figuresTable(doc: RadiusDocument): string {
  const declared = doc.schemes.some((r) => replayOf(r, 'declared'));
  const header = ['scheme', 'minting holders', 'forgeable pairs', 'replayable: one aud', 'aud per service', ...(declared ? ['as declared'] : []), 'forge window (worst)', 'replay window', 'rotation touches'];
  const rows = doc.schemes.map((r) => [
    r.scheme, String(r.figures.mintingHolders), String(r.figures.forgeablePairs),
    String(replayOf(r, 'shared-audience')?.replayablePairs ?? '-'), String(replayOf(r, 'per-service-audience')?.replayablePairs ?? '-'),
    ...(declared ? [String(replayOf(r, 'declared')?.replayablePairs ?? '-')] : []),
    formatMinutes(r.worstForgeWindowMinutes), formatMinutes(replayOf(r, 'shared-audience')?.replayWindowMinutes ?? null), String(r.figures.rotationTouches),
  ]);
  return renderTable(header, rows);
}

export function renderRadius(doc: RadiusDocument): string {
  const e = doc.exposure;
  const parts = [
    `topology "${doc.topology.name}" from ${doc.source}: ${doc.topology.services.length} services, ${doc.topology.edges.length} edges`,
    `exposure: tokens live ${formatMinutes(e.tokenLifetimeMinutes)}; a holder rotates in ${formatMinutes(e.rotationMinutes)} unless it says otherwise; verifiers cache a JWKS ${formatMinutes(e.jwksCacheMinutes)}`,
    '',
    figuresTable(doc),
  ];
  for (const r of doc.schemes) {
    parts.push('', `${r.scheme}: ${CELL.yes} = the column accepts what compromising the row yields`);
    parts.push(matrix('forge', r.services, r.forgeable));
    for (const replay of r.replay.filter((x) => x.policy !== 'per-service-audience' || x.replayablePairs > 0)) {
      parts.push('', matrix(`replay (${replay.policy})`, r.services, replay.replayable));
    }
    parts.push(`forge window per compromised service: ${r.services.map((s, i) => `${s} ${formatMinutes(r.forgeWindowMinutes[i] ?? null)}`).join(', ')}`);
  }
  return parts.join('\n');
}
