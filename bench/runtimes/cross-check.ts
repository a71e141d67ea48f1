// The cross-runtime check: a token signed on the runtime verifies on the host, and a token the
// host signed verifies on the runtime, for every engine and algorithm the run selects. A pair
// that fails either way is unsupported there: its cases are skipped with the reason, not timed.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALGORITHMS, type AlgName } from '../../core/algorithms.js';
import { spawnTracked, stopChild } from '../../core/children.js';
import { errorMessage, JwtbenchError } from '../../core/errors.js';
import { generateKeyMaterial, type KeyMaterial } from '../../core/keys.js';
import type { ResolvedRuntime } from '../../core/runtimes/resolve.js';
import { ENGINES } from '../engines/index.js';
import type { EngineSources } from '../engines/engine-set.js';
import { toStored } from '../instructions/key-set.js';
import { buildPayload } from '../payloads.js';
import { unsupportedKey } from '../runtime-limits.js';
import type { CrossCheckOutcome, CrossCheckTask } from './cross-check-task.js';

const CHILD = fileURLToPath(new URL('./cross-check-child.js', import.meta.url));
const TIMEOUT_MS = 120_000;

export interface CrossCheckReport {
  runtime: string;
  host: string;
  /** engine/alg pairs checked both ways */
  checked: number;
  /** engine/alg → why it is unsupported on the runtime */
  unsupported: Record<string, string>;
}

/** The host's own verifier for an algorithm: the node:crypto floor, or noble-pq for ML-DSA where Node has none. */
async function hostVerifier(alg: AlgName, keys: KeyMaterial, nowS: number) {
  const spec = ALGORITHMS[alg];
  const engine = [ENGINES.node, ENGINES['noble-pq']].find((e) => e.supports(spec));
  if (!engine) return null;
  return { name: engine.name, prepared: await engine.prepare({ alg: spec, keys, payload: buildPayload('small', nowS), keyPrep: 'prepared' }) };
}

export async function crossCheck(runtime: ResolvedRuntime, algs: readonly AlgName[], sources: EngineSources): Promise<CrossCheckReport> {
  const nowS = Math.floor(Date.now() / 1000);
  const host = `node@${process.versions.node}`;
  const prepared = new Map<AlgName, { keys: KeyMaterial; verifier: Awaited<ReturnType<typeof hostVerifier>> }>();
  const taskAlgs: CrossCheckTask['algs'] = [];
  for (const alg of algs) {
    const spec = ALGORITHMS[alg];
    const keys = await generateKeyMaterial(spec, spec.defaultKeyBits);
    const verifier = await hostVerifier(alg, keys, nowS);
    if (verifier === null) continue; // the host cannot check this algorithm at all
    prepared.set(alg, { keys, verifier });
    taskAlgs.push({ alg, key: toStored(keys), hostToken: await verifier.prepared.sign() });
  }
  // Private keys made for this check alone travel in a file only this user can read, removed after.
  const work = await mkdtemp(join(tmpdir(), 'jwtbench-cross-'));
  try {
    const taskFile = join(work, 'task.json');
    const resultFile = join(work, 'result.json');
    await writeFile(taskFile, JSON.stringify({ sources, algs: taskAlgs, nowS } satisfies CrossCheckTask), { mode: 0o600 });
    const child = spawnTracked(runtime.binary, [...runtime.runArgs, CHILD, taskFile, resultFile]);
    const timer = setTimeout(() => void stopChild(child), TIMEOUT_MS);
    const code = await child.exited.finally(() => clearTimeout(timer));
    if (code !== 0) throw new JwtbenchError('JWTBENCH_RUN_FAILED', `the cross-runtime check on ${runtime.label} exited with ${code}: ${child.stderrTail().split('\n').slice(-2).join(' | ')}`);
    const outcomes = JSON.parse(await readFile(resultFile, 'utf8')) as CrossCheckOutcome[];
    const unsupported: Record<string, string> = {};
    for (const o of outcomes) {
      const { verifier } = prepared.get(o.alg)!;
      const there = `${o.engine} on ${runtime.label}`;
      let reason: string | null = null;
      if (o.hostTokenThere !== null) reason = `a token the host's ${verifier!.name} (${host}) signed does not verify with ${there}: ${o.hostTokenThere}`;
      else if (o.token === null) reason = `${there} could not sign: ${o.signError}`;
      else {
        try { await verifier!.prepared.verify(o.token); } catch (error) { reason = `a token ${there} signed does not verify with the host's ${verifier!.name} (${host}): ${errorMessage(error)}`; }
      }
      if (reason !== null) unsupported[unsupportedKey(o.engine, o.alg)] = `unsupported: cross-runtime check: ${reason}`;
    }
    return { runtime: runtime.label, host, checked: outcomes.length, unsupported };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
