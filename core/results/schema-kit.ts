// Small TypeBox builders for the shapes the published schemas use, written so the generated
// JSON reads like hand-written JSON Schema (`"type": ["string", "null"]`, `"enum": [...]`)
// and accepts exactly what the hand-written files accepted.
import { Type, type SchemaOptions, type Static, type TLiteral, type TProperties, type TSchema, type TUnsafe } from '@sinclair/typebox';
import type { EnvFingerprintSchema } from './env.js';
import { RESULTS_KINDS, type ResultsKind } from './kinds.js';

/** The value or null: `type: [t, "null"]`, keeping the value's other keywords (they ignore null). */
export function nullable<T extends TSchema>(schema: T): TUnsafe<Static<T> | null> {
  const entries = Object.entries(schema).map(([key, value]) => [key, key === 'type' ? [value, 'null'] : value]);
  return Type.Unsafe<Static<T> | null>(Object.fromEntries(entries));
}

/** One of a list of values (strings, or null): `enum: [...]`. */
export function oneOf<const V extends readonly (string | null)[]>(values: V, options: SchemaOptions = {}): TUnsafe<V[number]> {
  return Type.Unsafe<V[number]>({ ...options, enum: [...values] });
}

/** An object whose every property value matches `value`: `additionalProperties`. */
export function mapOf<T extends TSchema>(value: T): TUnsafe<Record<string, Static<T>>> {
  return Type.Unsafe<Record<string, Static<T>>>({ type: 'object', additionalProperties: value });
}

/**
 * A value the schema checks only loosely (`loose`, e.g. `{ type: 'object' }`) but the code
 * writes as `T`: the document keeps accepting what it always accepted.
 */
export function loosely<T>(loose: SchemaOptions & Record<string, unknown>): TUnsafe<T> {
  return Type.Unsafe<T>(loose);
}

/** An array that the code treats as read-only. */
export function readonlyArray<T extends TSchema>(items: T, options: SchemaOptions = {}): TUnsafe<readonly Static<T>[]> {
  return Type.Unsafe<readonly Static<T>[]>(Type.Array(items, options));
}

/** A reference to another published schema, typed as that schema's document. */
export function ref<T extends TSchema>(id: string): TUnsafe<Static<T>> {
  return Type.Unsafe<Static<T>>({ $ref: id });
}

/** The head every results document starts with: its schemaVersion, its kind and the env block. */
export function documentHead<K extends ResultsKind>(kind: K) {
  return {
    schemaVersion: Type.Literal(RESULTS_KINDS[kind].schemaVersion) as TLiteral<(typeof RESULTS_KINDS)[K]['schemaVersion']>,
    kind: Type.Literal(kind) as TLiteral<K>,
    env: ref<typeof EnvFingerprintSchema>('env.schema.json'),
  };
}

/**
 * A record that either completed or errored: its identity (required whatever the state),
 * then the fields of its state. `state` keys the branches, so they never both match.
 */
export function completedOrErrored<I extends TProperties, C extends TProperties, E extends TProperties>(identity: I, completed: C, errored: E) {
  return Type.Intersect([
    Type.Object({ ...identity, state: oneOf(['completed', 'errored']) }),
    Type.Union([
      Type.Object({ state: Type.Literal('completed'), ...completed }),
      Type.Object({ state: Type.Literal('errored'), ...errored }),
    ]),
  ]);
}

/** The same, with a third state: skipped (never run here, with the fields that say why). */
export function completedErroredOrSkipped<I extends TProperties, C extends TProperties, E extends TProperties, S extends TProperties>(identity: I, completed: C, errored: E, skipped: S) {
  return Type.Intersect([
    Type.Object({ ...identity, state: oneOf(['completed', 'errored', 'skipped']) }),
    Type.Union([
      Type.Object({ state: Type.Literal('completed'), ...completed }),
      Type.Object({ state: Type.Literal('errored'), ...errored }),
      Type.Object({ state: Type.Literal('skipped'), ...skipped }),
    ]),
  ]);
}

/** The same, with a fourth state: counted (measured as instructions under Valgrind, not timed). */
export function completedCountedErroredOrSkipped<I extends TProperties, C extends TProperties, N extends TProperties, E extends TProperties, S extends TProperties>(identity: I, completed: C, counted: N, errored: E, skipped: S) {
  return Type.Intersect([
    Type.Object({ ...identity, state: oneOf(['completed', 'counted', 'errored', 'skipped']) }),
    Type.Union([
      Type.Object({ state: Type.Literal('completed'), ...completed }),
      Type.Object({ state: Type.Literal('counted'), ...counted }),
      Type.Object({ state: Type.Literal('errored'), ...errored }),
      Type.Object({ state: Type.Literal('skipped'), ...skipped }),
    ]),
  ]);
}
