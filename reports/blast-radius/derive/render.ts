// What a derivation prints: every finding with its file:line, then what it could not decide.
import { renderTable } from '../../../core/table.js';
import type { Derivation } from './derivation.js';

export function renderDerivation(d: Derivation): string {
  const holders = d.topology.services.filter((s) => (s.holds ?? []).length > 0);
  const table = renderTable(['service', 'found', 'what', 'where'],
    d.findings.map((f) => [f.service, f.material, f.how, `${f.file}:${f.line}`]), [0, 1, 2, 3]);
  return [
    `found ${d.findings.length} thing(s) in ${d.topology.services.length} services; ${holders.length} hold key material: ${holders.map((s) => `${s.name} (${s.holds!.join(', ')})`).join(', ') || 'none'}`,
    '',
    table,
    '',
    'could not decide:',
    ...d.undecided.map((u) => `  - ${u}`),
  ].join('\n');
}
