// micro --runtime's closing table in the terminal: RS256 ÷ HS256 verify per runtime and engine.
import { enginesOf, rs256OverHs256Verify, runtimePoints, type RuntimeDoc } from '../../reports/runtime-figures.js';
import { renderTable } from '../../core/table.js';

export function runtimeRatioLines(docs: readonly RuntimeDoc[]): string[] {
  if (docs.length === 0) return ['no runtime wrote results'];
  const points = runtimePoints(docs);
  const engines = enginesOf(docs).filter((e) => docs.some((d) => rs256OverHs256Verify(points, d.label, e) !== null));
  const cell = (runtime: string, engine: string) => {
    const r = rs256OverHs256Verify(points, runtime, engine);
    return r === null ? '-' : `${r.toFixed(2)}x`;
  };
  return [
    'RS256 verify time per operation ÷ HS256 verify, same runtime and engine (1 thread; above 1: RS256 costs more):',
    renderTable(['runtime', ...engines], docs.map((d) => [d.label, ...engines.map((e) => cell(d.label, e))])),
  ];
}
