// The post-quantum section's server figures: the mldsa44 reference scheme's verify throughput
// beside the other token schemes, looked up in the load run (never typed in).
import { ALGORITHMS } from '../core/algorithms.js';
import { SERVER_ENGINE_NAMES } from '../core/engines.js';
import type { LoadDocument } from '../core/results/load.js';
import { SCHEMES, TOKEN_SCHEMES } from '../core/schemes.js';
import { h, p, table, type Block } from './blocks.js';
import { fmt, loadFigure, loadRuns, percent } from './figures.js';

/** The token schemes whose algorithm is ML-DSA (mldsa44). */
export const PQ_SCHEMES = TOKEN_SCHEMES.filter((s) => ALGORITHMS[SCHEMES[s].alg!].family === 'ml-dsa');

export function loadHasPostQuantum(doc: LoadDocument | null): boolean {
  return doc !== null && doc.runs.some((r) => r.state === 'completed' && r.scheme !== null && (PQ_SCHEMES as readonly string[]).includes(r.scheme));
}

export function serverBlocks(doc: LoadDocument | null): Block[] {
  const blocks: Block[] = [h(3, 'Server throughput')];
  if (!doc || !loadHasPostQuantum(doc)) {
    return [...blocks, p(`Server throughput of ${PQ_SCHEMES.join(', ')}: not measured (${doc ? 'the load run has no completed verify run of it' : 'no load run was given'}; run jwtbench load --schemes baseline,hs256,rs256,${PQ_SCHEMES.join(',')}).`)];
  }
  const rows = ['baseline', ...TOKEN_SCHEMES].flatMap((scheme) => (scheme === 'baseline' ? [null] : SERVER_ENGINE_NAMES).flatMap((engine) => {
    if (loadRuns(doc, 'verify', scheme, engine ?? undefined).length === 0) return [];
    const get = (f: Parameters<typeof loadFigure>[3]) => loadFigure(doc, 'verify', scheme, f, engine ?? undefined);
    return [[scheme === 'baseline' ? 'no authentication' : SCHEMES[scheme as keyof typeof SCHEMES].label, engine ?? '-',
      fmt(get((r) => r.requestsPerSec)), percent(get((r) => r.relative.requestsPerSecVsBaseline)),
      fmt(get((r) => r.serverVerifyUs?.p50), 0, ' µs'), fmt(get((r) => r.authorizationHeaderBytes))]];
  }));
  blocks.push(table(['scheme', 'engine', 'req/s', 'vs baseline', 'server verify p50', 'Authorization header bytes'], rows));
  blocks.push(p('The verify scenario of the load run at its lowest connection count, each scheme on every engine that served it. The reference verifier refuses tokens over 8 KiB before parsing; the header bytes are what each request carried.'));
  return blocks;
}
