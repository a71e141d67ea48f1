// The micro results document (`micro.json`), the contract that reports and `compare` read,
// with the vocabulary it is made of. The types are derived from the schema; the published
// micro.schema.json is generated from it (npm run schemas).
import { Type, type Static } from '@sinclair/typebox';
import { ALG_NAMES } from '../algorithms.js';
import { ENGINE_NAMES, KEY_PREPS, OPS, PAYLOAD_NAMES, type EngineName } from './names.js';
import { completedCountedErroredOrSkipped, documentHead, loosely, nullable, oneOf, readonlyArray } from './schema-kit.js';

const nonNegative = () => Type.Number({ minimum: 0 });

export const BudgetSchema = Type.Object({
  timeMs: Type.Number({ exclusiveMinimum: 0 }),
  warmupMs: Type.Number({ minimum: 0 }),
  minSamples: Type.Integer({ minimum: 1 }),
});
export type Budget = Static<typeof BudgetSchema>;

export const MicroMatrixSchema = Type.Object({
  algs: readonlyArray(oneOf(ALG_NAMES)),
  /** RSA modulus sizes, applied to RS* and PS* */
  rsaBits: readonlyArray(Type.Integer()),
  ops: readonlyArray(oneOf(OPS)),
  /** built-in engines' names, then those of engines from --engine-module */
  engines: readonlyArray(Type.String({ minLength: 1 })),
  /** key preparations; an engine runs only those it has (only jose has per-call) */
  keyPreps: readonlyArray(oneOf(KEY_PREPS)),
  payloads: readonlyArray(oneOf(PAYLOAD_NAMES)),
  threads: readonlyArray(Type.Integer({ minimum: 1 })),
});
/** The parameter matrix of `jwtbench micro`, expanded into cases by bench/matrix.ts. */
export type MicroMatrix = Static<typeof MicroMatrixSchema>;

/** TEST-ONLY (bench/test-slowdown.ts): work added to every timed call of one engine's op. */
export const TestSlowdownSchema = Type.Object({
  engine: oneOf(ENGINE_NAMES),
  op: oneOf(OPS),
  /** added work as a fraction of the op's time, e.g. 0.1 for 10% */
  fraction: Type.Number(),
});
export type TestSlowdown = Static<typeof TestSlowdownSchema>;

export const CaseSpecSchema = Type.Object({
  id: Type.String({ minLength: 1 }),
  alg: oneOf(ALG_NAMES),
  keyBits: nullable(Type.Integer({ description: 'RSA modulus size; null for algorithms whose key size is fixed', minimum: 1024 })),
  op: oneOf(OPS),
  // Any engine name: a custom engine's (--engine-module), or one from a jwtbench with other engines.
  engine: Type.String({ minLength: 1, description: "a built-in engine's name or a custom engine's (--engine-module)" }),
  keyPrep: oneOf(KEY_PREPS),
  payload: oneOf(PAYLOAD_NAMES),
  threads: Type.Integer({ minimum: 1 }),
});
/** What one benchmark case is. */
export type CaseSpec = Static<typeof CaseSpecSchema>;

export const LatencySummarySchema = Type.Object({
  mean: nonNegative(),
  // A rate is threads x 1e9 / p50: a zero median is no measurement.
  p50: Type.Number({ exclusiveMinimum: 0 }),
  p75: nonNegative(),
  p99: nonNegative(),
  p999: nonNegative(),
});
export type LatencySummary = Static<typeof LatencySummarySchema>;

export const ThreadFiguresSchema = Type.Object({
  opsInWindow: Type.Integer({ minimum: 0 }),
  tinybenchMeanNs: Type.Number({ description: "tinybench's own mean for this thread", minimum: 0 }),
  tinybenchRme: nonNegative(),
  samples: Type.Integer({ minimum: 1 }),
  eventLoopUtilization: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: "share of the timed run this thread's event loop was busy (performance.eventLoopUtilization); below 1 when the engine's async calls wait off-thread; absent in older files" })),
});
export type ThreadFigures = Static<typeof ThreadFiguresSchema>;

