// The environment fingerprint recorded with every results file: enough to tell whether two
// runs can be compared, and to reproduce one. Published as env.schema.json.
import { Type, type Static } from '@sinclair/typebox';
import { mapOf, nullable } from './schema-kit.js';

export const ENV_SCHEMA_ID = 'https://jwtbench.dev/schemas/env.schema.json';

/** A runtime as core/runtimes/info.ts describes it: the measuring one here, the servers' one in load.json. */
export function runtimeInfoSchema(description: string) {
  return Type.Object({
    name: Type.Union([Type.Literal('node'), Type.Literal('bun'), Type.Literal('deno')]),
    version: Type.String(),
    cryptoBackend: Type.String({ description: 'the library behind node:crypto and WebCrypto (OpenSSL, BoringSSL, Deno\'s Rust crates)' }),
    jsEngine: Type.String({ description: 'V8 or JavaScriptCore, with its version' }),
  }, { description });
}

export const EnvFingerprintSchema = Type.Object({
  cpuModel: Type.String(),
  cores: Type.Integer({ minimum: 1, description: "the machine's logical CPUs (files before usableCores: the CPUs this process could use)" }),
  usableCores: Type.Optional(Type.Integer({ minimum: 1, description: 'the CPUs this process could use (availableParallelism): 1 when pinned with taskset' })),
  // Older files lack the fields marked optional; jwtbench always writes them.
  totalMemoryBytes: Type.Optional(Type.Number({ minimum: 0 })),
  os: Type.String(),
  arch: Type.Optional(Type.String()),
  node: Type.String({ description: "process.versions.node: on Bun and Deno the Node version they are compatible with, not a Node that ran" }),
  runtime: Type.Optional(runtimeInfoSchema('the runtime that measured (files before runtimes were measured lack it: Node)')),
  openssl: Type.String(),
  v8: Type.Optional(Type.String()),
  execArgv: Type.Optional(Type.Array(Type.String(), { description: 'the node flags the measuring process ran with, e.g. --no-concurrent-recompilation' })),
  /** versions of the measured libraries; null when one is not installed */
  libraries: mapOf(nullable(Type.String())),
  uvThreadpoolSize: Type.Integer({ minimum: 1, description: "effective libuv threadpool size; jose's WebCrypto calls run on this pool" }),
  uvThreadpoolSizeFromEnv: Type.Optional(Type.Boolean()),
  gitCommit: nullable(Type.String()),
  gitDirty: Type.Optional(nullable(Type.Boolean())),
  startedAt: Type.String({ format: 'date-time' }),
  endedAt: Type.String({ format: 'date-time' }),
}, {
  $id: ENV_SCHEMA_ID,
  title: 'jwtbench environment fingerprint',
  description: 'The machine and software a results file was measured on.',
});

export type EnvFingerprint = Static<typeof EnvFingerprintSchema>;
