// Reading and writing results documents, keyed by kind: a document is checked against its
// kind's published JSON Schema before anything trusts it (read) and before it is written
// (write), so no tool ever sees a file the schema refuses. Every failure is a JwtbenchError
// naming the file and the first problem.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type { Ajv as AjvClass, ErrorObject, ValidateFunction } from 'ajv';
// The generated schema files, not their TypeBox source: the CLI validates with exactly what is
// published, and never loads TypeBox (~100 ms). A test keeps the files equal to the source.
import envSchema from './env.schema.json' with { type: 'json' };
import microSchema from './micro.schema.json' with { type: 'json' };
import loadSchema from './load.schema.json' with { type: 'json' };
import probeSchema from './probe.schema.json' with { type: 'json' };
import radiusSchema from './radius.schema.json' with { type: 'json' };
import { JwtbenchError, errorMessage } from '../errors.js';
import { RESULTS_KINDS, type ResultsKind } from './kinds.js';
import type { LoadDocument } from './load.js';
import type { MicroDocument } from './micro.js';
import type { ProbeDocument } from './probe.js';
import type { RadiusDocument } from './radius.js';
import { upgradeLoadV1 } from './load-v1.js';

export type { ResultsKind };

/** Each kind's document type: what reading or validating a kind returns. */
export interface ResultsDocuments {
  micro: MicroDocument;
  load: LoadDocument;
  probe: ProbeDocument;
  radius: RadiusDocument;
}
export type ResultsDocument = ResultsDocuments[ResultsKind];

const SCHEMAS: Record<ResultsKind, object> = { micro: microSchema, load: loadSchema, probe: probeSchema, radius: radiusSchema };

/** Older versions this jwtbench still reads, each brought to the supported one before validation. */
const UPGRADES: Partial<Record<ResultsKind, Record<number, (doc: Record<string, unknown>) => Record<string, unknown>>>> = {
  load: { 1: upgradeLoadV1 },
};

// ajv is required on first use: importing it costs ~40 ms that `jwtbench --help` should not pay.
const require = createRequire(import.meta.url);
let ajv: AjvClass | undefined;
const validators = new Map<ResultsKind, ValidateFunction>();
const compiled = new WeakMap<object, ValidateFunction>();

function ajvInstance(): AjvClass {
  if (!ajv) {
    const { Ajv } = require('ajv') as { Ajv: typeof AjvClass };
    const addFormats = require('ajv-formats') as { default: (ajv: AjvClass) => AjvClass };
    ajv = new Ajv({ allErrors: false, strict: false });
    addFormats.default(ajv);
    ajv.addSchema(envSchema);
  }
  return ajv;
}

// Compiled per kind on first use: compiling every kind costs over a second on a busy machine,
// and a command reads one or two kinds.
function validator(kind: ResultsKind): ValidateFunction {
  let validate = validators.get(kind);
  if (!validate) validators.set(kind, validate = ajvInstance().compile(SCHEMAS[kind]));
  return validate;
}

/** The first problem of `value` against a schema built from the results contracts' parts (as results files are checked), or null. */
export function firstProblem(schema: object, value: unknown): string | null {
  let validate = compiled.get(schema);
  if (!validate) compiled.set(schema, validate = ajvInstance().compile(schema));
  return validate(value) ? null : describe(validate.errors);
}

function describe(errors: ErrorObject[] | null | undefined): string {
  const first = errors?.[0];
  if (!first) return 'does not match the schema';
  return `${first.instancePath || '(document)'} ${first.message ?? 'is invalid'}`;
}

function isKind(value: unknown): value is ResultsKind {
  return typeof value === 'string' && Object.hasOwn(RESULTS_KINDS, value);
}

