// One heatmap per scheme, side by side with the same service order, so the schemes compare at
// a glance: row = the service an attacker compromises, column = a service that then accepts
// the token the attacker mints (forge) or replays (replay). The scheme's headline figures go in
// each panel's header.
import type { TopLevelSpec } from 'vega-lite';
import type { AudiencePolicy, BlastRadius, SchemeRadius } from '../blast-radius/types.js';
import { SCHEMA, uniq } from './throughput.js';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
const SELF = 'same service';

interface Panel {
  scheme: string;
  services: string[];
  cells: boolean[][];
  /** the figures under the scheme's name, one per header line */
  figures: string[];
}

interface MatrixChart {
  title: string;
  subtitle: string;
  xTitle: string;
  yes: string;
  no: string;
}

function matrixChart(panels: Panel[], c: MatrixChart): TopLevelSpec | null {
  const usable = panels.filter((r) => r.services.length > 0);
  if (usable.length === 0) return null;
  // The panel header carries the figures, one per line (split below) so it fits over a narrow panel.
  const panel = (r: Panel): string => [r.scheme, ...r.figures].join('\n');
  const values = usable.flatMap((r) => r.services.flatMap((compromised, a) => r.services.map((victim, b) => ({
    panel: panel(r), scheme: r.scheme, compromised, victim, status: a === b ? SELF : r.cells[a]?.[b] ? c.yes : c.no,
  }))));
  const services = uniq(usable.flatMap((r) => r.services));
  // Cells sized so all panels together stay near 560 px (labels take the rest), but stay legible.
  const step = Math.max(12, Math.min(28, Math.floor(400 / (usable.length * services.length))));
  return {
    $schema: SCHEMA,
    title: { text: c.title, subtitle: c.subtitle },
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
        x: { field: 'victim', type: 'nominal', title: c.xTitle, sort: services, axis: { labelAngle: -45 } },
        color: { field: 'status', type: 'nominal', title: null, scale: { domain: [c.yes, c.no, SELF], range: ['#d62728', '#e8e8e8', '#bdbdbd'] } },
        tooltip: [
          { field: 'scheme', title: 'scheme' }, { field: 'compromised', title: 'compromised' }, { field: 'victim', title: 'victim' }, { field: 'status', title: 'result' },
        ],
      },
    },
  };
}

export function blastRadiusChart(radii: BlastRadius[]): TopLevelSpec | null {
  return matrixChart(radii.map((r) => ({
    scheme: r.scheme, services: r.services, cells: r.forgeable,
    figures: [plural(r.figures.forgeablePairs, 'forgeable pair'), plural(r.figures.mintingHolders, 'minting holder')],
  })), {
    title: 'Blast radius: who can forge tokens for whom',
    subtitle: 'row: compromised service; column: service that would accept the forged token',
    xTitle: 'accepts forged tokens', yes: 'can forge', no: 'cannot forge',
  });
}

/** Who can replay a token it received to whom, under one audience policy. */
export function replayChart(radii: SchemeRadius[], policy: AudiencePolicy): TopLevelSpec | null {
  const panels = radii.flatMap((r) => {
    const replay = r.replay.find((x) => x.policy === policy);
    return replay ? [{ scheme: r.scheme, services: r.services, cells: replay.replayable, figures: [plural(replay.replayablePairs, 'replayable pair')] }] : [];
  });
  return matrixChart(panels, {
    title: `Replay: who can reuse a stolen token against whom (${policy})`,
    subtitle: 'row: compromised service, holding every token sent to it; column: service that would accept one of them',
    xTitle: 'accepts a replayed token', yes: 'can replay', no: 'cannot replay',
  });
}
