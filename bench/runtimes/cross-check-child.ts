// The runtime side of the cross-runtime check, run under that runtime (Bun, Deno, another Node):
// each engine verifies the token the host signed and signs one for the host to verify.
import { readFileSync } from 'node:fs';
import { ALGORITHMS } from '../../core/algorithms.js';
import { writeJsonAtomically } from '../../core/atomic-write.js';
import { errorMessage } from '../../core/errors.js';
import { loadEngineSet } from '../engines/engine-set.js';
import { fromStored } from '../instructions/key-set.js';
import { buildPayload } from '../payloads.js';
import type { CrossCheckOutcome, CrossCheckTask } from './cross-check-task.js';

const [taskFile, resultFile] = process.argv.slice(2);
if (taskFile === undefined || resultFile === undefined) {
  process.stderr.write('usage: cross-check-child.js <task.json> <result.json>\n');
  process.exit(2);
}
const task = JSON.parse(readFileSync(taskFile, 'utf8')) as CrossCheckTask;
const engines = await loadEngineSet(task.sources);
const outcomes: CrossCheckOutcome[] = [];
for (const name of [...task.sources.selected, ...engines.custom.map((e) => e.name)]) {
  const engine = engines.get(name);
  if (!engine) continue;
  for (const { alg: algName, key, hostToken } of task.algs) {
    const alg = ALGORITHMS[algName];
    if (!engine.supports(alg)) continue; // the run records why, as a skipped case
    let hostTokenThere: string | null = null;
    let token: string | null = null;
    let signError: string | null = null;
    try {
      const prepared = await engine.prepare({ alg, keys: fromStored(key), payload: buildPayload('small', task.nowS), keyPrep: 'prepared' });
      try { await prepared.verify(hostToken); } catch (error) { hostTokenThere = errorMessage(error); }
      try { token = await prepared.sign(); } catch (error) { signError = errorMessage(error); }
    } catch (error) {
      signError = `prepare failed: ${errorMessage(error)}`;
      hostTokenThere = signError;
    }
    outcomes.push({ engine: name, alg: algName, hostTokenThere, token, signError });
  }
}
await writeJsonAtomically(resultFile, outcomes);
