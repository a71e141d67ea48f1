// The report's blast-radius section: forge and replay matrices per scheme, the exposure windows,
// what an audience per service saves, and (for a topology derived from a deployment) the
// deployment as found beside the what-ifs. Every figure is the model's, from the topology.
import { h, p, table, type Block } from './blocks.js';
import { blastRadiusChart, exposureChart, replayChart } from './charts/index.js';
import { exposureOf } from './blast-radius/model.js';
import { formatMinutes, replayOf } from './blast-radius/terminal.js';
import { replayAndTimeLine, replayFigures } from './blast-radius/trust-lines.js';
import type { SchemeRadius, Topology } from './blast-radius/types.js';
import type { ReportInputs } from './report-inputs.js';

const chart = (id: string, title: string, caption: string, spec: ReturnType<typeof blastRadiusChart>): Block[] => (spec ? [{ kind: 'chart', id, title, caption, spec }] : []);

const describe = (t: Topology): string => t.services.map((s) => `${s.name}${s.issues ? ' (issuer)' : ''}${s.external ? ' (external)' : ''}${s.holds && s.holds.length > 0 ? ` [${s.holds.join(', ')}]` : ''}`).join(', ');

export function blastRadiusSection(inputs: ReportInputs, radii: SchemeRadius[]): Block[] {
  const { topology } = inputs.topology;
  const declared = radii.some((r) => replayOf(r, 'declared'));
  const deployed = radii.some((r) => r.scheme === 'as-deployed');
  const radius = inputs.radius;
  return [
    h(2, 'Blast radius'),
    p(`Row: the service an attacker compromises; column: a service that would accept the token the attacker can then mint (forge) or reuse (replay). Topology: ${describe(topology)}.${deployed ? ' as-deployed is the deployment as found: each service with the material it was found to hold; the other schemes are what-ifs over the same services.' : ''}`),
    ...(radius?.doc.derived ? [p(`Derived from ${radius.doc.source} (${radius.doc.derived.from}): ${radius.doc.derived.findings.filter((f) => f.material !== 'edge').length} holdings found; it could not decide: ${radius.doc.derived.undecided.join('; ')}.`)] : []),
    ...chart('blast-radius', 'Who can forge for whom', 'A filled cell: compromising the row service lets an attacker mint tokens the column service accepts.', blastRadiusChart(radii)),
    table(['scheme', 'minting holders', 'external', 'forgeable pairs', 'rotation touches', 'secret distribution points'],
      radii.map((r) => [r.scheme, String(r.figures.mintingHolders), String(r.figures.mintingHoldersExternal), String(r.figures.forgeablePairs), String(r.figures.rotationTouches), String(r.figures.secretDistributionPoints)])),
    ...chart('replay', 'Who can replay a stolen token to whom', 'A filled cell: a token the row service receives is accepted by the column service, with one audience for all services. A JWKS does not stop this; an audience per service does.', replayChart(radii, 'shared-audience')),
    ...(declared ? chart('replay-declared', 'Replay with the audiences the topology declares', 'As the replay chart, with the audiences and edge tokens the topology file declares.', replayChart(radii, 'declared')) : []),
    table(['scheme', 'replayable pairs, one audience', 'with an audience per service', 'saved by an audience per service', ...(declared ? ['as declared'] : []), 'forge window (worst)', 'replay window'],
      radii.map((r) => {
        const f = replayFigures(r);
        return [r.scheme, String(f.shared), String(f.perService), String(f.saved), ...(declared ? [String(replayOf(r, 'declared')?.replayablePairs ?? '-')] : []), formatMinutes(r.worstForgeWindowMinutes), formatMinutes(f.windowMinutes)];
      })),
    p(replayAndTimeLine(radii)),
    ...chart('exposure', 'Exposure windows', `How long the worst compromise stays useful, per scheme: forging until the last service holding or accepting the leaked material has rotated (a private key: the issuer's rotation plus the ${formatMinutes(exposureOf(topology).jwksCacheMinutes)} verifiers keep a JWKS), replaying until the token expires.`, exposureChart(radii)),
  ];
}
