// A micro results document from a run's parts, timed or counted alike.
import type { SkippedSpec } from '../../bench/matrix.js';
import type { EnvFingerprint } from '../../core/results/env.js';
import { MICRO_SCHEMA_VERSION } from '../../core/results/kinds.js';
import type { CaseFigure, MicroCase, MicroDocument } from '../../core/results/micro.js';

export function microDocument(env: EnvFingerprint, config: MicroDocument['config'], results: MicroCase[], skipped: readonly SkippedSpec[], figures?: CaseFigure[]): MicroDocument {
  return {
    schemaVersion: MICRO_SCHEMA_VERSION,
    kind: 'micro',
    env,
    config,
    // Skipped cases are recorded once, with their reason, so a missing row is never silent.
    cases: [...results, ...skipped.map(({ spec, reason }) => ({ ...spec, state: 'skipped' as const, reason, repeat: 0 }))],
    ...(figures === undefined ? {} : { figures }),
  };
}
