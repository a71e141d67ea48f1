// Capacity in the reader's units: how many cores it takes to serve R verified requests per
// second, per scheme. A linear model (cores = R × server CPU time per request) built from one
// measured figure per scheme: the verifier's CPU time per request in the verify load scenario
// at the lowest connection count. It ignores headroom, the network stack outside the process
// and how a real service's own work adds; the report says so beside it.
import type { CompletedRun, LoadDocument } from '../core/results/load.js';
import type { ServerEngineName } from '../core/engines.js';
import { loadFigure } from './figures.js';

export interface CapacityRow {
  /** scheme, with the server engine when the runs record one: "rs256 (jose)" */
  scheme: string;
  /** the scheme and the engine apart, to look a row up by */
  base: string;
  engine: string | null;
  cpuPerRequestUs: number;
  /** cores needed at each target rate, in the order of targetRps */
  cores: number[];
  /** cores over HS256 / over the no-auth baseline at each rate; null when that scheme was not measured */
  overHs256Cores: (number | null)[] | null;
  overBaselineCores: (number | null)[] | null;
  /** cost per month at each rate, when a core's monthly cost was given */
  costPerMonth: number[] | null;
}

export interface Capacity {
  targetRps: number[];
  coreCostPerMonth: number | null;
  rows: CapacityRow[];
  /** where the figures came from, named on the page */
  figure: string;
}

/** The engine a server ran on, once load runs record one (older runs: the default server). */
const engineOf = (r: CompletedRun): string | null => (r as { engine?: unknown }).engine as string | undefined ?? null;

export const coresFor = (rps: number, cpuPerRequestUs: number): number => (rps * cpuPerRequestUs) / 1e6;

export function capacity(doc: LoadDocument, targetRps: number[], coreCostPerMonth: number | null): Capacity | null {
  const verify = doc.runs.filter((r): r is CompletedRun => r.state === 'completed' && r.scenario === 'verify');
  const keys = [...new Set(verify.map((r) => JSON.stringify([r.scheme, engineOf(r)])))].map((k) => JSON.parse(k) as [string, string | null]);
  const measured = keys.flatMap(([scheme, engine]) => {
    // On that engine: each engine's servers are rows of their own (the floor beside jose).
    const cpu = loadFigure(doc, 'verify', scheme, (r) => r.serverCpuPerRequestUs, (engine ?? undefined) as ServerEngineName | undefined);
    return cpu === null || cpu <= 0 ? [] : [{ scheme: engine === null ? scheme : `${scheme} (${engine})`, base: scheme, engine, cpu }];
  });
  if (measured.length === 0) return null;
  // The same engine's HS256, or nothing: another library's would mix library costs. Only the
  // baseline, which runs on no engine, is the same row for every engine.
  const cpuOf = (scheme: string, engine: string | null) => measured.find((m) => m.base === scheme && (scheme === 'baseline' || m.engine === engine))?.cpu ?? null;
  const over = (cpu: number, other: number | null) => (other === null ? null : targetRps.map((rps) => coresFor(rps, cpu) - coresFor(rps, other)));
  return {
    targetRps,
    coreCostPerMonth,
    figure: 'serverCpuPerRequestUs of the verify scenario (median over repeats, lowest connection count)',
    rows: measured.map((m) => ({
      scheme: m.scheme,
      base: m.base,
      engine: m.engine,
      cpuPerRequestUs: m.cpu,
      cores: targetRps.map((rps) => coresFor(rps, m.cpu)),
      overHs256Cores: m.base === 'hs256' || m.base === 'baseline' ? null : over(m.cpu, cpuOf('hs256', m.engine)),
      overBaselineCores: m.base === 'baseline' ? null : over(m.cpu, cpuOf('baseline', m.engine)),
      costPerMonth: coreCostPerMonth === null ? null : targetRps.map((rps) => coresFor(rps, m.cpu) * coreCostPerMonth),
    })),
  };
}

/** Cores to two significant figures: 0.042, 0.42, 4.2, 42, 420. */
export function fmtCores(cores: number | null): string {
  if (cores === null) return 'not measured';
  if (cores === 0) return '0';
  return Number(cores.toPrecision(2)).toLocaleString('en-US', { maximumFractionDigits: 6 });
}