// This repeat's ratios, from the rate figures[] uses too (threads x 1e9 / median time per operation).
export const DerivedSchema = Type.Object({
  costVsHs256: nullable(Type.Number({ description: 'time per op relative to HS256 for the same op, engine, key prep, payload, threads and repeat (HS256 rate ÷ this rate; rate = threads × 1e9 / p50)' })),
  costVsNodeFloor: nullable(Type.Number({ description: 'time per op relative to the node:crypto floor for the same algorithm, case and repeat (floor rate ÷ this rate)' })),
  scalingEfficiency: nullable(Type.Number({ description: 'rate at k threads ÷ (k × rate at 1 thread), same repeat' })),
});
export type Derived = Static<typeof DerivedSchema>;

export const MicroCaseSchema = completedCountedErroredOrSkipped({
  // the case, and which repeat and process measured it
  ...CaseSpecSchema.properties,
  repeat: Type.Integer({ minimum: 0 }),
  process: Type.Optional(Type.Integer({ description: 'which fresh process measured the case, 1-based, when the run used several (micro --processes)', minimum: 1 })),
}, {
  opsPerSec: Type.Number({ description: "operations all threads completed in the common window ÷ the window's length", exclusiveMinimum: 0 }),
  durationMs: Type.Number({ exclusiveMinimum: 0 }),
  latencyNs: LatencySummarySchema,
  rme: Type.Number({ description: 'relative margin of error of the mean latency, percent, 95% confidence', minimum: 0 }),
  samples: Type.Integer({ minimum: 1 }),
  batchMeansNs: Type.Array(nonNegative(), { description: 'means of consecutive batches of samples, run order, per thread: what a later comparison tests', minItems: 1 }),
  perThread: Type.Array(ThreadFiguresSchema, { minItems: 1 }),
  tokenBytes: Type.Optional(Type.Integer({ minimum: 1, description: 'length in bytes of the token this case signed or verified (the same for every call); absent in older files' })),
  derived: DerivedSchema,
}, {
  // --measure instructions: counted under Valgrind (bench/instructions/), never timed.
  instructionsPerOp: Type.Number({ exclusiveMinimum: 0, description: 'instructions executed per call (callgrind Ir): the mean of the counted regions but the first, each ÷ its calls, garbage collection and compilation included; all threads of the process, libuv\'s pool included' }),
  estimatedCyclesPerOp: nullable(Type.Number({ minimum: 0, description: 'advisory, not a time: L1 hits + 5 × LL hits + 35 × RAM accesses per call from a cache simulation of fixed sizes (config.instructions.cyclesFormula); null without the simulation' })),
  opsPerRegion: Type.Integer({ minimum: 1, description: 'calls in each counted region' }),
  regionInstructionsPerOp: Type.Array(Type.Number({ minimum: 0 }), { minItems: 1, description: 'each counted region\'s instructions per call, in order' }),
  regionEstimatedCyclesPerOp: nullable(Type.Array(Type.Number({ minimum: 0 }))),
  warmupOps: Type.Integer({ minimum: 0, description: 'uncounted calls before the counted regions (the calibration region included)' }),
  steady: Type.Boolean({ description: 'every region of the figure lay within 5% of their mean; false: garbage collection fell unevenly between regions (or V8 was still tiering up); the mean repeats all the same' }),
  tokenBytes: Type.Optional(Type.Integer({ minimum: 1 })),
  inputSha256: Type.String({ pattern: '^[0-9a-f]{64}$', description: 'the key, frozen clock and verified token this count depends on: compare refuses to match counts of different inputs' }),
  tokenFromKeySet: Type.Optional(Type.Boolean({ description: 'verify: the token came from the key set (the same bytes in every run that uses it); false: signed afresh in this run' })),
  derivedInstructions: Type.Object({
    instructionsVsHs256: nullable(Type.Number({ description: 'instructions per call ÷ HS256\'s for the same op, engine, key prep and payload' })),
    instructionsVsNodeFloor: nullable(Type.Number({ description: 'instructions per call ÷ the node:crypto floor\'s for the same algorithm, op, payload' })),
  }),
}, {
  stage: oneOf(['gate', 'run'], { description: 'where it failed: the correctness gate or the timed run' }),
  error: Type.String({ minLength: 1 }),
}, {
  // A case its engine is meant for but cannot run on this runtime: never timed, never a failure.
  reason: Type.String({ minLength: 1, description: "why, e.g. the runtime's crypto lacks the algorithm" }),
});
export type MicroCase = Static<typeof MicroCaseSchema>;
export type CompletedCase = Extract<MicroCase, { state: 'completed' }>;
export type CountedCase = Extract<MicroCase, { state: 'counted' }>;
export type ErroredCase = Extract<MicroCase, { state: 'errored' }>;
export type SkippedCase = Extract<MicroCase, { state: 'skipped' }>;