/** Checks a parsed document; returns it typed, or throws naming the first problem. */
export function validateResults<K extends ResultsKind>(kind: K, doc: unknown, source: string): ResultsDocuments[K] {
  const { schemaVersion: supported } = RESULTS_KINDS[kind];
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new JwtbenchError('JWTBENCH_BAD_RESULTS', `${source}: not a jwtbench results document (expected a JSON object)`);
  }
  const { kind: docKind } = doc as { kind?: unknown };
  if (docKind !== kind) {
    throw new JwtbenchError('JWTBENCH_BAD_RESULTS', `${source}: expected a "${kind}" results document, found kind ${JSON.stringify(docKind ?? null)}`);
  }
  const upgrade = UPGRADES[kind]?.[(doc as { schemaVersion?: number }).schemaVersion as number];
  if (upgrade) doc = upgrade(doc as Record<string, unknown>);
  const { schemaVersion } = doc as { schemaVersion?: unknown };
  if (schemaVersion !== supported) {
    throw new JwtbenchError('JWTBENCH_BAD_RESULTS',
      `${source}: unsupported schemaVersion ${JSON.stringify(schemaVersion ?? null)}; this jwtbench reads ${kind} schemaVersion ${[...Object.keys(UPGRADES[kind] ?? {}), supported].join(' and ')}`);
  }
  const validate = validator(kind);
  if (!validate(doc)) {
    throw new JwtbenchError('JWTBENCH_BAD_RESULTS', `${source}: invalid ${kind} results: ${describe(validate.errors)}`);
  }
  return doc as ResultsDocuments[K];
}

/** A file's parsed JSON, or one line saying why it has none. */
async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new JwtbenchError('JWTBENCH_BAD_RESULTS', `${file}: cannot read results (${(error as NodeJS.ErrnoException).code ?? errorMessage(error)})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new JwtbenchError('JWTBENCH_BAD_RESULTS', `${file}: not valid JSON, the file may be truncated or corrupt (${errorMessage(error)})`);
  }
}

/** Reads `path`, or `path/<kind>.json` when path is a directory, and validates it. */
export async function readResults<K extends ResultsKind>(kind: K, path: string): Promise<ResultsDocuments[K]> {
  let file = path;
  try {
    if ((await stat(path)).isDirectory()) file = join(path, RESULTS_KINDS[kind].fileName);
  } catch (error) {
    throw new JwtbenchError('JWTBENCH_BAD_RESULTS', `${path}: cannot read results (${(error as NodeJS.ErrnoException).code ?? errorMessage(error)})`);
  }
  return validateResults(kind, await readJson(file), file);
}

export type KindedDocument<K extends ResultsKind> = { [P in K]: { kind: P; doc: ResultsDocuments[P] } }[K];

/** Reads a file of any of `kinds`, told by its `kind` field (not its name), and validates it. */
export async function readResultsOfKinds<K extends ResultsKind>(file: string, kinds: readonly K[]): Promise<KindedDocument<K>> {
  const doc = await readJson(file);
  const kind = (doc as { kind?: unknown } | null)?.kind;
  if (!kinds.some((k) => k === kind)) {
    throw new JwtbenchError('JWTBENCH_BAD_RESULTS', `${file}: expected ${kinds.map((k) => `a "${k}"`).join(' or ')} results document, found kind ${JSON.stringify(kind ?? null)}`);
  }
  return { kind: kind as K, doc: validateResults(kind as K, doc, file) } as KindedDocument<K>;
}

/**
 * Writes `doc` to `<outDir>/<kind>.json` atomically, after checking it against its kind's
 * schema: a document the schema refuses is a jwtbench bug, reported by its first problem, and
 * nothing is written. What is checked is the JSON as written (NaN becomes null, undefined
 * fields vanish), so a file written is a file that reads. Returns the file's path.
 */
export async function writeResults(doc: ResultsDocument, outDir: string): Promise<string> {
  const kind: unknown = (doc as { kind?: unknown }).kind;
  if (!isKind(kind)) {
    throw new JwtbenchError('JWTBENCH_INVALID_RESULTS', `not written: ${JSON.stringify(kind ?? null)} is not a kind of results document`);
  }
  const file = join(outDir, RESULTS_KINDS[kind].fileName);
  const text = `${JSON.stringify(doc, null, 2)}\n`;
  try {
    validateResults(kind, JSON.parse(text), file);
  } catch (error) {
    throw new JwtbenchError('JWTBENCH_INVALID_RESULTS', `${errorMessage(error)}; not written`, { cause: error });
  }
  // Loaded here, not at the top: commands that only read results (and their --help) skip it.
  const { writeFileAtomically } = await import('../atomic-write.js');
  await writeFileAtomically(file, text);
  return file;
}
