// The numbers the report's text quotes, looked up in the results (never typed in). Each
// returns null when the run did not measure it, and the text then says so.
import type { CompletedRun, LoadDocument } from '../core/results/load.js';
import type { CompletedCase, MicroDocument } from '../core/results/micro.js';
import { SERVER_ENGINE_NAMES, type ServerEngineName } from '../core/engines.js';
import { median } from '../core/stats.js';
import { caseFigures, formatReach, type CaseFigure } from '../core/repeats.js';


export interface MicroPick {
  alg: string;
  keyBits?: number | null;
  op: 'sign' | 'verify';
  engine?: string;
}

/** The completed cases the text talks about: 1 thread, the first payload, prepared keys. */
export function microCases(doc: MicroDocument, pick: MicroPick): CompletedCase[] {
  const payload = doc.cases[0]?.payload;
  return doc.cases.filter((c): c is CompletedCase => c.state === 'completed' && c.threads === 1 && c.payload === payload
    && c.keyPrep === 'prepared' && c.alg === pick.alg && c.op === pick.op && c.engine === (pick.engine ?? 'jose')
    && (pick.keyBits === undefined || c.keyBits === pick.keyBits));
}

/** The case's figure over its repeats (core/repeats.ts), as the charts and the terminal table show it. */
export function microFigure(doc: MicroDocument, pick: MicroPick): CaseFigure | null {
  const cases = microCases(doc, pick);
  if (cases.length === 0) return null;
  const all = doc.cases.filter((c): c is CompletedCase => c.state === 'completed');
  return caseFigures(all).find((f) => f.id === cases[0]!.id) ?? null;
}

/**
 * The engine the text quotes for an algorithm: jose, or where jose did not run it (ML-DSA before
 * Node 24.7) the first engine that did, so a measured figure is never called "not measured".
 */
export function quotedEngine(doc: MicroDocument, pick: Omit<MicroPick, 'engine'>): string {
  if (microCases(doc, { ...pick, engine: 'jose' }).length > 0) return 'jose';
  const payload = doc.cases[0]?.payload;
  return doc.cases.find((c) => c.state === 'completed' && c.threads === 1 && c.payload === payload && c.keyPrep === 'prepared'
    && c.alg === pick.alg && c.op === pick.op && (pick.keyBits === undefined || c.keyBits === pick.keyBits))?.engine ?? 'jose';
}

export function microOpsPerSec(doc: MicroDocument, pick: MicroPick): number | null {
  return microFigure(doc, pick)?.opsPerSec ?? null;
}

export function microCostVsHs256(doc: MicroDocument, pick: MicroPick): number | null {
  return microFigure(doc, pick)?.costVsHs256?.value ?? null;
}

/** The interval of that ratio (core/repeats.ts: from the rounds both cases ran in). */
export function microCostVsHs256Interval(doc: MicroDocument, pick: MicroPick): [number, number] | null {
  return microFigure(doc, pick)?.costVsHs256?.interval ?? null;
}

/** The runs of one scenario and scheme on one engine (jose unless named; the baseline has none). */
export function loadRuns(doc: LoadDocument, scenario: string, scheme: string, engine?: ServerEngineName): CompletedRun[] {
  const connections = Math.min(...doc.config.connections);
  const onEngine = scheme === 'baseline' ? null : engine ?? 'jose';
  return doc.runs.filter((r): r is CompletedRun => r.state === 'completed' && r.scenario === scenario && r.scheme === scheme
    && r.engine === onEngine && r.connections === connections);
}

/** jose, or where the load run has no jose verify run of the scheme (mldsa44 before Node 24.7), the first engine that has one. */
export function loadEngineOf(doc: LoadDocument, scheme: string): ServerEngineName | undefined {
  if (scheme === 'baseline' || loadRuns(doc, 'verify', scheme, 'jose').length > 0) return undefined;
  return SERVER_ENGINE_NAMES.find((e) => loadRuns(doc, 'verify', scheme, e).length > 0);
}

export function loadFigure(doc: LoadDocument, scenario: string, scheme: string, get: (r: CompletedRun) => number | null | undefined, engine?: ServerEngineName): number | null {
  return median(loadRuns(doc, scenario, scheme, engine).map(get).filter((x): x is number => typeof x === 'number'));
}

/** The median latency of a case: on a shared machine the mean carries every interruption, the median few. */
export function microP50Us(doc: MicroDocument, pick: MicroPick): number | null {
  return median(microCases(doc, pick).map((c) => c.latencyNs.p50 / 1000));
}

/** The token length of a micro case (the same for every repeat). */
export function microTokenBytes(doc: MicroDocument, pick: MicroPick): number | null {
  return median(microCases(doc, pick).map((c) => c.tokenBytes).filter((x): x is number => typeof x === 'number'));
}

export function fmt(value: number | null, digits = 0, unit = ''): string {
  if (value === null) return 'not measured';
  const text = value >= 1000 ? Math.round(value).toLocaleString('en-US') : value.toFixed(digits);
  return `${text}${unit}`;
}

export function times(value: number | null): string {
  if (value === null) return 'not measured';
  // Two significant figures below 1: 0.093 and 0.117 are not both "0.1×".
  return `${value >= 10 ? value.toFixed(0) : value >= 1 ? value.toFixed(1) : value.toPrecision(2)}×`;
}

export function percent(value: number | null): string {
  return value === null ? 'not measured' : `${Math.round(value * 100)}%`;
}

/** ops/s with its interval's reach, and † when the figure is unstable (the reasons are listed with the figures). */
export function opsWithReach(f: CaseFigure | null): string {
  if (f === null) return 'not measured';
  return `${fmt(f.opsPerSec)}${f.repeats > 1 ? ` ${formatReach(f.opsPerSec, f.opsPerSecInterval)}` : ''}${f.unstable === null ? '' : ' †'}`;
}

/** A ratio with its interval: "2.2× (2.0–2.4)". */
export function timesWithInterval(r: { value: number; interval: readonly [number, number] } | null): string {
  if (r === null) return 'not measured';
  // HS256 against itself: the bare figure. Any other interval keeps a digit more until its ends differ.
  if (r.interval[0] === r.interval[1]) return times(r.value);
  for (let digits = 2; digits <= 4; digits++) {
    const [lo, hi] = r.interval.map((x) => x.toPrecision(digits));
    if (lo !== hi || digits === 4) return `${times(r.value)} (${lo}–${hi})`;
  }
  return times(r.value);
}