export const EngineModuleRecordSchema = Type.Object({
  name: Type.String({ minLength: 1, description: 'the engine\'s name, as in the cases' }),
  path: Type.String({ minLength: 1, description: 'absolute path of the module file' }),
  sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
  imports: Type.Record(Type.String(), nullable(Type.String()), { description: 'packages the module imports directly → version installed where it is (null when not found)' }),
});
/** What micro.json records of an --engine-module (bench/engines/engine-module-record.ts). */
export type EngineModuleRecord = Static<typeof EngineModuleRecordSchema>;

const interval = (description?: string) => Type.Tuple([Type.Number(), Type.Number()], description === undefined ? {} : { description });
export type Interval = [number, number];

export const RatioFigureSchema = Type.Object({
  value: Type.Number({ description: 'the median of the two cases\' per-round ratios (rounds of one process that ran both); the ratio of their medians when they share fewer than 2 rounds' }),
  interval: interval("the order-statistic interval of the per-round ratios, widened by √2 as a case's; without shared rounds, [lowest numerator / highest denominator, highest / lowest]"),
});
export type RatioFigure = Static<typeof RatioFigureSchema>;

/** What identifies a case (everything but the repeat and process). */
export const CaseIdentitySchema = Type.Object({
  id: Type.String(),
  alg: oneOf(ALG_NAMES),
  keyBits: nullable(Type.Integer()),
  op: Type.String(),
  engine: Type.String(),
  keyPrep: Type.String(),
  payload: Type.String(),
  threads: Type.Integer({ minimum: 1 }),
});
export type CaseIdentity = Static<typeof CaseIdentitySchema>;

export const CaseFigureSchema = Type.Object({
  ...CaseIdentitySchema.properties,
  repeats: Type.Integer({ minimum: 1 }),
  opsPerSec: Type.Number({ minimum: 0, description: 'median over the repeats of their rates at the median time per operation (threads x 1e9 / p50)' }),
  opsPerSecInterval: interval("where another run's figure should fall (the median's order-statistic interval widened by √2)"),
  windowOpsPerSec: Type.Number({ minimum: 0, description: 'median of the repeats\' operations in the window ÷ the window: what the machine gave, other work included' }),
  confidence: Type.Number({ minimum: 0, maximum: 1, description: "coverage of the median's own interval before the √2 widening" }),
  unstable: nullable(Type.String({ description: 'why the figure is not to be trusted: a wide interval, disagreeing siblings, impossible scaling' })),
  costVsHs256: nullable(RatioFigureSchema),
  costVsNodeFloor: nullable(RatioFigureSchema),
  scalingEfficiency: nullable(RatioFigureSchema),
  threadBusy: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: "median over the repeats of the share of the timed run the case's threads were busy (event-loop utilisation, mean over threads); absent when not recorded" })),
  superlinear: Type.Optional(Type.String({ minLength: 1, description: 'why a scaling efficiency above 100%, interval and all, is real: the 1-thread case left its thread idle while its async calls waited, so k threads can do more than k times its work' })),
});
/** One case over its repeats (and processes): what the table, the report and micro.json show (core/repeats.ts). */
export type CaseFigure = Static<typeof CaseFigureSchema>;

/** How a --measure instructions run counted: every control that makes the counts repeatable. */
export const InstructionsConfigSchema = Type.Object({
  valgrind: Type.String({ description: 'valgrind --version' }),
  valgrindArgs: Type.Array(Type.String(), { description: 'the callgrind flags, output paths left out' }),
  nodeFlags: Type.Array(Type.String(), { description: 'V8 and Node flags of each measured process' }),
  tiers: Type.String({ description: 'which V8 tiers the counts measure' }),
  env: Type.Record(Type.String(), Type.String(), { description: 'the whole environment of each measured process' }),
  aslr: oneOf(['off', 'on'], { description: 'address-space randomisation of the measured processes (off with setarch -R where the sandbox allows it)' }),
  scheduling: Type.Optional(oneOf(['realtime', 'normal'], { description: 'realtime: each measured process pinned to a CPU of its own at SCHED_FIFO priority 1 (taskset, chrt), where allowed, so that its threads hand over in the same order however busy the machine is; normal: where that is not permitted' })),
  keySetSha256: Type.String({ pattern: '^[0-9a-f]{64}$', description: 'the key set\'s identity: keys and frozen clock (micro --keys); runs with different key sets are not compared' }),
  keySetReused: Type.Boolean({ description: 'the key set was read from --keys, not generated for this run' }),
  clockS: Type.Integer({ description: 'the frozen clock (s) of iat, exp and every verify' }),
  cacheSim: nullable(Type.Record(Type.String(), Type.String(), { description: 'callgrind\'s simulated caches (size,associativity,line)' })),
  cyclesFormula: nullable(Type.String()),
  protocol: Type.Record(Type.String(), Type.Number(), { description: 'bench/instructions/protocol.ts: warm-up, probes, regions' }),
  processPerCase: Type.Literal(true, { description: 'each case in a process of its own, so no count depends on the cases before it' }),
});
export type InstructionsConfig = Static<typeof InstructionsConfigSchema>;

