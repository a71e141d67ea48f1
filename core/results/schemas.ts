// The published JSON Schemas, as generated from the TypeBox definitions: what
// `npm run schemas` writes to core/results/<name>.schema.json and what a test compares the
// committed files with. Loads TypeBox: for the generator and tests, not for the CLI.
import type { TSchema } from '@sinclair/typebox';
import stringify from 'json-stringify-pretty-compact';
import { EnvFingerprintSchema } from './env.js';
import { HistoryEntrySchema } from './history.js';
import { LoadDocumentSchema } from './load.js';
import { MicroDocumentSchema } from './micro.js';
import { ProbeDocumentSchema } from './probe.js';
import { RadiusDocumentSchema } from './radius.js';
import { TopologySchema } from './topology.js';

export const PUBLISHED_SCHEMAS: Readonly<Record<string, TSchema>> = {
  'env.schema.json': EnvFingerprintSchema,
  'micro.schema.json': MicroDocumentSchema,
  'load.schema.json': LoadDocumentSchema,
  'probe.schema.json': ProbeDocumentSchema,
  'history.schema.json': HistoryEntrySchema,
  'radius.schema.json': RadiusDocumentSchema,
  'topology.schema.json': TopologySchema,
};

const FIRST = ['$schema', '$id', 'title', 'description', 'type'];

/** Keywords whose value maps names to schemas: their keys are names, kept in their order. */
const NAME_MAPS = new Set(['properties', 'patternProperties', 'definitions', '$defs']);

/** The same schema with the keywords a reader looks for first put first, at every level. */
function readerOrder(value: unknown, keysAreNames = false): unknown {
  if (Array.isArray(value)) return value.map((v) => readerOrder(v));
  if (typeof value !== 'object' || value === null) return value;
  const keys = Object.keys(value);
  const ordered = keysAreNames ? keys : [...FIRST.filter((k) => keys.includes(k)), ...keys.filter((k) => !FIRST.includes(k))];
  return Object.fromEntries(ordered.map((k) => [k, readerOrder((value as Record<string, unknown>)[k], !keysAreNames && NAME_MAPS.has(k))]));
}

/** The file's text: draft-07 declared, compact where a value fits on a line; TypeBox's symbol keys do not survive JSON. */
export function renderSchema(schema: TSchema): string {
  return `${stringify(readerOrder({ $schema: 'http://json-schema.org/draft-07/schema#', ...schema }), { maxLength: 120 })}\n`;
}
