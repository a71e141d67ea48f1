// The runtimes section: with micro runs from more than one runtime (micro --runtime), the
// headline question answered on each (RS256 ÷ HS256 verify, per engine), every case a runtime
// could not run with its reason, and the figures side by side.
import { h, list, p, table, type Block } from './blocks.js';
import { runtimesChart } from './charts/runtimes.js';
import type { RunGroup } from './inputs/group-runs.js';
import { runtimeWithCrypto } from './inputs/environment.js';
import { enginesOf, postQuantumCells, rs256OverHs256Verify, runtimeOf, runtimePoints, unsupportedCells, type RuntimeDoc } from './runtime-figures.js';
import { fmt, times } from './figures.js';

/** What each engine means on a runtime that is not Node: its node:crypto is a compatibility layer. */
const ENGINE_NOTES: Record<string, string> = {
  node: 'node:crypto (on Bun and Deno, their Node compatibility layer)',
  'fast-jwt': 'fast-jwt (node:crypto underneath: on Bun and Deno, their compatibility layer)',
  webcrypto: 'crypto.subtle with keys imported once (the WebCrypto floor)',
  jose: 'jose (WebCrypto)',
};

export function runtimesSection(groups: RunGroup[]): Block[] {
  const docs: RuntimeDoc[] = groups.flatMap((g) => (g.micro && g.micro.doc.config.measure !== 'instructions' ? [{ label: runtimeOf(g.env), doc: g.micro.doc }] : []));
  if (new Set(docs.map((d) => d.label)).size < 2) return [];
  const points = runtimePoints(docs);
  const engines = enginesOf(docs);
  const blocks: Block[] = [h(2, 'Runtimes')];
  blocks.push(p(`The same micro run on ${docs.length} runtimes, one after another on this machine: ${groups.filter((g) => g.micro).map((g) => `${runtimeOf(g.env)} (${runtimeWithCrypto(g.env)})`).join('; ')}. Engines: ${engines.map((e) => ENGINE_NOTES[e] ?? e).join('; ')}. Each was checked across runtimes first: a token signed there verifies on the host Node and the other way round.`));

  const withRatio = engines.filter((e) => docs.some((d) => rs256OverHs256Verify(points, d.label, e) !== null));
  if (withRatio.length > 0) {
    blocks.push(h(3, 'RS256 against HS256, runtime by runtime'));
    blocks.push(p('RS256 verify time per operation ÷ HS256 verify\'s, on the same runtime with the same engine (above 1×: RS256 costs more). Where these differ, the headline question has a different answer on each runtime.'));
    blocks.push(table(['runtime', ...withRatio], docs.map((d) => [d.label, ...withRatio.map((e) => times(rs256OverHs256Verify(points, d.label, e)))])));
    const lines = withRatio.map((e) => `RS256/HS256 verify on ${e}: ${docs.map((d) => `${d.label} ${times(rs256OverHs256Verify(points, d.label, e))}`).join(', ')}.`);
    blocks.push(list(lines));
  }
  const chart = runtimesChart(points);
  if (chart) blocks.push({ kind: 'chart', id: 'runtimes', title: 'Sign and verify per runtime', caption: 'Operations per second of the headline cases, a panel per engine and op, a colour per runtime (log scale).', spec: chart });

  const pq = postQuantumCells(docs);
  if (pq.length > 0) {
    const pqEngines = [...new Set(pq.map((c) => c.engine))];
    const pqRuntimes = [...new Set(pq.map((c) => c.runtime))];
    blocks.push(h(3, 'ML-DSA-44, native and pure JavaScript'));
    blocks.push(p('Operations per second on each runtime, and (×) the time per operation against RS256-2048\'s with the same engine on the same runtime (noble-pq, pure JavaScript with no RS256, against the node:crypto floor\'s). node, jose and webcrypto sign ML-DSA natively where the runtime has it.'));
    for (const op of ['verify', 'sign'] as const) {
      blocks.push(table([`${op}`, ...pqEngines], pqRuntimes.map((rt) => [rt, ...pqEngines.map((e) => {
        const c = pq.find((x) => x.runtime === rt && x.engine === e && x.op === op);
        return c ? `${fmt(c.opsPerSec)} (${times(c.vsRs256)})` : 'not run';
      })])));
    }
  }

  const cells = unsupportedCells(docs);
  blocks.push(h(3, 'What a runtime could not run'));
  blocks.push(cells.length === 0
    ? p('Every selected case ran on every runtime.')
    : table(['runtime', 'engine', 'cases', 'unsupported: why'], cells.map((c) => [c.runtime, c.engine, c.cases, c.reason.replace(/^unsupported: /, '')])));
  return blocks;
}
