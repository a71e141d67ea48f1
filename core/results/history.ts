// One entry of a history store (`jwtbench history add`): a run's headline figures, keyed by the
// commit it measured, its branch, its environment and a label, so that `history changes` and
// `history report` can read a series without the run's whole results files. Published as
// history.schema.json (npm run schemas); every entry is checked against it when read.
import { Type, type Static } from '@sinclair/typebox';
import type { EnvFingerprintSchema } from './env.js';
import { mapOf, nullable, oneOf, ref } from './schema-kit.js';

export const HISTORY_SCHEMA_VERSION = 1;
export const HISTORY_MEASURES = ['time', 'instructions'] as const;
export type HistoryMeasure = (typeof HISTORY_MEASURES)[number];

export const HistoryPointSchema = Type.Object({
  /** the case, prefixed by what measured it: micro/<case id>, load/<run key>, instructions/<case id> */
  case: Type.String({ minLength: 1 }),
  measure: oneOf(HISTORY_MEASURES, { description: 'time (rates) and instruction counts are separate series' }),
  unit: Type.String({ minLength: 1, description: 'ops/s, req/s or instructions/op' }),
  better: oneOf(['higher', 'lower'], { description: 'which way is an improvement' }),
  value: Type.Number({ exclusiveMinimum: 0 }),
  interval: nullable(Type.Tuple([Type.Number(), Type.Number()], { description: "where another run's figure should fall, from the run's own repeats; null when the run has one figure" })),
  /** the key of the environment it was measured on: an entry of `environments` */
  env: Type.String({ minLength: 1 }),
});
export type HistoryPoint = Static<typeof HistoryPointSchema>;

export const HistoryEntrySchema = Type.Object({
  schemaVersion: Type.Literal(HISTORY_SCHEMA_VERSION),
  kind: Type.Literal('history-entry'),
  /** unique within a store: <author time>-<commit>-<content hash>, also the entry's file name in a folder store */
  id: Type.String({ pattern: '^[0-9A-Za-z._-]+$' }),
  commit: nullable(Type.String({ minLength: 1 })),
  authorTime: nullable(Type.String({ format: 'date-time', description: "the commit's author time; null when git could not tell it (the run's start orders it then)" })),
  branch: nullable(Type.String({ minLength: 1 })),
  label: nullable(Type.String({ minLength: 1, description: '--label: anything else that tells runs of one commit apart, e.g. the dependency version under test' })),
  startedAt: Type.String({ format: 'date-time', description: 'when the earliest of its results files started' }),
  addedAt: Type.String({ format: 'date-time' }),
  sources: Type.Array(Type.String(), { description: 'the results paths it was read from, as given' }),
  environments: mapOf(ref<typeof EnvFingerprintSchema>('env.schema.json')),
  points: Type.Array(HistoryPointSchema, { minItems: 1 }),
}, {
  $id: 'https://jwtbench.dev/schemas/history.schema.json',
  title: 'jwtbench history entry',
  description: "One run in a history store: its headline figures, keyed by commit, branch, environment and label (jwtbench history add).",
});
export type HistoryEntry = Static<typeof HistoryEntrySchema>;
