// The algorithm's cost apart from the library's: per token scheme and engine, the micro verify
// time and the reference server's throughput, with node (node:crypto, keys prepared once) as
// "the algorithm" and jose and fast-jwt as "with your library". Every figure comes from the
// results; a scheme × engine that was not measured is left out, never estimated.
import type { LoadDocument } from '../core/results/load.js';
import type { MicroDocument } from '../core/results/micro.js';
import { SERVER_ENGINE_NAMES, type ServerEngineName } from '../core/engines.js';
import type { AlgName } from '../core/algorithms.js';
import { loadFigure, microCostVsHs256, microCostVsHs256Interval, microP50Us, microTokenBytes } from './figures.js';

export const TOKEN_SCHEME_ROWS = [
  { scheme: 'hs256', alg: 'HS256', keyBits: undefined, label: 'HS256' },
  { scheme: 'rs256', alg: 'RS256', keyBits: 2048, label: 'RS256 (2048-bit)' },
  { scheme: 'es256', alg: 'ES256', keyBits: null, label: 'ES256' },
  { scheme: 'eddsa', alg: 'EdDSA', keyBits: null, label: 'EdDSA (Ed25519)' },
] as const satisfies readonly { scheme: string; alg: AlgName; keyBits: number | null | undefined; label: string }[];

export type TokenSchemeRow = (typeof TOKEN_SCHEME_ROWS)[number];

/** What the node engine measures is the algorithm; the others add their library to it. */
export const FLOOR_ENGINE: ServerEngineName = 'node';
export const costSide = (engine: ServerEngineName) => (engine === FLOOR_ENGINE ? 'the algorithm' : 'with your library');
/** The floor first (the algorithm), then the libraries. */
export const ENGINE_ORDER: readonly ServerEngineName[] = [FLOOR_ENGINE, ...SERVER_ENGINE_NAMES.filter((e) => e !== FLOOR_ENGINE)];

export interface EngineCost {
  row: TokenSchemeRow;
  engine: ServerEngineName;
  /** micro verify latency p50 (the server figure beside it is a p50 too) */
  microVerifyUs: number | null;
  microVerifyVsHs256: number | null;
  /** that ratio's interval (paired by round, core/repeats.ts) */
  microVerifyVsHs256Interval: [number, number] | null;
  /** the micro verify case's token length */
  tokenBytes: number | null;
  serverRequestsPerSec: number | null;
  serverVsBaseline: number | null;
  serverVsHs256: number | null;
  serverVerifyP50Us: number | null;
  authorizationHeaderBytes: number | null;
}

export function engineCosts(micro: MicroDocument | null, load: LoadDocument | null): EngineCost[] {
  return TOKEN_SCHEME_ROWS.flatMap((row) => ENGINE_ORDER.map((engine): EngineCost => {
    const pick = { alg: row.alg, keyBits: row.keyBits, op: 'verify' as const, engine };
    const lf = (get: Parameters<typeof loadFigure>[3]) => (load ? loadFigure(load, 'verify', row.scheme, get, engine) : null);
    return {
      row, engine,
      microVerifyUs: micro ? microP50Us(micro, pick) : null,
      microVerifyVsHs256: micro ? microCostVsHs256(micro, pick) : null,
      microVerifyVsHs256Interval: micro ? microCostVsHs256Interval(micro, pick) : null,
      tokenBytes: micro ? microTokenBytes(micro, pick) : null,
      serverRequestsPerSec: lf((r) => r.requestsPerSec),
      serverVsBaseline: lf((r) => r.relative.requestsPerSecVsBaseline),
      serverVsHs256: lf((r) => r.relative.requestsPerSecVsHs256),
      serverVerifyP50Us: lf((r) => r.serverVerifyUs?.p50),
      authorizationHeaderBytes: lf((r) => r.authorizationHeaderBytes),
    };
  })).filter((c) => c.microVerifyUs !== null || c.serverRequestsPerSec !== null);
}

export const costOf = (costs: EngineCost[], scheme: string, engine: ServerEngineName) => costs.find((c) => c.row.scheme === scheme && c.engine === engine) ?? null;

/** The Authorization header bytes of a scheme as the load run sent them (the same on every engine). */
export function headerBytes(costs: EngineCost[], scheme: string): number | null {
  return costs.find((c) => c.row.scheme === scheme && c.authorizationHeaderBytes !== null)?.authorizationHeaderBytes ?? null;
}
