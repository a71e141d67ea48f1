// The results contracts: the published schemas are what the TypeBox definitions generate, a
// document is checked before it is written, and reading a kind gives that kind's type.
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { captureEnv, uvThreadpoolSize } from '../../core/env.js';
import { JwtbenchError } from '../../core/errors.js';
import type { LoadDocument } from '../../core/results/load.js';
import type { MicroDocument } from '../../core/results/micro.js';
import type { ProbeDocument } from '../../core/results/probe.js';
import { readResults, validateResults, writeResults } from '../../core/results/results-file.js';
import { PUBLISHED_SCHEMAS, renderSchema } from '../../core/results/schemas.js';
import { tempDir } from '../support/helpers.js';

const RESULTS_SOURCE = fileURLToPath(new URL('../../../core/results/', import.meta.url));

// Compile-time checks: the kind decides the type; no caller can pick another.
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
const typed: [
  Equal<Awaited<ReturnType<typeof readResults<'micro'>>>, MicroDocument>,
  Equal<Awaited<ReturnType<typeof readResults<'load'>>>, LoadDocument>,
  Equal<Awaited<ReturnType<typeof readResults<'probe'>>>, ProbeDocument>,
  Equal<ReturnType<typeof validateResults<'micro'>>, MicroDocument>,
] = [true, true, true, true];
async function wrongKindDoesNotCompile(dir: string): Promise<void> {
  // @ts-expect-error a micro document is not a load document
  const load: LoadDocument = await readResults('micro', dir);
  // @ts-expect-error the kind is one of micro, load, probe
  await readResults('report', dir);
  void load;
}
void typed; void wrongKindDoesNotCompile;

function microDoc(): MicroDocument {
  const now = new Date();
  return {
    schemaVersion: 1,
    kind: 'micro',
    env: captureEnv(now, now),
    config: {
      preset: null,
      matrix: { algs: ['HS256'], rsaBits: [], ops: ['sign'], engines: ['node'], keyPreps: ['prepared'], payloads: ['small'], threads: [1] },
      budget: { timeMs: 10, warmupMs: 0, minSamples: 1 },
      repeat: 1,
    },
    cases: [{
      id: 'HS256/sign/node/prepared/small/t1', alg: 'HS256', keyBits: null, op: 'sign', engine: 'node', keyPrep: 'prepared',
      payload: 'small', threads: 1, repeat: 0, state: 'errored', stage: 'gate', error: 'the token did not verify',
    }],
  };
}

test('every published schema is what its TypeBox definition generates', async () => {
  for (const [name, schema] of Object.entries(PUBLISHED_SCHEMAS)) {
    const committed = await readFile(join(RESULTS_SOURCE, name), 'utf8');
    assert.ok(committed === renderSchema(schema),
      `core/results/${name} differs from its TypeBox definition (core/results/*.ts): regenerate it with "npm run schemas" and commit it`);
  }
});

test('writeResults writes a valid document that reads back, typed by its kind', async (t) => {
  const dir = await tempDir(t);
  const doc = microDoc();
  const file = await writeResults(doc, dir);
  assert.equal(file, join(dir, 'micro.json'));
  const back = await readResults('micro', dir);
  assert.deepEqual(back, doc);
  const first = back.cases[0]!;
  assert.equal(first.state === 'errored' ? first.stage : null, 'gate');
});

test('writeResults refuses an invalid document, naming its first problem, and writes nothing', async (t) => {
  const dir = await tempDir(t);
  const doc = microDoc();
  doc.config.budget.timeMs = 0;
  await assert.rejects(writeResults(doc, dir), (error: unknown) => {
    assert.ok(error instanceof JwtbenchError);
    assert.equal(error.code, 'JWTBENCH_INVALID_RESULTS');
    assert.match(error.message, /micro\.json: invalid micro results: \/config\/budget\/timeMs must be > 0; not written$/);
    return true;
  });
  // What is checked is the JSON as written: NaN would be written as null.
  const nan = microDoc();
  nan.config.repeat = Number.NaN;
  await assert.rejects(writeResults(nan, dir), /\/config\/repeat must be integer; not written/);
  const wrongKind = { ...microDoc(), kind: 'report' } as unknown as MicroDocument;
  await assert.rejects(writeResults(wrongKind, dir), /not written: "report" is not a kind of results document/);
  assert.deepEqual(await readdir(dir), [], 'no results file and no temporary file left behind');
});

test('the threadpool size recorded is the one libuv starts: atoi, 0 made 1, past 1024 (or negative) made 1024', () => {
  const cases: [string | undefined, number, boolean][] = [[undefined, 4, false], ['8', 8, true], [' 3', 3, true], ['5x', 5, true], ['0', 1, true], ['abc', 1, true], ['', 1, true], ['-1', 1024, true], ['2000', 1024, true]];
  for (const [raw, size, fromEnv] of cases) assert.deepEqual(uvThreadpoolSize(raw), { size, fromEnv }, String(raw));
});

test('a micro document the report could not read is refused: no case, a zero median, a matrix without its lists', () => {
  const refused = (doc: unknown, message: RegExp) => assert.throws(() => validateResults('micro', doc, 'm.json'), message);
  refused({ ...microDoc(), cases: [] }, /m\.json: invalid micro results: \/cases must NOT have fewer than 1 items/);
  const zero = microDoc();
  zero.cases = [{ ...zero.cases[0]!, state: 'completed', opsPerSec: 1, durationMs: 1, latencyNs: { mean: 1, p50: 0, p75: 1, p99: 1, p999: 1 }, rme: 1, samples: 1, batchMeansNs: [1],
    perThread: [{ opsInWindow: 1, tinybenchMeanNs: 1, tinybenchRme: 1, samples: 1 }], derived: { costVsHs256: null, costVsNodeFloor: null, scalingEfficiency: null } } as unknown as MicroDocument['cases'][number]];
  refused(zero, /p50 must be > 0/);
  refused({ ...microDoc(), config: { ...microDoc().config, matrix: {} } }, /\/config\/matrix must have required property 'algs'/);
  assert.doesNotThrow(() => validateResults('micro', microDoc(), 'm.json'));
});