export const MicroDocumentSchema = Type.Object({
  ...documentHead('micro'),
  config: Type.Object({
    preset: Type.Optional(nullable(Type.String())),
    // Its lists' items are not checked (older files hold older names), but the report reads every list.
    matrix: loosely<MicroMatrix>({
      type: 'object',
      required: ['algs', 'rsaBits', 'ops', 'engines', 'keyPreps', 'payloads', 'threads'],
      properties: Object.fromEntries(['algs', 'rsaBits', 'ops', 'engines', 'keyPreps', 'payloads', 'threads'].map((k) => [k, { type: 'array' }])),
    }),
    budget: BudgetSchema,
    repeat: Type.Integer({ minimum: 1 }),
    warmupRounds: Type.Optional(Type.Integer({ minimum: 0 })),
    processes: Type.Optional(Type.Integer({ description: 'fresh processes that each ran the warm-up rounds and the repeats', minimum: 1 })),
    testSlowdown: Type.Optional(loosely<TestSlowdown>({ description: 'TEST-ONLY: the work added to one engine\'s op (bench/test-slowdown.ts); not checked' })),
    engineModules: Type.Optional(Type.Array(EngineModuleRecordSchema, { description: 'the --engine-module files the run loaded' })),
    maxRepeats: Type.Optional(Type.Integer({ minimum: 1, description: 'an unstable case was repeated again up to this many repeats in all' })),
    extraTimeMs: Type.Optional(Type.Number({ minimum: 0, description: 'the most time those extra repeats could take' })),
    finishBy: Type.Optional(Type.String({ format: 'date-time', description: 'no extra repeat started after this time: the share of a larger run\'s time budget (micro --finish-by, set by run --budget)' })),
    pinnedCpu: Type.Optional(Type.Integer({ minimum: 0, description: 'the CPU the run was pinned to (taskset), when it was' })),
    pinnedByThreads: Type.Optional(Type.Array(Type.Object({
      threads: Type.Integer({ minimum: 1 }),
      cpus: Type.Array(Type.Integer({ minimum: 0 }), { minItems: 1 }),
    }), { description: 'when the run pinned each thread count apart: the CPUs its processes were pinned to (taskset), one entry per thread count, measured in that order' })),
    resolveFrom: Type.Optional(Type.String({ minLength: 1, description: 'the project folder jose and fast-jwt were loaded from (--resolve-from), absolute' })),
    measure: Type.Optional(oneOf(['time', 'instructions'], { description: 'what the cases measured: time (tinybench; absent in older files) or instructions (Valgrind\'s callgrind)' })),
    instructions: Type.Optional(InstructionsConfigSchema),
  }),
  cases: Type.Array(MicroCaseSchema, { minItems: 1, description: 'every case the matrix selected: completed, errored or skipped (a run selects at least one)' }),
  figures: Type.Optional(Type.Array(CaseFigureSchema, { description: 'one per case over its completed repeats and processes: the median of the repeats\' rates at the median time per operation with an order-statistic interval, ratios with intervals, and why the case is unstable (null when it is not); see docs/statistics.md' })),
}, {
  $id: 'https://jwtbench.dev/schemas/micro.schema.json',
  title: 'jwtbench micro results (micro.json)',
  description: 'Sign and verify microbenchmarks of JWS algorithms per engine, key preparation, payload and thread count.',
});
export type MicroDocument = Static<typeof MicroDocumentSchema>;

