// One measured process: runs one case under callgrind, brackets each region with the addon's
// client requests and reads the dump callgrind writes at each region's end. Started by
// run-instructions.ts as `valgrind … node <V8 flags> child.js <task.json>`; one case per process,
// so the call sites (and jose's inner ones) have seen only this case.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { ALGORITHMS } from '../../core/algorithms.js';
import { writeJsonAtomically } from '../../core/atomic-write.js';
import { errorMessage } from '../../core/errors.js';
import { loadEngineSet } from '../engines/engine-set.js';
import { buildPayload } from '../payloads.js';
import { regionCounts } from './callgrind-dump.js';
import type { ChildResult, ChildTask } from './child-task.js';
import { fromStored, type StoredKey } from './key-set.js';
import { countCase } from './protocol.js';

// A scavenge, not a full collection: a full one discards compiled code and type feedback, and each
// region then paid for warming up again (the floor's HS256 sign counted 117k instructions a call
// instead of 48k).
const scavenge = (globalThis as { gc?: (options: { type: 'minor' }) => void }).gc;
const collectGarbage = () => {
  if (!scavenge) throw new Error('run with --expose-gc');
  scavenge({ type: 'minor' });
};

interface Addon { start(): void; stop(name: string): void; running(): boolean }

async function measure(task: ChildTask): Promise<ChildResult> {
  const addon = createRequire(import.meta.url)(task.addon) as Addon;
  if (!addon.running()) throw new Error('not running under Valgrind');
  const { spec } = task;
  const alg = ALGORITHMS[spec.alg];
  const engine = (await loadEngineSet(task.sources)).get(spec.engine);
  if (!engine) throw new Error(`no engine named ${spec.engine}`);
  const prepared = await engine.prepare({ alg, keys: fromStored(task.key as StoredKey), payload: buildPayload(spec.payload, task.clockS), keyPrep: spec.keyPrep, clockS: task.clockS });
  let token = task.token ?? '';
  let fn: () => unknown;
  if (spec.op === 'verify') {
    await prepared.verify(token); // known good before anything is counted
    fn = () => prepared.verify(token);
  } else {
    fn = prepared.async ? async () => { token = await prepared.sign(); } : () => { token = prepared.sign() as string; };
  }
  // Two loops of their own: each call site sees one function, sync or async, as in production.
  const loop = prepared.async
    ? async (n: number) => { for (let i = 0; i < n; i++) await fn(); }
    : async (n: number) => { for (let i = 0; i < n; i++) fn(); };
  let dumps = 0;
  const counted = await countCase({
    warm: (n) => loop(n),
    async count(n, name) {
      // An empty new space first, uncounted: otherwise a scavenge that the warm-up's (or an earlier
      // region's) garbage makes due lands in whichever region reaches it, and moves with the code around it.
      collectGarbage();
      addon.start();
      await loop(n);
      addon.stop(name);
      dumps += 1;
      return regionCounts(readFileSync(`${task.dumpFile}.${dumps}`, 'utf8'));
    },
  }, task.protocol);
  if (spec.op === 'sign') await prepared.verify(token); // the counted calls produced real signatures
  return { state: 'counted', tokenBytes: token.length, ...counted };
}

const taskFile = process.argv[2];
if (taskFile === undefined) {
  process.stderr.write('usage: child.js <task.json>\n');
  process.exit(2);
}
const task = JSON.parse(readFileSync(taskFile, 'utf8')) as ChildTask;
let result: ChildResult;
try {
  result = await measure(task);
} catch (error) {
  result = { state: 'errored', error: errorMessage(error) };
}
await writeJsonAtomically(task.resultFile, result);
