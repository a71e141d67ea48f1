// Reading results documents: a file or a directory, checked against the published JSON
// Schema before anything trusts it. Every failure is a JwtbenchError naming the file.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type { Ajv as AjvClass, ErrorObject, ValidateFunction } from 'ajv';
import envSchema from './env.schema.json' with { type: 'json' };
import microSchema from './micro.schema.json' with { type: 'json' };
import loadSchema from './load.schema.json' with { type: 'json' };
import probeSchema from './probe.schema.json' with { type: 'json' };
import { JwtbenchError, errorMessage } from '../errors.js';
import { upgradeLoadV1 } from './load-v1.js';

export type ResultsKind = 'micro' | 'load' | 'probe';

interface KindInfo {
  schema: object;
  fileName: string;
  supportedVersion: number;
  /** older versions this jwtbench still reads, each brought to the supported one before validation */
  upgrades?: Record<number, (doc: Record<string, unknown>) => Record<string, unknown>>;
}

const KINDS: Record<ResultsKind, KindInfo> = {
  micro: { schema: microSchema, fileName: 'micro.json', supportedVersion: 1 },
  load: { schema: loadSchema, fileName: 'load.json', supportedVersion: 2, upgrades: { 1: upgradeLoadV1 } },
  probe: { schema: probeSchema, fileName: 'probe.json', supportedVersion: 1 },
};

// ajv is required on first use: importing it costs ~40 ms that `jwtbench --help` should not pay.
const require = createRequire(import.meta.url);
let validators: Map<ResultsKind, ValidateFunction> | undefined;

function validator(kind: ResultsKind): ValidateFunction {
  if (!validators) {
    const { Ajv } = require('ajv') as { Ajv: typeof AjvClass };
    const addFormats = require('ajv-formats') as { default: (ajv: AjvClass) => AjvClass };
    const ajv = new Ajv({ allErrors: false, strict: false });
    addFormats.default(ajv);
    ajv.addSchema(envSchema);
    validators = new Map(Object.entries(KINDS).map(([k, info]) => [k as ResultsKind, ajv.compile(info.schema)]));
  }
  return validators.get(kind)!;
}

function describe(errors: ErrorObject[] | null | undefined): string {
  const first = errors?.[0];
  if (!first) return 'does not match the schema';
  return `${first.instancePath || '(document)'} ${first.message ?? 'is invalid'}`;
}

/** Checks a parsed document; returns it typed, or throws naming the first problem. */
export function validateResults<T>(kind: ResultsKind, doc: unknown, source: string): T {
  const info = KINDS[kind];
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new JwtbenchError('JWTBENCH_BAD_RESULTS', `${source}: not a jwtbench results document (expected a JSON object)`);
  }
  const { kind: docKind } = doc as { kind?: unknown };
  if (docKind !== kind) {
    throw new JwtbenchError('JWTBENCH_BAD_RESULTS', `${source}: expected a "${kind}" results document, found kind ${JSON.stringify(docKind ?? null)}`);
  }
  const upgrade = info.upgrades?.[(doc as { schemaVersion?: number }).schemaVersion as number];
  if (upgrade) doc = upgrade(doc as Record<string, unknown>);
  const { schemaVersion } = doc as { schemaVersion?: unknown };
  if (schemaVersion !== info.supportedVersion) {
    throw new JwtbenchError('JWTBENCH_BAD_RESULTS',
      `${source}: unsupported schemaVersion ${JSON.stringify(schemaVersion ?? null)}; this jwtbench reads ${kind} schemaVersion ${[...Object.keys(info.upgrades ?? {}), info.supportedVersion].join(' and ')}`);
  }
  const validate = validator(kind);
  if (!validate(doc)) {
    throw new JwtbenchError('JWTBENCH_BAD_RESULTS', `${source}: invalid ${kind} results: ${describe(validate.errors)}`);
  }
  return doc as T;
}

/** Reads `path`, or `path/<kind>.json` when path is a directory, and validates it. */
export async function readResults<T>(kind: ResultsKind, path: string): Promise<T> {
  let file = path;
  try {
    if ((await stat(path)).isDirectory()) file = join(path, KINDS[kind].fileName);
  } catch (error) {
    throw new JwtbenchError('JWTBENCH_BAD_RESULTS', `${path}: cannot read results (${(error as NodeJS.ErrnoException).code ?? errorMessage(error)})`);
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new JwtbenchError('JWTBENCH_BAD_RESULTS', `${file}: cannot read results (${(error as NodeJS.ErrnoException).code ?? errorMessage(error)})`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new JwtbenchError('JWTBENCH_BAD_RESULTS', `${file}: not valid JSON, the file may be truncated or corrupt (${errorMessage(error)})`);
  }
  return validateResults<T>(kind, doc, file);
}
