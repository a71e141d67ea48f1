// One heatmap per key scheme, side by side with the same service order, so the schemes compare at
// a glance: row = the service an attacker compromises, column = a service that then accepts
// tokens the attacker mints. The scheme's headline figures go in each panel's header.
import type { TopLevelSpec } from 'vega-lite';
import type { BlastRadius } from '../blast-radius/types.js';
import { SCHEMA, uniq } from './throughput.js';

const CAN = 'can forge';
const CANNOT = 'cannot forge';
const SELF = 'same service';
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export function blastRadiusChart(radii: BlastRadius[]): TopLevelSpec | null {
  const usable = radii.filter((r) => r.services.length > 0);
  if (usable.length === 0) return null;
  // The panel header carries the figures, one per line (split below) so it fits over a narrow panel.
  const panel = (r: BlastRadius): string => `${r.scheme}\n${plural(r.figures.forgeablePairs, 'forgeable pair')}\n${plural(r.figures.mintingHolders, 'minting holder')}`;
  const values = usable.flatMap((r) => r.services.flatMap((compromised, a) => r.services.map((victim, b) => ({
    panel: panel(r), scheme: r.scheme, compromised, victim, status: a === b ? SELF : r.forgeable[a]?.[b] ? CAN : CANNOT,
  }))));
  const services = uniq(usable.flatMap((r) => r.services));
  // Cells sized so all panels together stay near 560 px (labels take the rest), but stay legible.
  const step = Math.max(12, Math.min(28, Math.floor(400 / (usable.length * services.length))));
  return {
    $schema: SCHEMA,
    title: { text: 'Blast radius: who can forge tokens for whom', subtitle: 'row: compromised service; column: service that would accept the forged token' },
    data: { values },
    facet: {
      column: { field: 'panel', type: 'nominal', title: null, sort: usable.map(panel), header: { labelExpr: "split(datum.value, '\\n')", labelFontSize: 11 } },
    },
    spacing: 16,
    spec: {
      width: { step },
      height: { step },
      mark: { type: 'rect', stroke: 'white', strokeWidth: 1 },
      encoding: {
        y: { field: 'compromised', type: 'nominal', title: 'compromised service', sort: services },
        x: { field: 'victim', type: 'nominal', title: 'accepts forged tokens', sort: services, axis: { labelAngle: -45 } },
        color: { field: 'status', type: 'nominal', title: null, scale: { domain: [CAN, CANNOT, SELF], range: ['#d62728', '#e8e8e8', '#bdbdbd'] } },
        tooltip: [
          { field: 'scheme', title: 'scheme' }, { field: 'compromised', title: 'compromised' }, { field: 'victim', title: 'victim' }, { field: 'status', title: 'result' },
        ],
      },
    },
  };
}
